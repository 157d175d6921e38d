package dev.baton.onboarding;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import dev.baton.account.AccountChurned;
import dev.baton.account.AccountRepository;
import dev.baton.support.BatonIntegrationTest;
import dev.baton.support.TestMailServer;
import dev.baton.support.TestPorts;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * OnboardingKickoff.bpmn from the handoff to the launch: every path and timer
 * (docs/domain.md#csm-standard-operating-procedure, #moments-of-truth, #success-plan). WireMock on a
 * free port plays the product's provisioning API (baton.onboarding.provisioning-url in
 * application-test.yaml).
 */
@BatonIntegrationTest
@RecordApplicationEvents
class OnboardingKickoffTest {

  static final String PROVISIONING = "/provisioning/accounts";

  @RegisterExtension static GreenMailExtension smtp = TestMailServer.create();
  @RegisterExtension static WireMockExtension provisioningApi = WireMockExtension.newInstance()
      .options(wireMockConfig().port(TestPorts.PROVISIONING)).build();

  @LocalServerPort int port;
  @Autowired ProcessEngine engine;
  @Autowired AccountRepository accounts;
  @Autowired RuntimeService runtime;
  @Autowired TaskService tasks;
  @Autowired ManagementService management;
  @Autowired org.camunda.bpm.engine.IdentityService identity;
  @Autowired ApplicationEventPublisher events;
  @Autowired TransactionTemplate transaction;
  @Autowired JdbcClient jdbc;
  @Autowired ApplicationEvents published;
  OnboardingDriver driver;

  // Every answer closes its connection: the connector's pool must not keep one to a WireMock that another
  // test class has stopped (a POST on it fails with NoHttpResponseException, and POSTs are not retried).
  @BeforeEach
  void setUp() {
    BpmnAwareTests.init(engine);
    driver = new OnboardingDriver(accounts, runtime, tasks, management, identity, events, transaction, smtp, port);
    provisioningApi.stubFor(post(urlEqualTo(PROVISIONING)).willReturn(aResponse().withHeader("Connection", "close").withStatus(201)
        .withHeader("Content-Type", "application/json").withBody("{\"tenant\":\"acme-prod\",\"users\":12}")));
  }

  @AfterEach
  void resetClock() {
    ClockUtil.reset();
  }

