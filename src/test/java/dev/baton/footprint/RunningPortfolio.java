package dev.baton.footprint;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * Makes a portfolio of running process instances the way Baton's users make it, through its public paths
 * only (no engine start by key): won deals posted to the signed CRM webhook, each a handoff waiting at its
 * sales rep's checklist plus the account's renewal preparation waiting on its first timer (135 days before); a share of those
 * handoffs walked through Tasklist's REST calls into onboarding (waiting at the kickoff); accounts put
 * through the accounts API whose health signal turns them red (an escalation waiting at the recovery plan,
 * plus their renewal preparation). The job executor does the asynchronous steps and sends every mail.
 */
final class RunningPortfolio {

  static final List<String> PROCESSES = List.of("SalesToCsHandoff", "OnboardingKickoff", "RenewalPreparation",
      "RedHealthEscalation", "MailDelivery");
  private static final int CLIENTS = 4;
  private static final Duration SETTLE_TIMEOUT = Duration.ofMinutes(60);

  /** What was made and what the engine holds afterwards. */
  record Made(int deals, int onboardings, int redAccounts, Duration took, Map<String, Long> running, long total,
      long jobs, long failedJobs, long incidents) {}

  private final BatonApi api;
  private final int instances;
  private final String run;
  private final LocalDate today = LocalDate.now();

  RunningPortfolio(BatonApi api, int instances, String run) {
    this.api = api;
    this.instances = instances;
    this.run = run;
  }

  /** Every deal makes two running instances (handoff or onboarding, renewal), every red account two too. */
  Made create() throws Exception {
    int deals = instances * 2 / 5;
    int red = (instances - 2 * deals) / 2;
    int onboardings = instances / 20;
    long start = System.nanoTime();

    AtomicReferenceArray<String> handoffs = new AtomicReferenceArray<>(deals);
    parallel("won deals (signed CRM webhook)", deals, i -> handoffs.set(i, api.dealWon(deal(i))));
    parallel("red accounts (accounts + health API)", red, this::redAccount);
    settle();
    parallel("handoffs walked into onboarding (Tasklist's REST calls)", onboardings, i -> walk(handoffs.get(i)));
    settle();

    Map<String, Long> running = new LinkedHashMap<>();
    for (String key : PROCESSES) {
      running.put(key, api.count("/engine-rest/process-instance/count?processDefinitionKey=" + key));
    }
    return new Made(deals, onboardings, red, Duration.ofNanos(System.nanoTime() - start), running,
        api.count("/engine-rest/process-instance/count"), api.count("/engine-rest/job/count"),
        api.count("/engine-rest/job/count?withException=true"), api.count("/engine-rest/incident/count"));
  }

  private Map<String, Object> deal(int i) {
    LocalDate contractStart = today.plusDays(i % 60);
    Map<String, Object> deal = new LinkedHashMap<>();
    deal.put("crm", "zoho");
    deal.put("dealId", run + "-deal-" + i);
    deal.put("accountId", run + "-" + i);
    deal.put("accountName", "Footprint Customer " + i);
    // Contract values across the segments of CustomerSegmentation.dmn.
    deal.put("amount", List.of(6_000, 18_000, 45_000, 120_000, 300_000).get(i % 5));
    deal.put("currency", "EUR");
    // Closed today: the handoff SLA (1 to 3 business days) is not due while the benchmark runs.
    deal.put("closeDate", today.toString());
    deal.put("contractStart", contractStart.toString());
    deal.put("contractEnd", contractStart.plusYears(1).minusDays(1).toString());
    deal.put("renewalDate", contractStart.plusYears(1).toString());
    deal.put("ownerEmail", "sales-rep-demo@example.com");
    deal.put("contacts", List.of(Map.of("name", "Contact " + i, "email", "contact" + i + "@customer" + i + ".example",
        "role", "champion")));
    return deal;
  }

  private void redAccount(int i) throws Exception {
    String accountId = run + "-red-" + i;
    api.putAccount(accountId, Map.of("name", "Footprint Red " + i, "segment", i % 2 == 0 ? "Mid-Market" : "SMB",
        // Beyond the internal review's 135 days: the renewal preparation waits on its first timer.
        "renewalDate", today.plusDays(140 + i % 500).toString(),
        "team", Map.of("csm", "csm-demo", "account-manager", "account-manager-demo", "sales-rep", "sales-rep-demo",
            "cs-lead", "cs-lead-demo")));
    JsonNode health = api.healthSignal(accountId, Map.of("timestamp", OffsetDateTime.now().toString(),
        "weeklyActiveUsers", 12, "licensedUsers", 100, "csmSentiment", "red",
        "csmComment", "Champion left; usage collapsed"));
    if (health.path("escalationProcessInstanceId").isMissingNode() || health.path("escalationProcessInstanceId").isNull()) {
      throw new IllegalStateException("Account " + accountId + " turned " + health.path("band") + " without an escalation");
    }
  }

