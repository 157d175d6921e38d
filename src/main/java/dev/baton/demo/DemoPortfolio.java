package dev.baton.demo;

import dev.baton.account.Accounts;
import dev.baton.onboarding.OnboardingLaunched;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.variable.Variables;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.transaction.support.TransactionTemplate;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.baton.calendar.BusinessTime;
import dev.baton.crm.BatonSignature;
import dev.baton.crm.CrmProperties;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * A believable portfolio for a first look (demo mode, {@code baton.demo.portfolio=true}), made
 * through Baton's own public paths as a CRM and a product would: won deals posted to the signed CRM
 * webhook (handoffs wait in Tasklist), one handoff walked through Tasklist's REST API as its people
 * would (its onboarding runs), accounts with renewals due in 100 and 40 days, and one account whose
 * health turns red (an escalation runs). Runs once: a restart finds the marker account and stops.
 */
@Component
public class DemoPortfolio {

  /** The last account made: once it exists, the portfolio is complete. */
  static final String MARKER = "demo-redwood-retail";
  private static final Logger log = LoggerFactory.getLogger(DemoPortfolio.class);
  private static final String INTEGRATION = "integration-demo:" + DemoUsers.PASSWORD;

  private final CrmProperties crm;
  private final ObjectMapper json;
  private final boolean enabled;
  private final BusinessTime time;
  private final Accounts accounts;
  private final ApplicationEventPublisher events;
  private final TransactionTemplate transaction;
  private final RuntimeService runtime;
  private final ManagementService management;
  private final TaskService tasks;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private String baseUrl;

  DemoPortfolio(CrmProperties crm, ObjectMapper json, @Value("${baton.demo.portfolio:false}") boolean enabled,
      BusinessTime time, Accounts accounts, ApplicationEventPublisher events, TransactionTemplate transaction,
      RuntimeService runtime, ManagementService management, TaskService tasks) {
    this.accounts = accounts;
    this.events = events;
    this.transaction = transaction;
    this.runtime = runtime;
    this.management = management;
    this.tasks = tasks;
    this.crm = crm;
    this.json = json;
    this.enabled = enabled;
    this.time = time;
  }

  @EventListener
  void ready(ApplicationReadyEvent event) {
    if (!enabled || !(event.getApplicationContext() instanceof WebServerApplicationContext web)) {
      return;
    }
    int port = web.getWebServer().getPort();
    // In the background: the walk-through waits for the job executor, start-up does not.
    Thread seeding = new Thread(() -> {
      try {
        seed(port);
      } catch (Exception | AssertionError e) {
        log.warn("Demo portfolio incomplete ({}); it is tried again at the next start", e.toString());
      }
    }, "demo-portfolio");
    seeding.setDaemon(true);
    seeding.start();
  }