  @Test
  void happyPathFromHandoffToLaunchRecordsTimeToValueAndPublishesOnboardingLaunched() throws Exception {
    // Tuesday 2026-12-01 10:00; the deal closed 20 days earlier.
    ClockUtil.setCurrentTime(at("2026-12-01T10:00:00Z"));
    String account = driver.newAccount("happy", "Mid-Market");
    ProcessInstance instance = driver.start(account, "Mid-Market", LocalDate.of(2026, 11, 11));

    BpmnAwareTests.assertThat(instance).isWaitingAt("Task_ScheduleKickoff").variables()
        .containsEntry("accountId", account).containsEntry("segment", "Mid-Market")
        .containsEntry("goals", "Cut onboarding time of new hires from 10 to 5 days")
        .containsEntry("closeDate", "2026-11-11").containsEntry("amount", 48000.0)
        .containsEntry("kickoffBusinessDays", 7).containsEntry("onboardingAtRisk", false);
    assertThat((String) runtime.getVariable(instance.getId(), "kickoffAgenda"))
        .contains("Cut onboarding time", "Data import from the old HR tool included", "Pilot team live by January");
    assertThat(accounts.lifecycle(account)).containsEntry("stage", "onboarding").containsEntry("onboardingStatus", "on-track");
    // Mid-Market: the kickoff is due 7 business days after the welcome, with the CSM of the account team.
    var schedule = driver.task(instance, "Task_ScheduleKickoff");
    assertThat(schedule.getAssignee()).isEqualTo("csm-demo");
    assertThat(schedule.getDueDate()).isEqualTo(at("2026-12-10T10:00:00Z"));

    driver.throughKickoff(instance);

    BpmnAwareTests.assertThat(instance).hasPassed("Task_RecordSuccessPlan", "Task_AskCustomer").isWaitingAt("Task_WaitForAnswer");
    // The kickoff meeting is a customer contact (health.touch in the model): engagement counts it (docs/health.md).
    assertThat(jdbc.sql("select what from baton_health_touch where account_id = ?").param(account)
        .query(String.class).list()).containsExactly("kickoff meeting");
    JsonNode plan = new ObjectMapper().readTree(runtime.getVariableTyped(instance.getId(), "successPlan").getValue().toString());
    assertThat(plan.get("objectives")).hasSize(2);
    assertThat(plan.get("objectives").get(0).get("baseline").asText()).isEqualTo("10 days");
    assertThat(plan.get("objectives").get(0).get("target").asText()).isEqualTo("5 days");
    assertThat(plan.get("objectives").get(1).get("measure").asText()).isEqualTo("qualitative");
    assertThat(plan.get("milestones").get(0).get("date").asText()).isEqualTo("2027-01-15");
    assertThat(jdbc.sql("select success_plan_status from baton_onboarding where process_instance_id = ?")
        .param(instance.getId()).query(String.class).single()).isEqualTo("awaiting-customer");

    // The customer confirms through the signed link in the mail.
    Map<String, String> links = driver.customerLinks(account);
    assertThat(driver.click(links.get("confirm"), null).statusCode()).isEqualTo(200);
    BpmnAwareTests.assertThat(instance).hasPassed("Task_RecordConfirmation").isWaitingAt("Task_CallProvisioningApi");
    assertThat(accounts.lifecycle(account)).containsEntry("successPlan", "confirmed");
    // The agreed plan is the first version of the living success plan (docs/lifecycle.md).
    assertThat(jdbc.sql("select version || ' ' || source from baton_success_plan_version where account_id = ?")
        .param(account).query(String.class).list()).containsExactly("1 onboarding");

    driver.runJobs(instance);
    provisioningApi.verify(postRequestedFor(urlEqualTo(PROVISIONING))
        .withHeader("Content-Type", equalTo("application/json"))
        .withRequestBody(matchingJsonPath("$.accountId", equalTo(account)))
        .withRequestBody(matchingJsonPath("$.contractStart", equalTo("2026-11-12"))));
    BpmnAwareTests.assertThat(instance).isWaitingAt("Task_ProvisionAndConfigure");
    assertThat(runtime.getVariable(instance.getId(), "provisioningResult")).asString().contains("acme-prod");
    assertThat(driver.task(instance, "Task_ProvisionAndConfigure").getAssignee()).isEqualTo("onboarding-rep-demo");

    driver.complete(instance, "Task_ProvisionAndConfigure", Map.of("accountsOpened", true, "configurationDone", true,
        "dataImport", "done", "usersCanLogIn", true));
    driver.complete(instance, "Task_TrainUsers", Map.of("usageGuideSent", true, "trainingSessionsHeld", 2,
        "proficiencyOutcome", "passed"));
    ClockUtil.setCurrentTime(at("2026-12-21T09:00:00Z"));
    driver.complete(instance, "Task_ConfirmLaunch", Map.of("customerLive", true, "launchNotes", "All 12 users live"));

    // The CSM's confirmation commits the launch; the message to renewal is the end event's own job.
    BpmnAwareTests.assertThat(instance).hasPassed("Task_RecordLaunch").isWaitingAt("EndEvent_Launched");
    assertThat(published.stream(OnboardingLaunched.class).filter(e -> e.accountId().equals(account))).isEmpty();
    driver.runJobs(instance);
    BpmnAwareTests.assertThat(instance).isEnded().hasPassed("Task_RecordLaunch", "EndEvent_Launched");
    // Close date 2026-11-11 to launch 2026-12-21: 40 days.
    assertThat(accounts.lifecycle(account)).containsEntry("stage", "live").containsEntry("onboardingStatus", "launched")
        .containsEntry("timeToValueDays", "40").containsEntry("launchDate", "2026-12-21");
    assertThat(published.stream(OnboardingLaunched.class).filter(e -> e.accountId().equals(account)).toList())
        .containsExactly(new OnboardingLaunched(account, instance.getId(), LocalDate.of(2027, 11, 11), "Kim Key",
            OnboardingDriver.CUSTOMER));
    assertThat(jdbc.sql("select time_to_value_days from baton_onboarding where process_instance_id = ?")
        .param(instance.getId()).query(Integer.class).single()).isEqualTo(40);
    assertThat(driver.mailsTo(account, OnboardingDriver.CUSTOMER, "How was your onboarding?")).hasSize(1);
  }

