package dev.baton.review;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.baton.account.Account;
import dev.baton.account.AccountChurned;
import dev.baton.account.AccountService;
import dev.baton.account.Accounts;
import dev.baton.onboarding.OnboardingLaunched;
import dev.baton.successplan.SuccessPlanVersion;
import dev.baton.successplan.SuccessPlanVersions;
import dev.baton.support.BatonIntegrationTest;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineException;
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
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Business reviews by segment (processes/BusinessReview.bpmn, docs/lifecycle.md#business-reviews) per path: a
 * review prepared, held (the success plan's next version) and followed up, the next one cadence later; a review
 * covered by the renewal's value review is skipped; a segment without cadence has none; a segment change
 * follows the new cadence; a churn ends the reviews.
 */
@BatonIntegrationTest
class BusinessReviewTest {

  /** The tests' launch: a Monday morning (the tests run in UTC, Baton's default business time zone). */
  static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");
  static final LocalDate LAUNCH = LocalDate.of(2026, 11, 23);
  static final Map<String, String> TEAM = Map.of("csm", "csm-demo", "cs-lead", "cs-lead-demo",
      "account-manager", "account-manager-demo", "sales-rep", "sales-rep-demo", "onboarding-rep", "onboarding-rep-demo");

  @Autowired ProcessEngine engine;
  @Autowired AccountService accountService;
  @Autowired Accounts accounts;
  @Autowired RuntimeService runtime;
  @Autowired TaskService tasks;
  @Autowired ManagementService management;
  @Autowired IdentityService identity;
  @Autowired ApplicationEventPublisher events;
  @Autowired TransactionTemplate transaction;
  @Autowired SuccessPlanVersions plans;
  @Autowired ObjectMapper json;
  @Autowired ReviewBackfill backfill;
  String account;

  @BeforeEach
  void clock() {
    BpmnAwareTests.init(engine);
    ClockUtil.setCurrentTime(Date.from(NOW));
    account = "review-" + UUID.randomUUID().toString().substring(0, 8);
  }

  @AfterEach
  void resetClock() {
    ClockUtil.reset();
  }

  @Test
  void aReviewIsPreparedHeldAndFollowedUpAndTheNextFollowsOneCadenceAfterIt() throws Exception {
    launched("enterprise", null);
    ProcessInstance instance = reviews();
    // Enterprise: every three months; the CSM starts preparing two weeks before the day.
    assertThat(runtime.getVariable(instance.getId(), "nextReviewOn")).isEqualTo("2027-02-23");
    assertThat(timer(instance).getDuedate()).isEqualTo(at(LocalDate.of(2027, 2, 9)));

    fire(instance);
    BpmnAwareTests.assertThat(instance).hasPassed("Task_CheckRenewalReview", "Task_BringSuccessPlan")
        .isWaitingAt("Task_PrepareReview");
    Task prepare = task(instance, "Task_PrepareReview");
    assertThat(prepare.getAssignee()).isEqualTo("csm-demo");
    assertThat((String) runtime.getVariable(instance.getId(), "successPlanSummary"))
        .contains("version 1", "Onboard new hires faster", "HR team trusts the data");
    complete(instance, "Task_PrepareReview", Variables.createVariables()
        .putValue("reviewAgenda", "Value delivered, roadmap, next objectives")
        .putValue("reviewData", "Onboarding time per hire, licence use").putValue("reviewInvitees", "Dana Boss, Kim Key")
        .putValue("reviewScheduledOn", "2027-02-23"));

    Task hold = task(instance, "Task_HoldReview");
    assertThat(hold.getDueDate()).isEqualTo(at(LocalDate.of(2027, 2, 23)));
    JsonNode rows = json.readTree(runtime.getVariableTyped(instance.getId(), "reviewObjectives").getValue().toString());
    assertThat(rows).hasSize(2);
    assertThat(rows.get(0).get("objective").asText()).isEqualTo("Onboard new hires faster");
    ClockUtil.setCurrentTime(at(LocalDate.of(2027, 2, 23)));
    complete(instance, "Task_HoldReview", held("2027-02-23"));

    SuccessPlanVersion current = plans.current(account).orElseThrow();
    assertThat(current.version()).isEqualTo(2);
    assertThat(current.source()).isEqualTo(SuccessPlanVersions.BUSINESS_REVIEW);
    assertThat(current.recordedBy()).isEqualTo("csm-demo");
    JsonNode objectives = current.plan().get("objectives");
    assertThat(objectives).hasSize(3);
    assertThat(objectives.get(0).get("status").asText()).isEqualTo("achieved");
    assertThat(objectives.get(0).get("progress").asText()).isEqualTo("5 days since January");
    assertThat(objectives.get(0).get("baseline").asText()).isEqualTo("10 days");
    assertThat(objectives.get(1).get("status").asText()).isEqualTo("at-risk");
    assertThat(objectives.get(1).get("target").asText()).isEqualTo("No double-checking by June");
    assertThat(objectives.get(2).get("objective").asText()).isEqualTo("Managers approve leave in the app");
    assertThat(objectives.get(2).get("status").asText()).isEqualTo("on-track");
    assertThat(current.plan().get("milestones")).hasSize(1);
    BpmnAwareTests.assertThat(instance).isWaitingAt("Task_SendFollowUp").variables()
        .containsEntry("successPlanVersion", 2).containsEntry("lastReviewOn", "2027-02-23");
    // The opportunity spotted in the review goes to Sales as a CSQL (docs/lifecycle.md, Expansion opportunities).
    assertThat(runtime.createProcessInstanceQuery().processDefinitionKey("ExpansionOpportunity")
        .processInstanceBusinessKey(account).variableValueEquals("expansionNeed", "HR module for the Paris office").count())
        .isEqualTo(1);
    assertThat((String) runtime.getVariable(instance.getId(), "successPlanSummary"))
        .contains("version 2", "achieved: 5 days since January", "Managers approve leave in the app");

    complete(instance, "Task_SendFollowUp", Variables.createVariables().putValue("followUpSummary", "Thanks, summary")
        .putValue("nextSteps", "Kim: leave approvals pilot by April").putValue("followUpSentOn", "2027-02-23"));
    assertThat(runtime.getVariable(instance.getId(), "nextReviewOn")).isEqualTo("2027-05-23");
    assertThat(timer(instance).getDuedate()).isEqualTo(at(LocalDate.of(2027, 5, 9)));

    // The next review brings only the objectives still open.
    fire(instance);
    JsonNode next = json.readTree(runtime.getVariableTyped(instance.getId(), "reviewObjectives").getValue().toString());
    assertThat(next).hasSize(2);
    assertThat(next.get(0).get("ref").asInt()).isEqualTo(2);
    assertThat(next.get(0).get("status").asText()).isEqualTo("at-risk");
    assertThat(runtime.getVariable(instance.getId(), "expansionSpotted")).isEqualTo(false);
  }

  @Test
  void aReviewWithoutStatusOrProgressIsRefusedNamingTheRowAndNoVersionIsRecorded() {
    launched("mid-market", null);
    ProcessInstance instance = reviews();
    assertThat(runtime.getVariable(instance.getId(), "nextReviewOn")).isEqualTo("2027-05-23");
    fire(instance);
    complete(instance, "Task_PrepareReview", Variables.createVariables().putValue("reviewAgenda", "Agenda")
        .putValue("reviewData", "Data").putValue("reviewInvitees", "Dana").putValue("reviewScheduledOn", "2027-05-23"));
    VariableMap incomplete = held("2027-05-09").putValue("reviewObjectives", SpinValues.jsonValue("""
        [{"ref":1,"objective":"Onboard new hires faster","target":"5 days","status":"","progress":""}]""").create());

    assertThatThrownBy(() -> complete(instance, "Task_HoldReview", incomplete))
        .isInstanceOf(ProcessEngineException.class)
        .hasMessageContaining("reviewObjectives[1].status")
        .hasMessageContaining("reviewObjectives[1].progress");
    assertThat(plans.current(account).orElseThrow().version()).isEqualTo(1);
    BpmnAwareTests.assertThat(instance).isWaitingAt("Task_HoldReview");
  }

  @Test
  void aReviewWithinAMonthOfTheRenewalsValueReviewIsSkippedAndTheNextCountsFromTheValueReview() {
    // The invitation to the value review is due 120 days before the renewal: 2027-03-05, ten days after
    // the first enterprise review (2027-02-23), so the value review counts as that review.
    launched("enterprise", LocalDate.of(2027, 3, 5).plusDays(120));
    ProcessInstance instance = reviews();

    fire(instance);

    BpmnAwareTests.assertThat(instance).hasPassed("Task_CheckRenewalReview").hasNotPassed("Task_PrepareReview");
    assertThat(tasks.createTaskQuery().processInstanceId(instance.getId()).count()).isZero();
    assertThat(runtime.getVariables(instance.getId())).containsEntry("reviewCoveredByRenewal", true)
        .containsEntry("lastReviewCoveredOn", "2027-02-23").containsEntry("lastReviewOn", "2027-03-05")
        .containsEntry("nextReviewOn", "2027-06-05");
    assertThat(timer(instance).getDuedate()).isEqualTo(at(LocalDate.of(2027, 5, 22)));
  }

  @Test
  void aReviewMoreThanAMonthFromTheValueReviewIsHeld() {
    // Value review due 2027-03-25: more than a month after the review day of 2027-02-23.
    launched("enterprise", LocalDate.of(2027, 3, 25).plusDays(120));
    ProcessInstance instance = reviews();

    fire(instance);

    BpmnAwareTests.assertThat(instance).isWaitingAt("Task_PrepareReview").variables()
        .containsEntry("reviewCoveredByRenewal", false);
  }

  @Test
  void aReviewWithinAMonthAfterAValueReviewHeldIsSkippedAndTheNextCountsFromTheDayItWasHeld() {
    // Renewal on 2027-06-01: its internal review starts 135 days before (2027-01-17).
    launched("enterprise", LocalDate.of(2027, 6, 1));
    ProcessInstance renewal = runtime.createProcessInstanceQuery().processDefinitionKey("RenewalPreparation")
        .processInstanceBusinessKey(account).singleResult();
    fire(renewal);
    complete(renewal, "Task_InternalAccountReview", Variables.createVariables().putValue("valueDeliveredSoFar", "Goals met")
        .putValue("renewalApproach", "standard").putValue("internalAgreement", true));
    complete(renewal, "Task_InviteToValueReview", Variables.createVariables().putValue("valueReviewInvitees", "Dana Boss")
        .putValue("invitedOn", "2027-01-18").putValue("valueReviewOn", "2027-02-10"));
    // Held earlier than agreed: the day it was held counts.
    ClockUtil.setCurrentTime(at(LocalDate.of(2027, 2, 5)));
    complete(renewal, "Task_ValueReview", Variables.createVariables().putValue("valueDelivered", "Faster onboarding")
        .putValue("nextObjectives", "Roll out to sales").putValue("decisionMakerName", "Dana Boss")
        .putValue("decisionMakerEmail", "dana@customer.test"));

    ProcessInstance instance = reviews();
    fire(instance);

    BpmnAwareTests.assertThat(instance).hasNotPassed("Task_PrepareReview");
    assertThat(runtime.getVariables(instance.getId())).containsEntry("reviewCoveredByRenewal", true)
        .containsEntry("lastReviewCoveredOn", "2027-02-23").containsEntry("lastReviewOn", "2027-02-05")
        .containsEntry("nextReviewOn", "2027-05-05");
  }

  @Test
  void liveAccountsLaunchedBeforeTheReviewsExistedGetThemOnTheRhythmOfTheirLaunchOnceAndTechTouchNone() {
    accountService.save(new Account(account, "Acme " + account, "enterprise", null, null, TEAM));
    accounts.markLive(account, LocalDate.of(2026, 3, 10), 30);
    String techTouch = account + "-tt";
    accountService.save(new Account(techTouch, "Tiny " + techTouch, "tech-touch", null, null, TEAM));
    accounts.markLive(techTouch, LocalDate.of(2026, 3, 10), 30);

    backfill.startMissing();
    backfill.startMissing();

    // 2026-06-10 and 2026-09-10 have passed: the first review is the next date of its quarterly rhythm.
    assertThat(runtime.getVariable(reviews().getId(), "nextReviewOn")).isEqualTo("2026-12-10");
    assertThat(runtime.createProcessInstanceQuery().processDefinitionKey(ReviewStart.PROCESS_KEY)
        .processInstanceBusinessKey(techTouch).count()).isZero();
  }

  @Test
  void aTechTouchAccountHasNoBusinessReviews() {
    launched("tech-touch", null);

    assertThat(runtime.createProcessInstanceQuery().processDefinitionKey(ReviewStart.PROCESS_KEY)
        .processInstanceBusinessKey(account).count()).isZero();
  }

  @Test
  void aSegmentChangeMovesTheWaitingReviewToTheNewCadenceAndASegmentWithoutOneEndsTheReviews() {
    launched("enterprise", null);
    ProcessInstance instance = reviews();
    assertThat(runtime.getVariable(instance.getId(), "nextReviewOn")).isEqualTo("2027-02-23");

    resegment("smb");
    assertThat(runtime.getVariable(instance.getId(), "nextReviewOn")).isEqualTo("2027-11-23");
    assertThat(timer(instance).getDuedate()).isEqualTo(at(LocalDate.of(2027, 11, 9)));

    resegment("tech-touch");
    BpmnAwareTests.assertThat(instance).isEnded().hasPassed("EndEvent_NoCadence");

    // Back to a segment with reviews: a live account gets them again, counting from its launch.
    resegment("mid-market");
    assertThat(runtime.getVariable(reviews().getId(), "nextReviewOn")).isEqualTo("2027-05-23");
  }

  @Test
  void aChurnEndsTheReviews() {
    launched("enterprise", null);
    ProcessInstance instance = reviews();

    transaction.executeWithoutResult(status -> events.publishEvent(new AccountChurned(account)));

    BpmnAwareTests.assertThat(instance).isEnded().hasPassed("EndEvent_ReviewsEnded");
  }

  /** The account is launched today with the plan agreed at onboarding as version 1. */
  private void launched(String segment, LocalDate renewalDate) {
    accountService.save(new Account(account, "Acme " + account, segment, renewalDate, null, TEAM));
    transaction.executeWithoutResult(status -> {
      plans.record(account, plan(), SuccessPlanVersions.ONBOARDING, "confirmed by Kim Key");
      accounts.markLive(account, LAUNCH, 30);
      events.publishEvent(new OnboardingLaunched(account, "onboarding", renewalDate));
    });
  }

  private void resegment(String segment) {
    Account now = accounts.find(account).orElseThrow();
    accountService.save(new Account(account, now.name(), segment, now.renewalDate(), null, TEAM));
  }

  private JsonNode plan() {
    try {
      return json.readTree("""
          {"objectives":[
            {"objective":"Onboard new hires faster","measure":"quantitative","baseline":"10 days","target":"5 days",
             "owner":"Kim Key","targetDate":"2027-03-31"},
            {"objective":"HR team trusts the data","measure":"qualitative","baseline":"Spreadsheets double-checked",
             "target":"No double-checking","successCriteria":"HR lead says so","owner":"Dana Boss"}],
           "milestones":[{"milestone":"All teams live","date":"2027-03-01","owner":"Kim Key"}]}""");
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** What the hold form submits. */
  private static VariableMap held(String on) {
    return Variables.createVariables()
        .putValue("reviewHeldOn", on)
        .putValue("reviewAttendees", "Dana Boss (COO), Kim Key; CSM, Sales Rep")
        .putValue("ebrAgenda", SpinValues.jsonValue("[\"introductions\",\"value-delivered\",\"objectives\"]").create())
        .putValue("reviewObjectives", SpinValues.jsonValue("""
            [{"ref":1,"objective":"Onboard new hires faster","target":"5 days","status":"achieved",
              "progress":"5 days since January"},
             {"ref":2,"objective":"HR team trusts the data","target":"No double-checking by June","status":"at-risk",
              "progress":"Payroll still double-checked"}]""").create())
        .putValue("newObjectives", SpinValues.jsonValue("""
            [{"objective":"Managers approve leave in the app","measure":"quantitative","baseline":"0 %","target":"90 %",
              "owner":"Kim Key","targetDate":"2027-06-30"},
             {"objective":"","measure":null,"baseline":"","target":"","owner":""}]""").create())
        .putValue("customerObjectives", "Open the Paris office on the platform")
        .putValue("expansionSpotted", true)
        .putValue("expansionNeed", "HR module for the Paris office");
  }

  private ProcessInstance reviews() {
    List<ProcessInstance> running = runtime.createProcessInstanceQuery().processDefinitionKey(ReviewStart.PROCESS_KEY)
        .processInstanceBusinessKey(account).list();
    assertThat(running).hasSize(1);
    return running.get(0);
  }

  private Job timer(ProcessInstance instance) {
    return management.createJobQuery().processInstanceId(instance.getId()).timers().singleResult();
  }

  /** The preparation's timer fires when it is due. */
  private void fire(ProcessInstance instance) {
    Job timer = timer(instance);
    ClockUtil.setCurrentTime(timer.getDuedate());
    execute(timer);
  }

  private Task task(ProcessInstance instance, String key) {
    Task task = tasks.createTaskQuery().processInstanceId(instance.getId()).taskDefinitionKey(key).singleResult();
    assertThat(task).as("open task " + key).isNotNull();
    return task;
  }

  /** Completes the task as its assignee does in Tasklist: signed in, with their groups' authorizations. */
  private void complete(ProcessInstance instance, String key, VariableMap variables) {
    Task task = task(instance, key);
    String user = task.getAssignee();
    List<String> groups = identity.createGroupQuery().groupMember(user).list().stream().map(g -> g.getId()).toList();
    identity.setAuthentication(user, groups);
    try {
      tasks.complete(task.getId(), variables);
    } finally {
      identity.clearAuthentication();
    }
  }

  private static Date at(LocalDate day) {
    return Date.from(day.atTime(LocalTime.of(9, 0)).toInstant(ZoneOffset.UTC));
  }
}