  /** Makes the portfolio on the Baton listening on this port, unless it is there already. */
  public void seed(int port) throws Exception {
    baseUrl = "http://localhost:" + port;
    if (send(get("/api/accounts/" + MARKER).header("Authorization", basic(INTEGRATION))).statusCode() == 200) {
      log.info("Demo portfolio already in place (account {})", MARKER);
      return;
    }
    LocalDate today = time.today();

    // Won deals: each handoff waits for its sales rep's checklist in Tasklist.
    dealWon("D-1001", "demo-northwind", "Northwind Logistics", 120_000, today.minusDays(1), "Ines Porter");
    dealWon("D-1002", "demo-blue-harbor", "Blue Harbor Foods", 42_000, today, "Omar Haddad");
    dealWon("D-1003", "demo-pinecrest", "Pinecrest Dental Group", 9_600, today, "Lena Fischer");
    // One handoff goes all the way, as its people would do it: its onboarding kickoff then waits. Signed today, so
    // its deadline timer cannot fire while the walk-through completes its tasks (on any weekday).
    String walked = dealWon("D-1000", "demo-summit", "Summit Outdoor Gear", 64_000, today, "Rosa Diaz");
    walkHandoff(walked, "demo-summit");

    // Live accounts: renewal preparation runs for each (the internal review at once, for the CSM).
    account("demo-brightline", "Brightline Analytics", "Mid-Market", today.plusDays(100));
    account("demo-cobalt", "Cobalt Health Partners", "Enterprise", today.plusDays(40));
    // Their people with personas (docs/lifecycle.md#contacts): the NPS survey and the renewal survey write to them.
    contacts("demo-brightline", "Maya Brandt", "maya.brandt@brightline.example", "CFO", "decision-maker",
        "Jonas Weber", "jonas.weber@brightline.example", "Head of Analytics", "champion");
    contacts("demo-cobalt", "Priya Shah", "priya.shah@cobalt.example", "COO", "decision-maker",
        "Tom Okafor", "tom.okafor@cobalt.example", "Clinic Operations Lead", "user");
    // Both have been live for nine months, so their NPS programme and business reviews run (docs/lifecycle.md).
    launchedLongAgo("demo-brightline", today.minusMonths(9), today.plusDays(100));
    launchedLongAgo("demo-cobalt", today.minusMonths(9), today.plusDays(40));
    // Cobalt's COO answered this round's NPS survey as a detractor: the CS Lead is told, the CSM closes the loop.
    npsDetractor("demo-cobalt", "priya.shah@cobalt.example", "4",
        "Reports take minutes to load and support answers slowly since the summer.");
    // Cobalt's quarterly business review is due: the CSM prepares it.
    reviewDue("demo-cobalt");
    // An account whose health turns red: the red-health escalation starts.
    account(MARKER, "Redwood Retail", "Mid-Market", today.plusDays(300));
    signal(MARKER, "{\"timestamp\":\"%s\",\"weeklyActiveUsers\":82,\"licensedUsers\":100,\"nps\":8}");
    signal(MARKER, "{\"timestamp\":\"%s\",\"weeklyActiveUsers\":12,\"licensedUsers\":100,\"nps\":3,"
        + "\"csmSentiment\":\"red\",\"csmComment\":\"Champion left; usage collapsed after the reorganisation\"}");
    log.info("Demo portfolio ready: 4 won deals (1 handed over), 2 renewals (in 100 and 40 days), an NPS detractor "
        + "and a business review due, 1 red account");
  }

  /** The account went live on that day: its facts say so, and the programmes that follow a launch start. */
  private void launchedLongAgo(String accountId, LocalDate launchDate, LocalDate renewalDate) {
    transaction.executeWithoutResult(status -> {
      accounts.markLive(accountId, launchDate, null);
      events.publishEvent(new OnboardingLaunched(accountId, null, renewalDate));
    });
  }

  /** This round of the account's NPS programme goes out now, and the respondent answers with this score. */
  private void npsDetractor(String accountId, String respondent, String score, String comment) throws Exception {
    String instance = fireTimerNow("NpsSurvey", accountId);
    String message = "NpsAnswered-" + respondent;
    await(() -> runtime.createEventSubscriptionQuery().processInstanceId(instance).eventType("message")
        .eventName(message).count() > 0, "the NPS survey of " + accountId + " to wait for " + respondent);
    // What the customer's click on the survey's link does (customer.CustomerAnswers).
    runtime.createMessageCorrelation(message).processInstanceId(instance)
        .setVariables(Variables.createVariables().putValue("customerAnswer", score).putValue("customerComment", comment)
            .putValue("customerAnsweredAt", time.nowAsDate()))
        .correlateWithResult();
    await(() -> tasks.createTaskQuery().processInstanceId(instance).count() > 0,
        "the task to close the loop with the detractor of " + accountId);
  }

  /** The account's next business review is due now: its preparation task waits for the CSM. */
  private void reviewDue(String accountId) throws Exception {
    String instance = fireTimerNow("BusinessReview", accountId);
    await(() -> tasks.createTaskQuery().processInstanceId(instance).count() > 0,
        "the preparation of the business review of " + accountId);
  }

  /** Moves the waiting timer of the account's process to now; the job executor fires it, as on its day. */
  private String fireTimerNow(String processKey, String accountId) throws Exception {
    String[] instance = new String[1];
    await(() -> {
      var found = runtime.createProcessInstanceQuery().processDefinitionKey(processKey).processInstanceBusinessKey(accountId)
          .list();
      instance[0] = found.isEmpty() ? null : found.get(0).getId();
      return instance[0] != null && management.createJobQuery().processInstanceId(instance[0]).timers().count() > 0;
    }, "the " + processKey + " timer of " + accountId);
    for (Job timer : management.createJobQuery().processInstanceId(instance[0]).timers().list()) {
      management.setJobDuedate(timer.getId(), time.nowAsDate());
    }
    return instance[0];
  }