  @Test
  void customerRequestsChangesThenConfirmsTheRevisedPlan() throws Exception {
    String account = driver.newAccount("changes", "SMB");
    ProcessInstance instance = driver.start(account, "SMB", LocalDate.now().minusDays(3));
    driver.throughKickoff(instance);

    Map<String, String> first = driver.customerLinks(account);
    assertThat(driver.click(first.get("request-changes"), "The baseline is 12 days, not 10").statusCode()).isEqualTo(200);

    BpmnAwareTests.assertThat(instance).hasPassed("Task_RecordChangeRequest").isWaitingAt("Task_ReviseSuccessPlan")
        .variables().containsEntry("customerChangeRequest", "The baseline is 12 days, not 10")
        .containsEntry("successPlanStatus", "changes-requested");
    assertThat(driver.task(instance, "Task_ReviseSuccessPlan").getAssignee()).isEqualTo("csm-demo");

    var revised = OnboardingDriver.successPlan("12 days");
    // The revision's form has the plan's fields, not the kickoff's.
    revised.remove("kickoffHeldOn");
    revised.remove("salesSignedOff");
    driver.complete(instance, "Task_ReviseSuccessPlan", revised);

    BpmnAwareTests.assertThat(instance).isWaitingAt("Task_WaitForAnswer").variables().containsEntry("successPlanVersion", 2);
    Map<String, String> second = driver.customerLinks(account);
    assertThat(second.get("confirm")).isNotEqualTo(first.get("confirm"));
    assertThat(driver.click(second.get("confirm"), null).statusCode()).isEqualTo(200);
    BpmnAwareTests.assertThat(instance).isWaitingAt("Task_CallProvisioningApi").variables()
        .containsEntry("successPlanStatus", "confirmed");
    assertThat(new ObjectMapper().readTree(driver.onboardingPlan(jdbc, instance)).get("objectives").get(0)
        .get("baseline").asText()).isEqualTo("12 days");
  }

  @Test
  void noAnswerInFiveDaysRemindsTheCsmAndGivesThemACallTaskDueWhenTheLinksExpire() throws Exception {
    ClockUtil.setCurrentTime(at("2026-12-01T10:00:00Z"));
    String account = driver.newAccount("silent", "Enterprise");
    ProcessInstance instance = driver.start(account, "Enterprise", LocalDate.of(2026, 11, 30));
    driver.throughKickoff(instance);
    Job reminder = management.createJobQuery().processInstanceId(instance.getId()).activityId("Event_NoAnswer").singleResult();
    assertThat(reminder.getDuedate()).isEqualTo(at("2026-12-06T10:00:00Z"));

    ClockUtil.setCurrentTime(at("2026-12-06T10:01:00Z"));
    driver.runJobs(instance);

    BpmnAwareTests.assertThat(instance).hasPassed("Task_RemindCsm").isWaitingAt("Task_ConfirmPlanByCall");
    var call = driver.task(instance, "Task_ConfirmPlanByCall");
    assertThat(call.getAssignee()).isEqualTo("csm-demo");
    // Due when the customer's links expire: 14 days after the plan was sent (baton.onboarding.confirmation-link-valid-for).
    assertThat(call.getDueDate()).isEqualTo(at("2026-12-15T10:00:00Z"));
    assertThat(driver.mailsTo(account, "csm-demo@example.com", "No answer yet to the success plan")).hasSize(1);
  }

  @Test
  void anAnswerByLinkBeforeTheCallIsDoneStillCountsAndEndsTheCallTask() throws Exception {
    ClockUtil.setCurrentTime(at("2026-12-01T10:00:00Z"));
    String account = driver.newAccount("late-link", "Enterprise");
    ProcessInstance instance = driver.start(account, "Enterprise", LocalDate.of(2026, 11, 30));
    driver.throughKickoff(instance);
    Map<String, String> links = driver.customerLinks(account);
    ClockUtil.setCurrentTime(at("2026-12-06T10:01:00Z"));
    driver.runJobs(instance);
    BpmnAwareTests.assertThat(instance).isWaitingAt("Task_ConfirmPlanByCall");

    ClockUtil.setCurrentTime(at("2026-12-08T09:00:00Z"));
    assertThat(driver.click(links.get("confirm"), null).statusCode()).isEqualTo(200);

    BpmnAwareTests.assertThat(instance).hasPassed("Event_AnsweredByLink", "Task_RecordConfirmation")
        .hasNotPassed("Task_RecordCallOutcome").isWaitingAt("Task_CallProvisioningApi")
        .variables().containsEntry("successPlanStatus", "confirmed").containsEntry("successPlanConfirmedVia", "link")
        .containsEntry("successPlanConfirmedBy", "Kim Key <" + OnboardingDriver.CUSTOMER + ">");
    assertThat(tasks.createTaskQuery().processInstanceId(instance.getId()).taskDefinitionKey("Task_ConfirmPlanByCall")
        .count()).isZero();
  }

