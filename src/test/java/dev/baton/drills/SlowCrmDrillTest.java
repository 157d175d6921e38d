package dev.baton.drills;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import dev.baton.engine.HttpConnectorProperties;
import dev.baton.support.BatonIntegrationTest;
import dev.baton.support.TestCrmServer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Date;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Incident;
import org.camunda.bpm.engine.runtime.Job;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The slow CRM drill: HubSpot's API (WireMock) resets connections, closes them without an
 * answer, or answers later than Baton's HTTP connector waits (baton.http-connector.read-timeout, 3 s in the
 * test profile). The enrichment job fails fast or at the timeout, is retried on the configured backoff
 * (the engine's clock moved across it), becomes an incident after the last retry, and Cockpit's Retry
 * continues the handoff once the CRM answers. Webhooks stay fast while every job thread waits on a hung
 * CRM (enrichment is asynchronous); a CRM slower than usual but within the timeout still enriches.
 */
@BatonIntegrationTest
class SlowCrmDrillTest {

  @RegisterExtension static WireMockExtension crm = TestCrmServer.create();

  /** The configured job executor pool (application.yaml core-pool-size): every thread busy on the CRM. */
  static final int JOB_THREADS = 6;

  @LocalServerPort int port;
  @Autowired ProcessEngine engine;
  @Autowired RuntimeService runtime;
  @Autowired TaskService tasks;
  @Autowired ManagementService management;
  @Autowired HttpConnectorProperties timeouts;
  HubSpotWebhooks webhooks;
  DueJobs jobs;
  final List<String> started = Collections.synchronizedList(new ArrayList<>());

  @BeforeEach
  void setUp() {
    webhooks = new HubSpotWebhooks(port);
    jobs = new DueJobs(management);
    ClockUtil.setCurrentTime(Date.from(Instant.parse("2026-11-20T15:00:00Z")));
  }

  @AfterEach
  void cleanUp() {
    ClockUtil.reset();
    // Handoffs left failing would only clutter the shared database.
    List<String> running = started.stream()
        .filter(id -> runtime.createProcessInstanceQuery().processInstanceId(id).count() == 1).toList();
    if (!running.isEmpty()) {
      runtime.deleteProcessInstances(running, "slow CRM drill", true, true);
    }
  }

  @ParameterizedTest
  @EnumSource(value = Fault.class, names = {"CONNECTION_RESET_BY_PEER", "EMPTY_RESPONSE"})
  void aCrmDroppingConnectionsIsRetriedWithBackoffThenAnIncidentAndRetryingContinuesTheHandoff(Fault fault)
      throws Exception {
    Outage outage = failThenRecover(aResponse().withFault(fault));

    // A dropped connection fails at once (Apache HttpClient first repeats an idempotent GET three times).
    assertThat(outage.attempts()).allMatch(a -> a.millis() < readTimeout().toMillis());
    int requests = crm.findAll(getRequestedFor(urlPathEqualTo(CrmStubs.dealPath(outage.dealId())))).size();
    assertThat(requests).isGreaterThan(outage.attempts().size());
    System.out.printf("Slow CRM drill, %s: %d attempts (%d HTTP requests, the last after the retry) in %d ms, "
        + "then an incident%n", fault, outage.attempts().size(), requests,
        outage.attempts().stream().mapToLong(DueJobs.Attempt::millis).sum());
  }

  @Test
  void aHungCrmTimesOutInsteadOfHoldingTheJobThreadAndRetryingContinuesTheHandoff() throws Exception {
    Duration hang = readTimeout().plusSeconds(4);
    List<DueJobs.Attempt> attempts = failThenRecover(aResponse().withStatus(200)
        .withHeader("Content-Type", "application/json").withBody("{}").withFixedDelay((int) hang.toMillis())).attempts();

    // Each attempt gives up at the read timeout, not when (if ever) the CRM answers.
    assertThat(attempts).allSatisfy(a -> assertThat(a.millis()).as("attempt took (ms)")
        .isBetween(readTimeout().toMillis() - 100, readTimeout().toMillis() + 2500));
    assertThat(attempts).allSatisfy(a -> assertThat(a.failure()).contains("SocketTimeoutException"));
    System.out.printf("Slow CRM drill, no answer for %s: %d attempts of %s ms each, then an incident%n", hang,
        attempts.size(), attempts.stream().map(DueJobs.Attempt::millis).toList());
  }

  @Test
  void webhooksAnswerFastWhileEveryJobThreadWaitsOnAHungCrm() throws Exception {
    sendWebhooks(10); // warm-up
    Latencies quiet = sendWebhooks(40);

    crm.stubFor(get(urlPathMatching("/crm/v3/objects/deals/.*"))
        .willReturn(aResponse().withStatus(200).withBody("{}").withFixedDelay((int) readTimeout().plusSeconds(2).toMillis())));
    ThreadPoolExecutor jobThreads = new ThreadPoolExecutor(JOB_THREADS, JOB_THREADS, 0, TimeUnit.MILLISECONDS,
        new LinkedBlockingQueue<>());
    Set<DueJobs.Attempt> enrichments = ConcurrentHashMap.newKeySet();
    Latencies hung;
    try {
      // Each deal's jobs go to the "job executor" as the webhook answers; its threads block on the CRM.
      hung = sendWebhooks(60, instance -> jobThreads.execute(() -> enrichments.addAll(jobs.run(() -> Set.of(instance)))));
    } finally {
      // Jobs not started yet stay due in the database; running ones end by themselves (no interrupt).
      jobThreads.getQueue().clear();
      jobThreads.shutdown();
    }
    // Every job thread is free again within the read timeout; its attempt failed, to be retried.
    assertThat(jobThreads.awaitTermination(readTimeout().toMillis() + 5000, TimeUnit.MILLISECONDS)).isTrue();
    List<DueJobs.Attempt> fetches = enrichments.stream().filter(DueJobs.Attempt::failed).toList();
    assertThat(fetches).hasSizeGreaterThanOrEqualTo(JOB_THREADS)
        .allSatisfy(a -> assertThat(a.millis()).isLessThan(readTimeout().toMillis() + 2000));

    System.out.printf("Slow CRM drill, webhook latency: CRM idle p50 %d ms, p99 %d ms, max %d ms; all %d job threads "
            + "waiting on a hung CRM (%d fetches timed out) p50 %d ms, p99 %d ms, max %d ms%n", quiet.p(50), quiet.p(99),
        quiet.max(), JOB_THREADS, fetches.size(), hung.p(50), hung.p(99), hung.max());
    assertThat(hung.p(99)).as("webhook p99 while the CRM hangs, ms").isLessThan(1000);
  }

  @Test
  void aCrmSlowerThanUsualButWithinTheTimeoutStillCompletesTheEnrichment() throws Exception {
    Duration delay = readTimeout().dividedBy(2);
    String dealId = HubSpotWebhooks.newDealId();
    CrmStubs.wonDeal(crm, dealId, delay);
    String instance = handoffFor(dealId);

    List<DueJobs.Attempt> attempts = jobs.run(() -> Set.of(instance));

    assertThat(attempts).noneMatch(DueJobs.Attempt::failed);
    assertThat(waitingAtChecklist(instance)).isTrue();
    assertThat(runtime.getVariable(instance, "segment")).isNotNull();
    // Deal, company, two contacts, owner: each called once, each answered after the delay.
    assertThat(crm.getAllServeEvents()).hasSize(5);
    long took = attempts.stream().mapToLong(DueJobs.Attempt::millis).sum();
    assertThat(took).isGreaterThanOrEqualTo(5 * delay.toMillis());
    System.out.printf("Slow CRM drill, every answer %d ms (timeout %d ms): enriched in %d ms, no retry%n",
        delay.toMillis(), readTimeout().toMillis(), took);
  }

  /**
   * A HubSpot deal whose fetch fails this way: the job is retried on the configured backoff (nothing due
   * before the next retry), the last failure raises one incident on "Fetch the deal", and once the CRM
   * answers again Cockpit's Retry continues the handoff to its checklist. Returns the failed attempts.
   */
  private Outage failThenRecover(ResponseDefinitionBuilder failure) throws Exception {
    RetrySchedule schedule = RetrySchedule.of(engine);
    String dealId = HubSpotWebhooks.newDealId();
    CrmStubs.wonDeal(crm, dealId, Duration.ZERO);
    StubMapping down = CrmStubs.failDeal(crm, dealId, failure);
    String instance = handoffFor(dealId);

    List<DueJobs.Attempt> failed = new ArrayList<>(jobs.run(() -> Set.of(instance)).stream()
        .filter(DueJobs.Attempt::failed).toList());
    assertThat(failed).hasSize(1);
    Job fetch = management.createJobQuery().processInstanceId(instance).singleResult();
    assertThat(fetch.getFailedActivityId()).isEqualTo("Task_FetchDeal");
    while (failed.size() < schedule.attempts()) {
      assertThat(fetch.getRetries()).isEqualTo(schedule.attempts() - failed.size());
      assertThat(runtime.createIncidentQuery().processInstanceId(instance).count()).isZero();
      Date next = Date.from(failed.get(failed.size() - 1).at().toInstant().plus(schedule.waitAfter(failed.size())));
      assertThat(fetch.getDuedate()).isEqualTo(next);
      ClockUtil.setCurrentTime(new Date(next.getTime() - 1000));
      assertThat(jobs.run(() -> Set.of(instance))).as("due before the backoff is over").isEmpty();
      ClockUtil.setCurrentTime(next);
      List<DueJobs.Attempt> attempt = jobs.run(() -> Set.of(instance));
      assertThat(attempt).hasSize(1).allMatch(DueJobs.Attempt::failed);
      failed.addAll(attempt);
      fetch = management.createJobQuery().jobId(fetch.getId()).singleResult();
    }
    assertThat(fetch.getRetries()).isZero();
    Incident incident = runtime.createIncidentQuery().processInstanceId(instance).singleResult();
    assertThat(incident.getActivityId()).isEqualTo("Task_FetchDeal");
    assertThat(incident.getConfiguration()).isEqualTo(fetch.getId());
    // The operator reads which call failed, and why.
    assertThat(incident.getIncidentMessage()).startsWith("GET http://localhost:" + TestCrmServer.PORT
        + CrmStubs.dealPath(dealId) + " failed: ");
    System.out.printf("Slow CRM drill: incident after %d attempts: %s%n", failed.size(), incident.getIncidentMessage());

    // The CRM answers again; the operator retries the incident in Cockpit; the job executor runs it.
    crm.removeStub(down);
    new Cockpit(port).retry(fetch.getId());
    List<DueJobs.Attempt> recovered = jobs.run(() -> Set.of(instance));
    assertThat(recovered).noneMatch(DueJobs.Attempt::failed);
    assertThat(runtime.createIncidentQuery().processInstanceId(instance).count()).isZero();
    assertThat(waitingAtChecklist(instance)).isTrue();
    return new Outage(dealId, failed);
  }

  /** A deal's failed enrichment attempts. */
  record Outage(String dealId, List<DueJobs.Attempt> attempts) {}

  private String handoffFor(String dealId) throws Exception {
    HubSpotWebhooks.Answer answer = webhooks.dealWon(dealId);
    assertThat(answer.status()).isEqualTo(200);
    assertThat(answer.outcome()).isEqualTo("created");
    started.add(answer.processInstanceId());
    return answer.processInstanceId();
  }

  private Latencies sendWebhooks(int count) throws Exception {
    return sendWebhooks(count, instance -> { });
  }

  /** Signed webhooks for new deals at about 20 a second; each created handoff is passed on. */
  private Latencies sendWebhooks(int count, java.util.function.Consumer<String> created) throws Exception {
    List<Long> millis = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      HubSpotWebhooks.Answer answer = webhooks.dealWon(HubSpotWebhooks.newDealId());
      assertThat(answer.status()).isEqualTo(200);
      started.add(answer.processInstanceId());
      created.accept(answer.processInstanceId());
      millis.add(answer.millis());
      Thread.sleep(50);
    }
    return new Latencies(millis);
  }

  private boolean waitingAtChecklist(String instance) {
    return tasks.createTaskQuery().processInstanceId(instance).taskDefinitionKey("Task_CompleteChecklist").count() == 1;
  }

  private Duration readTimeout() {
    return timeouts.readTimeout();
  }

  /** Latencies of a series of calls, in ms. */
  record Latencies(List<Long> millis) {
    long p(int percentile) {
      List<Long> sorted = millis.stream().sorted().toList();
      return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(percentile / 100.0 * sorted.size()) - 1));
    }

    long max() {
      return Collections.max(millis);
    }
  }
}
