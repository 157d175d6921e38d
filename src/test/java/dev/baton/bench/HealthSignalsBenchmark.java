package dev.baton.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.baton.support.BatonIntegrationTest;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A day's product usage of the whole book of business, scored (docs/benchmarks.md): 100,000 accounts, each one
 * usage signal (licences, weekly active users, features, varied per account; about one in thirty red, so
 * escalations start too), posted to
 * {@code POST /api/health-signals} over HTTP in calls of 5,000 by two client threads. Prints the wall-clock, accounts
 * scored per second and the CPU time of the JVM (server and clients) per account. Target: 100,000 in 5 minutes on
 * 2 cores with PostgreSQL (fsync on).
 *
 * <p>Accounts are inserted directly (Baton's account table), for speed. Run: {@code mvn -B -ntp test
 * -Dtest=HealthSignalsBenchmark -Ppostgres} with DB_URL/DB_USER/DB_PASSWORD (a database of its own: it leaves data
 * behind), or without {@code -Ppostgres} on H2. {@code -Dbaton.bench.accounts=N}, {@code -Dbaton.bench.batch=N}
 * (items per call), {@code -Dbaton.bench.threads=N} (client threads).
 */
@BatonIntegrationTest
class HealthSignalsBenchmark {

  static final int ACCOUNTS = Integer.getInteger("baton.bench.accounts", 100_000);
  static final int BATCH = Integer.getInteger("baton.bench.batch", 5_000);
  static final int THREADS = Integer.getInteger("baton.bench.threads", 2);
  static final String[] SEGMENTS = {"Enterprise", "Mid-Market", "SMB", "Tech-touch"};

  @LocalServerPort int port;
  @Autowired JdbcTemplate jdbc;
  @Autowired DataSource dataSource;
  final ObjectMapper json = new ObjectMapper();
  final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

  @Test
  void aDaysUsageOfTheWholeBookOfBusinessIsScored() throws Exception {
    long start = System.nanoTime();
    int made = insertAccounts();
    System.out.printf("%,d accounts (%,d inserted in %.1f s) on %s%n", ACCOUNTS, made, (System.nanoTime() - start) / 1e9,
        database());

    // Warm-up: one small call (JIT, the DMN models parsed and cached), not measured.
    post(body(0, Math.min(50, ACCOUNTS), OffsetDateTime.now(ZoneOffset.UTC).minusHours(1)));

    OffsetDateTime measuredAt = OffsetDateTime.now(ZoneOffset.UTC);
    AtomicInteger next = new AtomicInteger();
    AtomicInteger scored = new AtomicInteger();
    List<Double> callSeconds = java.util.Collections.synchronizedList(new ArrayList<>());
    long cpu0 = cpuNanos();
    long t0 = System.nanoTime();
    ExecutorService clients = Executors.newFixedThreadPool(THREADS);
    List<Future<?>> running = new ArrayList<>();
    for (int t = 0; t < THREADS; t++) {
      running.add(clients.submit(() -> {
        for (int from; (from = next.getAndAdd(BATCH)) < ACCOUNTS; ) {
          String body = body(from, Math.min(from + BATCH, ACCOUNTS), measuredAt);
          long c0 = System.nanoTime();
          JsonNode answer = post(body);
          callSeconds.add((System.nanoTime() - c0) / 1e9);
          scored.addAndGet(answer.get("scored").asInt());
        }
        return null;
      }));
    }
    for (Future<?> f : running) {
      f.get();
    }
    clients.shutdown();
    double seconds = (System.nanoTime() - t0) / 1e9;
    double cpuMillis = (cpuNanos() - cpu0) / 1e6;
    if (scored.get() != ACCOUNTS) {
      throw new AssertionError(scored.get() + " of " + ACCOUNTS + " scored");
    }
    double[] calls = callSeconds.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    System.out.printf("HealthSignalsBenchmark: %,d accounts scored in %.1f s (%.0f accounts/s), %d calls of %,d, "
            + "%d client threads; per call p50 %.1f s, max %.1f s; JVM CPU %.2f ms per account; load average %.1f%n",
        ACCOUNTS, seconds, ACCOUNTS / seconds, calls.length, BATCH, THREADS, calls[calls.length / 2],
        calls[calls.length - 1], cpuMillis / ACCOUNTS, ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    Integer escalations = jdbc.queryForObject("select count(*) from baton_health_escalation where account_id like "
        + "'bench-hs-%' and ended_at is null", Integer.class);
    System.out.printf("Red-health escalations running for the benchmark's accounts: %,d%n", escalations);
  }

  /** Tops the database up to ACCOUNTS benchmark accounts, so a second run on one database measures at once. */
  private int insertAccounts() {
    int existing = jdbc.queryForObject("select count(*) from baton_account where account_id like 'bench-hs-%'",
        Integer.class);
    Timestamp now = Timestamp.from(Instant.now());
    for (int from = existing; from < ACCOUNTS; from += 1000) {
      List<Object[]> accounts = new ArrayList<>();
      for (int i = from; i < Math.min(from + 1000, ACCOUNTS); i++) {
        accounts.add(new Object[] {id(i), "Customer " + i, SEGMENTS[i % SEGMENTS.length], now, now});
      }
      jdbc.batchUpdate("insert into baton_account (account_id, name, segment, created_at, updated_at) "
          + "values (?, ?, ?, ?, ?)", accounts);
    }
    return Math.max(0, ACCOUNTS - existing);
  }

  /**
   * A JSON array of one usage signal per account in [from, to): licences, active users and features as a product
   * reports them, varied per account (so the scores' inputs are as varied as real ones) and the same every run;
   * about one account in thirty has red adoption.
   */
  private static String body(int from, int to, OffsetDateTime at) {
    StringBuilder body = new StringBuilder(200 * (to - from)).append('[');
    for (int i = from; i < to; i++) {
      java.util.SplittableRandom random = new java.util.SplittableRandom(i);
      int purchased = 5 + random.nextInt(2000);
      int activated = (int) Math.round(purchased * (0.3 + 0.7 * random.nextDouble()));
      int wau = (int) Math.round(purchased * (0.38 + 0.62 * random.nextDouble()));
      int features = 20 + random.nextInt(41);
      int adopted = features / 5 + random.nextInt(features - features / 5 + 1);
      body.append(i == from ? "" : ",").append("{\"accountId\":\"").append(id(i)).append("\",\"timestamp\":\"")
          .append(at).append("\",\"licencesActivated\":").append(activated).append(",\"licencesPurchased\":")
          .append(purchased).append(",\"weeklyActiveUsers\":").append(wau).append(",\"licensedUsers\":")
          .append(purchased).append(",\"featuresAdopted\":").append(adopted).append(",\"featuresAvailable\":")
          .append(features).append('}');
    }
    return body.append(']').toString();
  }

  private JsonNode post(String body) throws Exception {
    HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port
            + "/api/health-signals"))
        .header("Content-Type", "application/json")
        .header("Authorization", "Basic " + Base64.getEncoder().encodeToString("integration-demo:demo"
            .getBytes(StandardCharsets.UTF_8)))
        .timeout(Duration.ofMinutes(10)).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
        HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 200) {
      throw new AssertionError(response.statusCode() + " " + response.body().substring(0, Math.min(2000, response.body().length())));
    }
    return json.readTree(response.body());
  }

  private static String id(int i) {
    return "bench-hs-" + i;
  }

  private static long cpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
  }

  private String database() throws Exception {
    try (Connection connection = dataSource.getConnection()) {
      return connection.getMetaData().getDatabaseProductName() + " " + connection.getMetaData().getDatabaseProductVersion();
    }
  }
}