  @Test
  void aLateCallTaskEscalatesToTheCsLeadAndALateClickChangesNothingThenThePlanConfirmedByCallGoesOnToProvisioning()
      throws Exception {
    ClockUtil.setCurrentTime(at("2026-12-01T10:00:00Z"));
    String account = driver.newAccount("by-call", "Enterprise");
    ProcessInstance instance = driver.start(account, "Enterprise", LocalDate.of(2026, 11, 30));
    driver.throughKickoff(instance);
    Map<String, String> links = driver.customerLinks(account);
    ClockUtil.setCurrentTime(at("2026-12-06T10:01:00Z"));
    driver.runJobs(instance);

    // The links expire with the call task's due date: RACI escalates the task to the CS Lead.
    ClockUtil.setCurrentTime(at("2026-12-15T10:01:00Z"));
    driver.runJobs(instance);
    var call = driver.task(instance, "Task_ConfirmPlanByCall");
    assertThat(tasks.getVariableLocal(call.getId(), "escalated")).isEqualTo(true);
    assertThat(driver.deliverMails(account).stream().filter(m -> OnboardingDriver.to(m).contains("cs-lead-demo@example.com"))
        .toList()).isNotEmpty();
    // A click after the links expired changes nothing.
    assertThat(driver.click(links.get("confirm"), null).statusCode()).isEqualTo(410);
    BpmnAwareTests.assertThat(instance).isWaitingAt("Task_ConfirmPlanByCall");

    driver.complete(instance, "Task_ConfirmPlanByCall", Map.of("callOutcome", "confirm", "confirmedBy", "Dana Boss",
        "confirmedOn", "2026-12-15", "callNotes", "Agreed on the phone"));

    BpmnAwareTests.assertThat(instance).hasPassed("Task_RecordCallOutcome", "Task_RecordConfirmation")
        .isWaitingAt("Task_CallProvisioningApi").variables()
        .containsEntry("successPlanStatus", "confirmed").containsEntry("successPlanConfirmedBy", "Dana Boss")
        .containsEntry("successPlanConfirmedVia", "call")
        .containsEntry("successPlanConfirmedAt", Date.from(LocalDate.of(2026, 12, 15).atStartOfDay(ZoneId.of("UTC")).toInstant()));
    assertThat(accounts.lifecycle(account)).containsEntry("successPlan", "confirmed");
    driver.runJobs(instance);
    BpmnAwareTests.assertThat(instance).isWaitingAt("Task_ProvisionAndConfigure");
  }

  @Test
  void changesAgreedByCallGoToTheRevisionAndTheUnansweredLinksNoLongerAnswer() throws Exception {
    ClockUtil.setCurrentTime(at("2026-12-01T10:00:00Z"));
    String account = driver.newAccount("call-changes", "Enterprise");
    ProcessInstance instance = driver.start(account, "Enterprise", LocalDate.of(2026, 11, 30));
    driver.throughKickoff(instance);
    Map<String, String> links = driver.customerLinks(account);
    ClockUtil.setCurrentTime(at("2026-12-06T10:01:00Z"));
    driver.runJobs(instance);
    String taskId = driver.task(instance, "Task_ConfirmPlanByCall").getId();

    // Confirmed needs who and when; the completion is refused naming the fields.
    assertThatThrownBy(() -> tasks.complete(taskId, Map.of("callOutcome", "confirm")))
        .hasMessageContaining("confirmedBy: is missing").hasMessageContaining("confirmedOn: is missing");
    driver.complete(instance, "Task_ConfirmPlanByCall", Map.of("callOutcome", "request-changes",
        "callNotes", "Add the audit milestone"));

    BpmnAwareTests.assertThat(instance).hasPassed("Task_RecordChangeRequest").isWaitingAt("Task_ReviseSuccessPlan")
        .variables().containsEntry("customerChangeRequest", "Add the audit milestone");
    // The first plan's links, still within their 14 days, no longer answer for it.
    assertThat(driver.click(links.get("confirm"), null).statusCode()).isEqualTo(410);
    BpmnAwareTests.assertThat(instance).isWaitingAt("Task_ReviseSuccessPlan");
  }