  private static void await(java.util.function.BooleanSupplier done, String what) throws InterruptedException {
    for (int attempt = 0; attempt < 120; attempt++) {
      if (done.getAsBoolean()) {
        return;
      }
      Thread.sleep(1000);
    }
    throw new IllegalStateException("Waited two minutes for " + what);
  }

  private String dealWon(String dealId, String accountId, String name, int amount, LocalDate closed, String contact)
      throws Exception {
    Map<String, Object> deal = new LinkedHashMap<>();
    deal.put("crm", "zoho");
    deal.put("dealId", dealId);
    deal.put("accountId", accountId);
    deal.put("accountName", name);
    deal.put("amount", amount);
    deal.put("currency", "EUR");
    deal.put("closeDate", closed.toString());
    deal.put("contractStart", closed.plusDays(14).toString());
    deal.put("contractEnd", closed.plusDays(14).plusYears(1).minusDays(1).toString());
    deal.put("renewalDate", closed.plusDays(14).plusYears(1).toString());
    deal.put("ownerEmail", "sales-rep-demo@example.com");
    deal.put("contacts", java.util.List.of(Map.of("name", contact, "email",
        contact.toLowerCase().replace(' ', '.') + "@" + accountId.substring(5) + ".example", "role", "champion")));
    byte[] body = json.writeValueAsBytes(deal);
    HttpResponse<String> response = send(post("/api/webhooks/crm", body)
        .header(BatonSignature.HEADER, BatonSignature.sign(crm.webhookSecret(), Instant.now().getEpochSecond(), body)));
    check(response, "deal " + dealId);
    return json.readTree(response.body()).path("processInstanceId").asText();
  }

  /** The sales rep fills the checklist, the CSM accepts it, both hold the knowledge transfer. */
  private void walkHandoff(String processInstanceId, String accountId) throws Exception {
    Map<String, Object> checklist = new LinkedHashMap<>();
    checklist.put("useCase", "Plan and track store deliveries across 40 warehouses");
    checklist.put("pricingPlan", "Enterprise, annual");
    checklist.put("painPoints", "Spreadsheets break at peak season; no view of late deliveries");
    checklist.put("scopeModules", "Planning, Tracking, Analytics");
    checklist.put("champions", "Rosa Diaz (Head of Operations)");
    checklist.put("decisionMakers", "Tom Reed (COO)");
    checklist.put("customerAsks", "Live in all warehouses before the spring season");
    checklist.put("goalsShortTerm", "First 5 warehouses live in 6 weeks");
    checklist.put("successMeasures", "On-time deliveries from 82% to 95%");
    checklist.put("roiAnalysis", "Saves 3 planners' time and 2% of freight cost");
    checklist.put("deploymentTimeline", "Pilot in January, all warehouses by April");
    checklist.put("renewalLikelihood", "likely");
    checklist.put("salesPerceptions", "Easy sale; the COO decides fast once the numbers are clear");
    checklist.put("othersInvolved", "Head of IT security (SSO review), procurement (contract terms)");
    checklist.put("canServeToday", "partly");
    checklist.put("problemsToSolve", "Route planning today; cross-border customs documents once the EU module ships");
    checklist.put("salesKickoffSignOff", "The Sales Rep, with the Sales Manager");
    completeWhenReady(processInstanceId, "Task_CompleteChecklist", "sales-rep-demo", checklist);
    completeWhenReady(processInstanceId, "Task_ReviewChecklist", "csm-demo", Map.of("checklistReview", "accepted"));
    completeWhenReady(processInstanceId, "Task_KnowledgeTransfer", "sales-rep-demo", Map.of(
        "knowledgeTransferDate", time.nowZoned().toOffsetDateTime().toString(),
        "knowledgeTransferAttendees", "Sam Reyes (Sales Rep), Casey Morgan (CSM)",
        "knowledgeTransferNotes", "Walked through the checklist; CS owns the account from today"));
    awaitOnboarding(accountId);
  }

