package dev.baton.crm;

import static dev.baton.crm.WebhookCalls.batch;
import static dev.baton.crm.WebhookCalls.stageChange;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.baton.handoff.HandoffStarter;
import dev.baton.support.BatonIntegrationTest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.variable.Variables;
import org.camunda.spin.plugin.variable.SpinValues;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Intake benchmark (not part of the suite): signed HubSpot webhooks posted over HTTP to the running
 * application by several client threads (keep-alive connections, as HubSpot's delivery keeps them), next to the bare engine starting the same process with the same
 * variables through RuntimeService, in the same run and database; then latency at a paced 100 requests/s.
 * Each webhook carries one won deal, so every request starts one handoff (dedupe row included).
 *
 * <pre>
 * mvn -B -ntp test -Dtest=IntakeBenchmark                                   # H2 in memory
 * DB_URL=jdbc:postgresql://localhost:5432/baton_test DB_USER=baton DB_PASSWORD=baton \
 *   mvn -B -ntp test -Ppostgres -Dtest=IntakeBenchmark                      # PostgreSQL
 * </pre>
 * Knobs (system properties): benchmark.threads (8), benchmark.seconds (15, split into benchmark.rounds (3)
 * alternating slices of engine and webhook), benchmark.rate (100), benchmark.pacedSeconds (10), benchmark.batch
 * (10: won deals per call in the batched slice, as HubSpot batches events, up to 100, when many occur at once;
 * its rate counts handoffs, its latencies calls).
 * "CPU ms" is this JVM's CPU per start (for webhooks including the HTTP clients, which run in it too).
 */
@BatonIntegrationTest
class IntakeBenchmark {

  static final int THREADS = Integer.getInteger("benchmark.threads", 8);
  static final Duration RUN = Duration.ofSeconds(Long.getLong("benchmark.seconds", 15));
  static final int RATE = Integer.getInteger("benchmark.rate", 100);
  static final Duration PACED = Duration.ofSeconds(Long.getLong("benchmark.pacedSeconds", 10));
  static final int ROUNDS = Integer.getInteger("benchmark.rounds", 3);
  static final int BATCH = Integer.getInteger("benchmark.batch", 10);
  static final AtomicLong DEAL_IDS = new AtomicLong(System.currentTimeMillis() * 1000);

  @LocalServerPort int port;
  @Autowired RuntimeService runtime;
  @Autowired ObjectMapper json;
  @Autowired DataSource dataSource;

  record Result(String name, long count, Duration elapsed, long[] latenciesNanos, long cpuNanos) {

    static Result plus(Result sum, Result other) {
      if (sum == null) {
        return other;
      }
      long[] merged = Arrays.copyOf(sum.latenciesNanos, sum.latenciesNanos.length + other.latenciesNanos.length);
      System.arraycopy(other.latenciesNanos, 0, merged, sum.latenciesNanos.length, other.latenciesNanos.length);
      return new Result(sum.name, sum.count + other.count, sum.elapsed.plus(other.elapsed), merged,
          sum.cpuNanos + other.cpuNanos);
    }

    /** CPU of this JVM (server and, for webhooks, the HTTP clients) per start: less sensitive to a busy machine. */
    double cpuMillisPerStart() {
      return count == 0 ? Double.NaN : cpuNanos / 1e6 / count;
    }

    double perSecond() {
      return count * 1e9 / elapsed.toNanos();
    }

    double percentileMillis(double p) {
      if (latenciesNanos.length == 0) {
        return Double.NaN;
      }
      long[] sorted = latenciesNanos.clone();
      Arrays.sort(sorted);
      int index = (int) Math.ceil(p / 100 * sorted.length) - 1;
      return sorted[Math.max(0, Math.min(sorted.length - 1, index))] / 1e6;
    }

    String line() {
      return String.format(Locale.ROOT, "%-34s %8d %10.1f %9.2f %9.2f %9.2f %9.2f", name, count, perSecond(),
          percentileMillis(50), percentileMillis(99), percentileMillis(100), cpuMillisPerStart());
    }
  }

  interface Call {
    void run() throws Exception;
  }

  @Test
  void handoffIntake() throws Exception {
    String database = dataSource.getConnection().getMetaData().getDatabaseProductName();
    // Warm-up: JIT, connection pool, caches.
    closedLoop("warm-up engine", Duration.ofSeconds(3), 1, this::bareStart);
    closedLoop("warm-up webhook", Duration.ofSeconds(3), 1, () -> webhook(1));
    closedLoop("warm-up batched webhook", Duration.ofSeconds(2), BATCH, () -> webhook(BATCH));

    // Alternating slices, so both see the same background load of a shared machine.
    Result engine = null;
    Result webhooks = null;
    Result batched = null;
    Duration slice = RUN.dividedBy(ROUNDS);
    for (int round = 0; round < ROUNDS; round++) {
      engine = Result.plus(engine, print(closedLoop("bare engine (RuntimeService)", slice, 1, this::bareStart)));
      webhooks = Result.plus(webhooks, print(closedLoop("HubSpot webhook over HTTP", slice, 1, () -> webhook(1))));
      batched = Result.plus(batched, print(closedLoop("HubSpot webhook, " + BATCH + " deals per call", slice,
          BATCH, () -> webhook(BATCH))));
    }
    Result paced = print(paced());

    double ratio = webhooks.perSecond() / engine.perSecond();
    StringBuilder report = new StringBuilder("\n==== IntakeBenchmark on ").append(database).append(", ")
        .append(THREADS).append(" client threads, ").append(RUN.toSeconds()).append(" s per run, ")
        .append(Runtime.getRuntime().availableProcessors()).append(" CPUs ====\n")
        .append(String.format(Locale.ROOT, "%-34s %8s %10s %9s %9s %9s %9s%n", "what", "started", "per s",
            "p50 ms", "p99 ms", "max ms", "CPU ms"))
        .append(engine.line()).append('\n').append(webhooks.line()).append('\n').append(batched.line()).append('\n')
        .append(paced.line()).append('\n')
        .append(String.format(Locale.ROOT, "webhook/engine rate: %.2f (%d deals per call: %.2f); CPU per start "
            + "webhook/engine: %.2f; load average %.1f%n", ratio, BATCH, batched.perSecond() / engine.perSecond(),
            webhooks.cpuMillisPerStart() / engine.cpuMillisPerStart(),
            java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage()))
        .append(String.format(Locale.ROOT, "targets (PostgreSQL): >= 300 handoffs/s %s, >= 0.8 of the "
            + "engine %s, p99 < 100 ms at %d req/s %s (one deal per call)%n", webhooks.perSecond() >= 300 ? "MET" : "MISSED",
            ratio >= 0.8 ? "MET" : "MISSED", RATE, paced.percentileMillis(99) < 100 ? "MET" : "MISSED"))
        .append(String.format(Locale.ROOT, "  with %d deals per call: >= 300 handoffs/s %s, >= 0.8 of the engine %s%n",
            BATCH, batched.perSecond() >= 300 ? "MET" : "MISSED",
            batched.perSecond() / engine.perSecond() >= 0.8 ? "MET" : "MISSED"));
    System.out.println(report);
    assertThat(webhooks.count()).isPositive();
  }

  private static long processCpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
        .getOperatingSystemMXBean()).getProcessCpuTime();
  }

  private static Result print(Result result) {
    System.out.println("IntakeBenchmark: " + result.line());
    return result;
  }

  private void bareStart() throws Exception {
    DealWon deal = DealWon.named("hubspot", String.valueOf(DEAL_IDS.incrementAndGet()));
    runtime.startProcessInstanceByKey(HandoffStarter.PROCESS_KEY, deal.businessKey(), Variables.createVariables()
        .putValue("crm", deal.crm()).putValue("dealId", deal.dealId())
        .putValueTyped("deal", SpinValues.jsonValue(json.writeValueAsString(deal)).create()));
  }

  private final ThreadLocal<KeepAliveHttp> connections = ThreadLocal.withInitial(() -> new KeepAliveHttp("localhost", port));

  /** One signed HubSpot webhook with this many won deals, as HubSpot sends it; fails unless all were created. */
  private void webhook(int deals) throws Exception {
    String[] events = new String[deals];
    for (int i = 0; i < deals; i++) {
      events[i] = stageChange(String.valueOf(DEAL_IDS.incrementAndGet()), "closedwon");
    }
    byte[] body = batch(events).getBytes(java.nio.charset.StandardCharsets.UTF_8);
    String timestamp = String.valueOf(System.currentTimeMillis());
    KeepAliveHttp.Answer answer = connections.get().post(HubSpotWebhookController.PATH, body,
        HubSpotSignature.SIGNATURE_HEADER,
        HubSpotSignature.sign(WebhookCalls.HUBSPOT_SECRET, "POST", WebhookCalls.HUBSPOT_URL, body, timestamp),
        HubSpotSignature.TIMESTAMP_HEADER, timestamp);
    if (answer.status() != 200 || !answer.body().contains("\"created\":" + deals + ",")) {
      throw new IllegalStateException("Webhook not created: " + answer.status() + " " + answer.body());
    }
  }

  /** THREADS threads call as fast as they can for the duration; each call starts {@code startsPerCall}. */
  private Result closedLoop(String name, Duration duration, int startsPerCall, Call call) throws Exception {
    ExecutorService threads = Executors.newFixedThreadPool(THREADS);
    long cpu = processCpuNanos();
    long start = System.nanoTime();
    long end = start + duration.toNanos();
    List<Future<long[]>> futures = new ArrayList<>();
    for (int t = 0; t < THREADS; t++) {
      futures.add(threads.submit(() -> {
        long[] latencies = new long[1024];
        int n = 0;
        while (System.nanoTime() < end) {
          long before = System.nanoTime();
          call.run();
          if (n == latencies.length) {
            latencies = Arrays.copyOf(latencies, n * 2);
          }
          latencies[n++] = System.nanoTime() - before;
        }
        return Arrays.copyOf(latencies, n);
      }));
    }
    List<long[]> all = new ArrayList<>();
    for (Future<long[]> future : futures) {
      all.add(future.get());
    }
    Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
    threads.shutdown();
    long[] merged = all.stream().flatMapToLong(Arrays::stream).toArray();
    return new Result(name, (long) merged.length * startsPerCall, elapsed, merged, processCpuNanos() - cpu);
  }

  /**
   * Open loop: one request every 1/RATE s whether or not earlier ones have answered; latency is measured
   * from the moment the request was due, so a stall is not hidden by sending less (coordinated omission).
   */
  private Result paced() throws Exception {
    ExecutorService clients = Executors.newFixedThreadPool(4 * THREADS);
    int total = (int) (RATE * PACED.toSeconds());
    long interval = 1_000_000_000L / RATE;
    long[] latencies = new long[total];
    AtomicLong failed = new AtomicLong();
    List<Future<?>> sent = new ArrayList<>();
    long cpu = processCpuNanos();
    long start = System.nanoTime();
    for (int i = 0; i < total; i++) {
      long due = start + i * interval;
      long wait = due - System.nanoTime();
      if (wait > 0) {
        Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
      }
      int index = i;
      sent.add(clients.submit(() -> {
        try {
          webhook(1);
        } catch (Exception e) {
          failed.incrementAndGet();
        }
        latencies[index] = System.nanoTime() - due;
      }));
    }
    for (Future<?> future : sent) {
      future.get();
    }
    Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
    clients.shutdown();
    if (failed.get() > 0) {
      System.out.println("IntakeBenchmark: " + failed.get() + " of " + total + " paced webhooks failed");
    }
    return new Result("paced webhook at " + RATE + " req/s", total - failed.get(), elapsed, latencies,
        processCpuNanos() - cpu);
  }
}