  @Test
  void provisioningAndTrainingAreDueByTheSegmentsBusinessDays() {
    // Enterprise: 20 business days to provision, 15 per round of training (baton.onboarding.*-business-days).
    ClockUtil.setCurrentTime(at("2026-12-01T10:00:00Z"));
    String account = driver.newAccount("due", "Enterprise");
    ProcessInstance instance = driver.start(account, "Enterprise", LocalDate.of(2026, 11, 30));
    runtime.setVariable(instance.getId(), "provisioningUrl", null);
    driver.throughKickoff(instance);
    driver.answer(instance, SuccessPlanConfirmation.CONFIRM, null);

    // Tuesday 2026-12-01 + 20 business days = Tuesday 2026-12-29.
    assertThat(driver.task(instance, "Task_ProvisionAndConfigure").getDueDate()).isEqualTo(at("2026-12-29T10:00:00Z"));
    ClockUtil.setCurrentTime(at("2026-12-07T10:00:00Z"));
    driver.complete(instance, "Task_ProvisionAndConfigure", Map.of("accountsOpened", true, "configurationDone", true,
        "dataImport", "done", "usersCanLogIn", true));
    // Monday 2026-12-07 + 15 business days = Monday 2026-12-28.
    assertThat(driver.task(instance, "Task_TrainUsers").getDueDate()).isEqualTo(at("2026-12-28T10:00:00Z"));

    // SMB: three business days (Tech-touch, one, runs the digital motion: OnboardingDigitalMotionTest).
    ClockUtil.setCurrentTime(at("2026-12-01T10:00:00Z"));
    String small = driver.newAccount("due-small", "SMB");
    ProcessInstance quick = driver.start(small, "SMB", LocalDate.of(2026, 11, 30));
    runtime.setVariable(quick.getId(), "provisioningUrl", null);
    driver.throughKickoff(quick);
    driver.answer(quick, SuccessPlanConfirmation.CONFIRM, null);
    assertThat(driver.task(quick, "Task_ProvisionAndConfigure").getDueDate()).isEqualTo(at("2026-12-04T10:00:00Z"));
  }

  @Test
  void aChurnedAccountEndsItsRunningOnboardingAndItsHealthEscalationThroughOneMessage() throws Exception {
    String account = driver.newAccount("churned", "SMB");
    ProcessInstance instance = driver.start(account, "SMB", LocalDate.now());
    driver.throughKickoff(instance);
    Map<String, String> links = driver.customerLinks(account);
    ProcessInstance escalation = runtime.startProcessInstanceByKey("RedHealthEscalation", account, Map.of(
        "accountId", account, "accountName", "Churning customer", "healthBand", "red", "healthReason", "usage dropped",
        "redDimensions", "- adoption: red", "reviewCount", 0));

    transaction.executeWithoutResult(status -> events.publishEvent(new AccountChurned(account)));

    BpmnAwareTests.assertThat(escalation).isEnded().hasPassed("EndEvent_Lost");

    BpmnAwareTests.assertThat(instance).isEnded().hasPassed("Task_RecordChurned", "EndEvent_OnboardingEnded")
        .hasNotPassed("Task_RecordConfirmation");
    assertThat(jdbc.sql("select outcome from baton_onboarding where process_instance_id = ?").param(instance.getId())
        .query(String.class).single()).isEqualTo("churned");
    assertThat(accounts.lifecycle(account)).containsEntry("onboardingStatus", "churned");
    // The customer's links no longer answer anything.
    assertThat(driver.click(links.get("confirm"), null).statusCode()).isEqualTo(410);
  }

