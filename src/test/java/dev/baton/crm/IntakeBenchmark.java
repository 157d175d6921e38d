package dev.baton.crm;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static dev.baton.crm.WebhookCalls.batch;
import static dev.baton.crm.WebhookCalls.stageChange;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.baton.handoff.HandoffStarter;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import dev.baton.support.BatonIntegrationTest;
import dev.baton.support.ConfiguredJobExecutor;
import dev.baton.support.TestCrmServer;
import dev.baton.support.TestMailServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.variable.Variables;
import org.camunda.spin.plugin.variable.SpinValues;
import org.camunda.bpm.spring.boot.starter.property.CamundaBpmProperties;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Intake benchmark (not part of the suite): signed HubSpot webhooks posted over HTTP to the running
 * application by several client threads (keep-alive connections, as HubSpot's delivery keeps them), next to the bare engine starting the same process with the same
 * variables through RuntimeService, in the same run and database; then latency at a paced 100 requests/s.
 * Each webhook carries one won deal, so every request starts one handoff (dedupe row included).
 *
 * <p>During the paced phase the job executor runs as configured ({@code camunda.bpm.job-execution}; the test
 * profile turns it off), so each handoff also runs its jobs (HubSpot's API is WireMock, mail GreenMail), and the
 * due jobs are counted every second during the phase and after it: the backlog must not grow behind the webhooks.
 * The earlier phases' handoffs have their jobs suspended first, so only the paced phase's work is counted.
 *
 * <pre>
 * mvn -B -ntp test -Dtest=IntakeBenchmark                                   # H2 in memory
 * DB_URL=jdbc:postgresql://localhost:5432/baton_test DB_USER=baton DB_PASSWORD=baton \
 *   mvn -B -ntp test -Ppostgres -Dtest=IntakeBenchmark                      # PostgreSQL
 * </pre>
 * Knobs (system properties): benchmark.threads (8), benchmark.seconds (15, split into benchmark.rounds (3)
 * alternating slices of engine and webhook), benchmark.rate (100), benchmark.pacedSeconds (10),
 * benchmark.drainSeconds (30: how long after the pacing the due jobs may take to drain), benchmark.batch
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
  static final Duration DRAIN = Duration.ofSeconds(Long.getLong("benchmark.drainSeconds", 30));
  static final AtomicLong DEAL_IDS = new AtomicLong(System.currentTimeMillis() * 1000);

  @LocalServerPort int port;
  @Autowired RuntimeService runtime;
  @Autowired ObjectMapper json;
  @Autowired DataSource dataSource;
  @Autowired ProcessEngine engine;
  @Autowired ManagementService management;
  @Autowired CamundaBpmProperties camunda;

  /** HubSpot's API for the handoffs' jobs: every deal has its own company, one contact and an owner. */
  @RegisterExtension static WireMockExtension crm = TestCrmServer.create();
  /** The mails the handoffs' jobs send (tasks assigned). */
  @RegisterExtension static GreenMailExtension mail = TestMailServer.create();

  @BeforeEach
  void hubSpotAnswersEveryDeal() {
    String id = "{{request.pathSegments.[4]}}";
    answer("/crm/v3/objects/deals/.*", "{\"id\":\"" + id + "\",\"properties\":{\"dealname\":\"Benchmark deal\","
        + "\"amount\":\"30000\",\"deal_currency_code\":\"USD\",\"closedate\":\"2026-11-20T15:30:00.000Z\","
        + "\"dealstage\":\"closedwon\",\"hubspot_owner_id\":\"77\"},\"archived\":false,\"associations\":{"
        + "\"companies\":{\"results\":[{\"id\":\"" + id + "\",\"type\":\"deal_to_company\"}]},"
        + "\"contacts\":{\"results\":[{\"id\":\"501\",\"type\":\"deal_to_contact\"}]}}}");
    answer("/crm/v3/objects/companies/.*", "{\"id\":\"" + id + "\",\"properties\":{\"name\":\"Benchmark " + id
        + "\",\"domain\":\"benchmark.test\",\"industry\":\"COMPUTER_SOFTWARE\",\"numberofemployees\":\"450\","
        + "\"country\":\"Germany\"},\"archived\":false}");
    answer("/crm/v3/objects/contacts/.*", "{\"id\":\"501\",\"properties\":{\"firstname\":\"Greta\","
        + "\"lastname\":\"Bench\",\"email\":\"greta@benchmark.test\",\"jobtitle\":\"Head of Operations\","
        + "\"hs_object_id\":\"501\"},\"archived\":false}");
    answer("/crm/v3/owners/.*", "{\"id\":\"77\",\"email\":\"sales-rep-demo@baton.test\",\"firstName\":\"Sam\","
        + "\"lastName\":\"Seller\",\"userId\":9,\"archived\":false}");
  }

  private static void answer(String pathPattern, String body) {
    crm.stubFor(get(urlPathMatching(pathPattern)).willReturn(aResponse().withStatus(200)
        .withHeader("Content-Type", "application/json").withBody(body).withTransformers("response-template")));
  }

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
    Backlog backlog = new Backlog();
    Result paced = print(pacedWithJobExecutor(backlog));

    double ratio = webhooks.perSecond() / engine.perSecond();
    StringBuilder report = new StringBuilder("\n==== IntakeBenchmark on ").append(database).append(", ")
        .append(THREADS).append(" client threads, ").append(RUN.toSeconds()).append(" s per run, ")
        .append(Runtime.getRuntime().availableProcessors()).append(" CPUs ====\n")
        .append(String.format(Locale.ROOT, "%-34s %8s %10s %9s %9s %9s %9s%n", "what", "started", "per s",
            "p50 ms", "p99 ms", "max ms", "CPU ms"))
        .append(engine.line()).append('\n').append(webhooks.line()).append('\n').append(batched.line()).append('\n')
        .append(paced.line()).append('\n')
        .append(backlog.report(paced))
        .append(String.format(Locale.ROOT, "webhook/engine rate: %.2f (%d deals per call: %.2f); CPU per start "
            + "webhook/engine: %.2f; load average %.1f%n", ratio, BATCH, batched.perSecond() / engine.perSecond(),
            webhooks.cpuMillisPerStart() / engine.cpuMillisPerStart(),
            java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage()))
        .append(String.format(Locale.ROOT, "targets (PostgreSQL): >= 300 handoffs/s %s, >= 0.8 of the "
            + "engine %s, p99 < 100 ms at %d req/s %s (one deal per call), no growing job backlog %s%n",
            webhooks.perSecond() >= 300 ? "MET" : "MISSED", ratio >= 0.8 ? "MET" : "MISSED", RATE,
            paced.percentileMillis(99) < 100 ? "MET" : "MISSED", backlog.drained() ? "MET" : "MISSED"))
        .append(String.format(Locale.ROOT, "  with %d deals per call: >= 300 handoffs/s %s, >= 0.8 of the engine %s%n",
            BATCH, batched.perSecond() >= 300 ? "MET" : "MISSED",
            batched.perSecond() / engine.perSecond() >= 0.8 ? "MET" : "MISSED"));
    System.out.println(report);
    assertThat(webhooks.count()).isPositive();
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
    long cpu = ConfiguredJobExecutor.processCpuNanos();
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
    return new Result(name, (long) merged.length * startsPerCall, elapsed, merged, ConfiguredJobExecutor.processCpuNanos() - cpu);
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
    long cpu = ConfiguredJobExecutor.processCpuNanos();
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
        ConfiguredJobExecutor.processCpuNanos() - cpu);
  }

  /**
   * The paced phase with the job executor exactly as the Spring Boot starter builds it from
   * camunda.bpm.job-execution (the test profile turns it off): the earlier phases' jobs are suspended, so the
   * executor sees only what the paced webhooks create; due jobs are sampled each second until they drain.
   */
  private Result pacedWithJobExecutor(Backlog backlog) throws Exception {
    management.updateJobSuspensionState().byProcessDefinitionKey(HandoffStarter.PROCESS_KEY).suspend();
    backlog.atStart = dueJobs();
    ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor();
    ConfiguredJobExecutor executor = ConfiguredJobExecutor.start(engine, camunda);
    try {
      long cpu = ConfiguredJobExecutor.processCpuNanos();
      sampler.scheduleAtFixedRate(() -> backlog.during.add(dueJobs()), 1, 1, TimeUnit.SECONDS);
      Result paced = paced();
      long pacingStopped = System.nanoTime();
      sampler.shutdown();
      sampler.awaitTermination(10, TimeUnit.SECONDS);
      // After the pacing: one sample a second until nothing is due, or DRAIN has passed.
      long deadline = pacingStopped + DRAIN.toNanos();
      long next = pacingStopped;
      while (true) {
        long due = dueJobs();
        backlog.after.add(due);
        if (due <= backlog.atStart) {
          backlog.drainedAfter = Duration.ofNanos(System.nanoTime() - pacingStopped);
          break;
        }
        next += 1_000_000_000L;
        if (next > deadline) {
          break;
        }
        TimeUnit.NANOSECONDS.sleep(Math.max(0, next - System.nanoTime()));
      }
      backlog.cpuNanos = ConfiguredJobExecutor.processCpuNanos() - cpu;
      return paced;
    } finally {
      sampler.shutdownNow();
      executor.close();
      management.updateJobSuspensionState().byProcessDefinitionKey(HandoffStarter.PROCESS_KEY).activate();
    }
  }

  /** Jobs that could run now and wait for a job thread (locked ones being run included). */
  private long dueJobs() {
    return management.createJobQuery().executable().active().count();
  }

  /** Due jobs sampled each second during the paced phase and after it. */
  static final class Backlog {
    final List<Long> during = java.util.Collections.synchronizedList(new ArrayList<>());
    final List<Long> after = new ArrayList<>();
    long atStart;
    Duration drainedAfter;
    long cpuNanos;

    boolean drained() {
      return drainedAfter != null;
    }

    String report(Result paced) {
      long max = during.stream().mapToLong(Long::longValue).max().orElse(0);
      long last = during.isEmpty() ? 0 : during.get(during.size() - 1);
      return String.format(Locale.ROOT, "job backlog (due jobs, job executor as configured): %d at the start, max %d "
          + "and last %d during the paced phase, %s; per second %s then %s%n"
          + "CPU per handoff at %d req/s (webhook and its jobs, until drained): %.1f ms%n", atStart, max, last,
          drained() ? String.format(Locale.ROOT, "drained %.1f s after the pacing stopped", drainedAfter.toMillis() / 1000.0)
              : String.format(Locale.ROOT, "NOT drained %d s after the pacing stopped (%d due)", DRAIN.toSeconds(),
                  after.get(after.size() - 1)),
          during, after, RATE, paced.count() == 0 ? Double.NaN : cpuNanos / 1e6 / paced.count());
    }
  }
}
