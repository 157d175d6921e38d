package dev.baton.successplan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.baton.account.Account;
import dev.baton.account.AccountService;
import dev.baton.account.Accounts;
import dev.baton.onboarding.OnboardingLaunched;
import dev.baton.support.BatonIntegrationTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.camunda.bpm.engine.variable.VariableMap;
import org.camunda.bpm.engine.variable.Variables;
import org.camunda.spin.plugin.variable.SpinValues;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * {@code GET /api/accounts/{id}/success-plan} (docs/lifecycle.md#the-success-plan-api): the plan agreed at
 * onboarding is version 1 (also for a plan agreed before versions were kept), a business review records the
 * next; the account's team and API clients read it, other staff get 403, an unknown account 404.
 */
@BatonIntegrationTest
class SuccessPlanApiTest {

  static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");
  static final Map<String, String> TEAM = Map.of("csm", "csm-demo", "cs-lead", "cs-lead-demo");

  @LocalServerPort int port;
  @Autowired ProcessEngine engine;
  @Autowired AccountService accountService;
  @Autowired Accounts accounts;
  @Autowired RuntimeService runtime;
  @Autowired TaskService tasks;
  @Autowired ManagementService management;
  @Autowired IdentityService identity;
  @Autowired ApplicationEventPublisher events;
  @Autowired TransactionTemplate transaction;
  @Autowired JdbcClient jdbc;
  @Autowired ObjectMapper json;
  final HttpClient http = HttpClient.newHttpClient();
  String account;

  @BeforeEach
  void planAgreedAtOnboardingBeforeVersionsWereKept() {
    BpmnAwareTests.init(engine);
    ClockUtil.setCurrentTime(Date.from(NOW));
    account = "plan-api-" + UUID.randomUUID().toString().substring(0, 8);
    accountService.save(new Account(account, "Acme " + account, "enterprise", null, null, TEAM));
    // As an onboarding launched before this change left it: the confirmed plan in the onboarding table only.
    jdbc.sql("""
            insert into baton_onboarding (process_instance_id, account_id, started_at, ended_at, outcome, success_plan,
              success_plan_status) values (?, ?, ?, ?, 'launched', ?, 'confirmed')""")
        .params("onb-" + account, account, Timestamp.from(NOW.minusSeconds(86400 * 60)), Timestamp.from(NOW), """
            {"objectives":[{"objective":"Onboard new hires faster","measure":"quantitative","baseline":"10 days",
              "target":"5 days","owner":"Kim Key"}],
             "milestones":[{"milestone":"All teams live","date":"2027-03-01","owner":"Kim Key"}],
             "accountId":"%s","version":2,"draftedAt":"2026-10-01T10:00:00Z"}""".formatted(account))
        .update();
  }

  @AfterEach
  void resetClock() {
    ClockUtil.reset();
  }

  @Test
  void thePlanAgreedAtOnboardingIsVersionOneAndAHeldReviewRecordsVersionTwo() throws Exception {
    JsonNode first = json.readTree(get(account, "integration-demo:demo").body());
    assertThat(first.get("accountId").asText()).isEqualTo(account);
    assertThat(first.get("current").get("version").asInt()).isEqualTo(1);
    assertThat(first.get("current").get("source").asText()).isEqualTo("onboarding");
    assertThat(first.get("current").get("objectives").get(0).get("target").asText()).isEqualTo("5 days");
    assertThat(first.get("current").get("milestones")).hasSize(1);
    assertThat(first.get("history")).isEmpty();

    reviewHeld();

    HttpResponse<String> answer = get(account, "csm-demo:demo");
    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
    JsonNode plan = json.readTree(answer.body());
    JsonNode current = plan.get("current");
    assertThat(current.get("version").asInt()).isEqualTo(2);
    assertThat(current.get("source").asText()).isEqualTo("business-review");
    assertThat(current.get("recordedBy").asText()).isEqualTo("csm-demo");
    assertThat(current.get("recordedAt").asText()).startsWith("2027-02-23");
    assertThat(current.get("objectives").get(0).get("status").asText()).isEqualTo("at-risk");
    assertThat(current.get("objectives").get(0).get("progress").asText()).isEqualTo("7 days");
    assertThat(current.get("milestones").get(0).get("milestone").asText()).isEqualTo("All teams live");
    assertThat(plan.get("history")).hasSize(1);
    assertThat(plan.get("history").get(0).get("version").asInt()).isEqualTo(1);
    assertThat(plan.get("history").get(0).get("objectives").get(0).has("status")).isFalse();
  }

  @Test
  void anAccountWithoutAPlanHasNoCurrentVersion() throws Exception {
    String planless = "plan-api-" + UUID.randomUUID().toString().substring(0, 8);
    accountService.save(new Account(planless, "Planless " + planless, "smb", null, null, TEAM));

    JsonNode plan = json.readTree(get(planless, "integration-demo:demo").body());

    assertThat(plan.get("current").isNull()).isTrue();
    assertThat(plan.get("history")).isEmpty();
  }

  @Test
  void theAccountsTeamMayReadThePlanOtherStaffMayNotAndAnUnknownAccountIsNotFound() throws Exception {
    assertThat(get(account, "csm-demo:demo").statusCode()).isEqualTo(200);
    HttpResponse<String> other = get(account, "finance-demo:demo");
    assertThat(other.statusCode()).isEqualTo(403);
    assertThat(other.headers().firstValue("Content-Type")).hasValueSatisfying(type ->
        assertThat(type).startsWith("application/problem+json"));
    HttpResponse<String> unknown = get("no-such-account-" + UUID.randomUUID(), "integration-demo:demo");
    assertThat(unknown.statusCode()).isEqualTo(404);
    assertThat(unknown.headers().firstValue("Content-Type")).hasValueSatisfying(type ->
        assertThat(type).startsWith("application/problem+json"));
  }

  /** The account goes live and its first business review (enterprise: three months on) is prepared and held. */
  private void reviewHeld() {
    transaction.executeWithoutResult(status -> {
      accounts.markLive(account, LocalDate.of(2026, 11, 23), 30);
      events.publishEvent(new OnboardingLaunched(account, "onb-" + account, null));
    });
    ProcessInstance reviews = runtime.createProcessInstanceQuery().processDefinitionKey("BusinessReview")
        .processInstanceBusinessKey(account).singleResult();
    Job timer = management.createJobQuery().processInstanceId(reviews.getId()).timers().singleResult();
    ClockUtil.setCurrentTime(timer.getDuedate());
    execute(timer);
    complete(reviews, "Task_PrepareReview", Variables.createVariables().putValue("reviewAgenda", "Value, roadmap")
        .putValue("reviewData", "Onboarding time per hire").putValue("reviewInvitees", "Dana Boss")
        .putValue("reviewScheduledOn", "2027-02-23"));
    ClockUtil.setCurrentTime(Date.from(Instant.parse("2027-02-23T15:00:00Z")));
    complete(reviews, "Task_HoldReview", Variables.createVariables().putValue("reviewHeldOn", "2027-02-23")
        .putValue("reviewAttendees", "Dana Boss; CSM")
        .putValue("reviewObjectives", SpinValues.jsonValue("""
            [{"ref":1,"objective":"Onboard new hires faster","target":"5 days","status":"at-risk","progress":"7 days"}]""")
            .create())
        .putValue("newObjectives", SpinValues.jsonValue("[]").create())
        .putValue("expansionSpotted", false));
  }

  private void complete(ProcessInstance instance, String key, VariableMap variables) {
    Task task = tasks.createTaskQuery().processInstanceId(instance.getId()).taskDefinitionKey(key).singleResult();
    List<String> groups = identity.createGroupQuery().groupMember(task.getAssignee()).list().stream()
        .map(g -> g.getId()).toList();
    identity.setAuthentication(task.getAssignee(), groups);
    try {
      tasks.complete(task.getId(), variables);
    } finally {
      identity.clearAuthentication();
    }
  }

  private HttpResponse<String> get(String accountId, String credentials) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/accounts/" + accountId
            + "/success-plan"))
        .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)))
        .GET().build(), HttpResponse.BodyHandlers.ofString());
  }
}