  @Test
  void passingTheTimeToValueTargetFlagsTheOnboardingAtRiskAndTellsTheCsLead() {
    // SMB: 30 days from the close date; closed 2026-11-10, so the target passes on 2026-12-10.
    ClockUtil.setCurrentTime(at("2026-12-01T10:00:00Z"));
    String account = driver.newAccount("late", "SMB");
    ProcessInstance instance = driver.start(account, "SMB", LocalDate.of(2026, 11, 10));
    Job timer = management.createJobQuery().processInstanceId(instance.getId())
        .activityId("StartEvent_TimeToValuePassed").singleResult();
    assertThat(timer.getDuedate()).isEqualTo(Date.from(LocalDate.of(2026, 12, 10).atStartOfDay(ZoneId.of("UTC")).toInstant()));

    ClockUtil.setCurrentTime(Date.from(timer.getDuedate().toInstant().plusSeconds(60)));
    driver.runJobs(instance);

    BpmnAwareTests.assertThat(instance).hasPassed("Task_FlagAtRisk", "EndEvent_AtRisk").isWaitingAt("Task_ScheduleKickoff")
        .variables().containsEntry("onboardingAtRisk", true);
    assertThat(accounts.lifecycle(account)).containsEntry("onboardingStatus", "at-risk");
    assertThat(driver.mailsTo(account, "cs-lead-demo@example.com", "Onboarding at risk")).hasSize(1);
  }

  @Test
  void aLateKickoffEscalatesToTheCsLeadThroughRaci() {
    ClockUtil.setCurrentTime(at("2026-12-01T10:00:00Z"));
    String account = driver.newAccount("kickoff-late", "SMB");
    ProcessInstance instance = driver.start(account, "SMB", LocalDate.of(2026, 11, 30));
    // SMB: 5 business days.
    assertThat(driver.task(instance, "Task_ScheduleKickoff").getDueDate()).isEqualTo(at("2026-12-08T10:00:00Z"));

    ClockUtil.setCurrentTime(at("2026-12-08T10:01:00Z"));
    driver.runJobs(instance);

    assertThat(runtime.getVariableLocal(driver.task(instance, "Task_ScheduleKickoff").getExecutionId(), "escalated"))
        .isNull(); // the mark is task-local
    assertThat(tasks.getVariableLocal(driver.task(instance, "Task_ScheduleKickoff").getId(), "escalated")).isEqualTo(true);
    assertThat(driver.deliverMails(account).stream().filter(m -> OnboardingDriver.to(m).contains("cs-lead-demo@example.com"))
        .toList()).isNotEmpty();
  }

  @Test
  void aFailingProvisioningApiIsRetriedThenAnIncidentThatRetryResolves() throws Exception {
    String account = driver.newAccount("provisioning", "SMB");
    ProcessInstance instance = driver.start(account, "SMB", LocalDate.now());
    driver.throughKickoff(instance);
    provisioningApi.stubFor(post(urlEqualTo(PROVISIONING)).willReturn(aResponse().withHeader("Connection", "close").withStatus(503).withBody("maintenance")));
    driver.answer(instance, SuccessPlanConfirmation.CONFIRM, null);

    Job job = management.createJobQuery().processInstanceId(instance.getId()).activityId("Task_CallProvisioningApi").singleResult();
    for (int attempt = 0; attempt < 10 && job.getRetries() > 0; attempt++) {
      String id = job.getId();
      assertThatThrownBy(() -> management.executeJob(id)).hasMessageContaining("Provisioning API answered HTTP 503");
      job = management.createJobQuery().jobId(id).singleResult();
    }
    assertThat(job.getRetries()).isZero();
    assertThat(job.getExceptionMessage()).contains("HTTP 503", account);
    assertThat(runtime.createIncidentQuery().processInstanceId(instance.getId()).count()).isEqualTo(1);
    BpmnAwareTests.assertThat(instance).isWaitingAt("Task_CallProvisioningApi");

    // The product is back; the operator clicks Retry in Cockpit.
    provisioningApi.stubFor(post(urlEqualTo(PROVISIONING)).willReturn(aResponse().withHeader("Connection", "close").withStatus(200).withBody("{\"ok\":true}")));
    management.setJobRetries(job.getId(), 1);
    management.executeJob(job.getId());

    assertThat(runtime.createIncidentQuery().processInstanceId(instance.getId()).count()).isZero();
    BpmnAwareTests.assertThat(instance).isWaitingAt("Task_ProvisionAndConfigure");
  }