  /** The sales rep fills the checklist, the CSM accepts it, both hold the knowledge transfer: onboarding starts. */
  private void walk(String handoff) throws Exception {
    Map<String, Object> checklist = new LinkedHashMap<>();
    checklist.put("useCase", "Plan and track deliveries across the warehouses");
    checklist.put("pricingPlan", "Annual");
    checklist.put("painPoints", "Spreadsheets break at peak season");
    checklist.put("scopeModules", "Planning, Tracking");
    checklist.put("champions", "The head of operations");
    checklist.put("decisionMakers", "The COO");
    checklist.put("customerAsks", "Live before the season");
    checklist.put("goalsShortTerm", "First sites live in 6 weeks");
    checklist.put("successMeasures", "On-time deliveries from 82% to 95%");
    checklist.put("roiAnalysis", "Saves 3 planners' time");
    checklist.put("deploymentTimeline", "Pilot next month, all sites in a quarter");
    checklist.put("renewalLikelihood", "likely");
    checklist.put("salesPerceptions", "Decides fast once the numbers are clear");
    checklist.put("othersInvolved", "IT security lead, procurement");
    checklist.put("canServeToday", "partly");
    checklist.put("salesKickoffSignOff", "The Sales Rep");
    complete(handoff, "Task_CompleteChecklist", "sales-rep-demo:demo", checklist);
    complete(handoff, "Task_ReviewChecklist", "csm-demo:demo", Map.of("checklistReview", "accepted"));
    complete(handoff, "Task_KnowledgeTransfer", "sales-rep-demo:demo", Map.of(
        "knowledgeTransferDate", OffsetDateTime.now().toString(),
        "knowledgeTransferAttendees", "Sales Rep, CSM",
        "knowledgeTransferNotes", "Walked through the checklist"));
  }

  private void complete(String processInstanceId, String taskKey, String credentials, Map<String, Object> values)
      throws Exception {
    long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
    String taskId;
    while ((taskId = api.openTask(processInstanceId, taskKey, credentials)) == null) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(taskKey + " of handoff " + processInstanceId + " did not appear");
      }
      Thread.sleep(500);
    }
    api.complete(taskId, values, credentials);
  }

  /** Waits until the job executor has run every due job (handoff steps, mails). */
  private void settle() throws Exception {
    long start = System.nanoTime();
    int quiet = 0;
    while (quiet < 2) {
      long due = api.count("/engine-rest/job/count?executable=true");
      quiet = due == 0 ? quiet + 1 : 0;
      if (System.nanoTime() - start > SETTLE_TIMEOUT.toNanos()) {
        throw new IllegalStateException(due + " jobs still due after " + SETTLE_TIMEOUT);
      }
      Thread.sleep(1000);
    }
    System.out.printf("  job executor idle after %.1f s%n", (System.nanoTime() - start) / 1e9);
  }

  interface Step {
    void run(int i) throws Exception;
  }

  /** Runs count steps on a few client threads (a CRM, an integration and people calling at once). */
  private void parallel(String what, int count, Step step) throws Exception {
    long start = System.nanoTime();
    AtomicInteger next = new AtomicInteger();
    AtomicInteger done = new AtomicInteger();
    ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
    List<Future<?>> running = new ArrayList<>();
    for (int t = 0; t < CLIENTS; t++) {
      running.add(clients.submit(() -> {
        for (int i = next.getAndIncrement(); i < count; i = next.getAndIncrement()) {
          step.run(i);
          done.incrementAndGet();
        }
        return null;
      }));
    }
    clients.shutdown();
    while (!clients.awaitTermination(15, java.util.concurrent.TimeUnit.SECONDS)) {
      System.out.printf("  ... %s: %d of %d after %.0f s%n", what, done.get(), count, (System.nanoTime() - start) / 1e9);
    }
    for (Future<?> future : running) {
      future.get();
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    System.out.printf("  %s: %d in %.1f s (%.1f/s)%n", what, count, seconds, count / seconds);
  }
}