  /** The hand-over to onboarding is its own job after the sales rep's last step: the portfolio is ready once it ran. */
  private void awaitOnboarding(String accountId) throws Exception {
    for (int attempt = 0; attempt < 120; attempt++) {
      HttpResponse<String> count = send(get("/engine-rest/process-instance/count?processDefinitionKey=OnboardingKickoff"
          + "&businessKey=" + accountId).header("Authorization", basic("demo:" + DemoUsers.PASSWORD)));
      if (!count.body().contains("\"count\":0")) {
        return;
      }
      Thread.sleep(1000);
    }
    throw new IllegalStateException("The onboarding of the demo handoff " + accountId + " did not start");
  }

  /** Waits (the job executor runs the handoff's automatic steps) for the task, then completes it as its user. */
  private void completeWhenReady(String processInstanceId, String taskKey, String user, Map<String, Object> values)
      throws Exception {
    String credentials = user + ":" + DemoUsers.PASSWORD;
    String taskId = null;
    for (int attempt = 0; attempt < 120 && taskId == null; attempt++) {
      HttpResponse<String> tasks = send(get("/engine-rest/task?processInstanceId=" + processInstanceId
          + "&taskDefinitionKey=" + taskKey).header("Authorization", basic(credentials)));
      JsonNode found = json.readTree(tasks.body());
      if (found.isArray() && !found.isEmpty()) {
        taskId = found.get(0).path("id").asText();
      } else {
        Thread.sleep(1000);
      }
    }
    if (taskId == null) {
      throw new IllegalStateException(taskKey + " of the demo handoff did not appear for " + user);
    }
    Map<String, Object> variables = new LinkedHashMap<>();
    values.forEach((name, value) -> variables.put(name, Map.of("value", value)));
    check(send(post("/engine-rest/task/" + taskId + "/complete", json.writeValueAsBytes(Map.of("variables", variables)))
        .header("Authorization", basic(credentials))), taskKey);
  }

  private void account(String id, String name, String segment, LocalDate renewal) throws Exception {
    byte[] body = json.writeValueAsBytes(Map.of("name", name, "segment", segment, "renewalDate", renewal.toString(),
        "team", Map.of("csm", "csm-demo", "account-manager", "account-manager-demo", "sales-rep", "sales-rep-demo",
            "cs-lead", "cs-lead-demo")));
    check(send(HttpRequest.newBuilder(URI.create(baseUrl + "/api/accounts/" + id))
        .header("Content-Type", "application/json").header("Authorization", basic(INTEGRATION))
        .PUT(HttpRequest.BodyPublishers.ofByteArray(body))), "account " + id);
  }

  /** PUT /api/accounts/{id}/contacts with two people: name, e-mail, title and persona of each. */
  private void contacts(String accountId, String... people) throws Exception {
    List<Map<String, String>> list = new ArrayList<>();
    for (int i = 0; i < people.length; i += 4) {
      list.add(Map.of("name", people[i], "email", people[i + 1], "title", people[i + 2], "persona", people[i + 3]));
    }
    check(send(HttpRequest.newBuilder(URI.create(baseUrl + "/api/accounts/" + accountId + "/contacts"))
        .header("Content-Type", "application/json").header("Authorization", basic(INTEGRATION))
        .PUT(HttpRequest.BodyPublishers.ofByteArray(json.writeValueAsBytes(list)))), "contacts of " + accountId);
  }

  private void signal(String accountId, String template) throws Exception {
    byte[] body = template.formatted(OffsetDateTime.now()).getBytes(StandardCharsets.UTF_8);
    check(send(post("/api/accounts/" + accountId + "/health-signals", body).header("Authorization", basic(INTEGRATION))),
        "health signal for " + accountId);
  }

  private HttpRequest.Builder get(String path) {
    return HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(30));
  }

  private HttpRequest.Builder post(String path, byte[] body) {
    return HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(30))
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofByteArray(body));
  }

  private HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static void check(HttpResponse<String> response, String what) {
    if (response.statusCode() >= 300) {
      throw new IllegalStateException(what + ": HTTP " + response.statusCode() + " " + response.body());
    }
  }

  private static String basic(String credentials) {
    return "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8));
  }
}