  @Test
  void withoutAProvisioningApiTheOnboardingRepProvisionsByHand() {
    String account = driver.newAccount("manual", "SMB");
    ProcessInstance instance = driver.start(account, "SMB", LocalDate.now());
    runtime.setVariable(instance.getId(), "provisioningUrl", null);
    driver.throughKickoff(instance);

    driver.answer(instance, SuccessPlanConfirmation.CONFIRM, null);

    BpmnAwareTests.assertThat(instance).isWaitingAt("Task_ProvisionAndConfigure").hasNotPassed("Task_CallProvisioningApi");
  }

  @Test
  void usersNotYetProficientGetMoreTraining() {
    String account = driver.newAccount("training", "SMB");
    ProcessInstance instance = driver.start(account, "SMB", LocalDate.now());
    runtime.setVariable(instance.getId(), "provisioningUrl", null);
    driver.throughKickoff(instance);
    driver.answer(instance, SuccessPlanConfirmation.CONFIRM, null);
    driver.complete(instance, "Task_ProvisionAndConfigure", Map.of("accountsOpened", true, "configurationDone", true,
        "dataImport", "not-needed", "usersCanLogIn", true));

    driver.complete(instance, "Task_TrainUsers", Map.of("usageGuideSent", true, "trainingSessionsHeld", 1,
        "proficiencyOutcome", "more-training"));

    BpmnAwareTests.assertThat(instance).isWaitingAt("Task_TrainUsers");
    driver.complete(instance, "Task_TrainUsers", Map.of("usageGuideSent", true, "trainingSessionsHeld", 3,
        "proficiencyOutcome", "passed"));
    BpmnAwareTests.assertThat(instance).isWaitingAt("Task_ConfirmLaunch");
  }

  @Test
  void theKickoffIsNotDoneUntilSalesHasSignedOff() {
    String account = driver.newAccount("no-sign-off", "SMB");
    ProcessInstance instance = driver.start(account, "SMB", LocalDate.now());
    driver.complete(instance, "Task_ScheduleKickoff", Map.of("kickoffDate", "2026-12-03"));
    driver.complete(instance, "Task_PrepareKickoff", Map.of("deliverySchedule", "soon"));
    var plan = OnboardingDriver.successPlan("10 days");
    plan.putValue("salesSignedOff", false);
    String taskId = driver.task(instance, "Task_HoldKickoff").getId();

    assertThatThrownBy(() -> tasks.complete(taskId, plan))
        .hasMessageContaining("salesSignedOff: Sales has not signed off the project view");
    BpmnAwareTests.assertThat(instance).isWaitingAt("Task_HoldKickoff");
  }

  @Test
  void anIncompleteSuccessPlanIsRefusedNamingTheRowAndTheFix() {
    String account = driver.newAccount("incomplete", "SMB");
    ProcessInstance instance = driver.start(account, "SMB", LocalDate.now());
    driver.complete(instance, "Task_ScheduleKickoff", Map.of("kickoffDate", "2026-12-03"));
    driver.complete(instance, "Task_PrepareKickoff", Map.of("deliverySchedule", "soon"));
    var plan = OnboardingDriver.successPlan("10 days");
    plan.putValue("planObjectives", org.camunda.spin.plugin.variable.SpinValues.jsonValue(
        "[{\"objective\":\"Faster onboarding\",\"measure\":\"quantitative\",\"baseline\":\"10 days\",\"owner\":\"Kim\"},"
            + "{\"objective\":\"Trust\",\"measure\":\"qualitative\",\"baseline\":\"low\",\"target\":\"high\",\"owner\":\"Dana\"}]").create());
    String taskId = driver.task(instance, "Task_HoldKickoff").getId();

    assertThatThrownBy(() -> tasks.complete(taskId, plan))
        .hasMessageContaining("objectives[1].target: is missing; give the value the customer wants to reach")
        .hasMessageContaining("objectives[2].successCriteria: is missing");
    BpmnAwareTests.assertThat(instance).isWaitingAt("Task_HoldKickoff");
  }

  static Date at(String instant) {
    return Date.from(Instant.parse(instant));
  }
}
