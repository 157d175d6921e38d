package dev.baton.onboarding;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.job;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import dev.baton.account.AccountRepository;
import dev.baton.health.HealthSignal;
import dev.baton.health.HealthSignals;
import dev.baton.support.BatonIntegrationTest;
import dev.baton.support.TestMailServer;
import dev.baton.support.TestPorts;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
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
 * The digital motion of OnboardingKickoff.bpmn (docs/onboarding.md#the-digital-path, docs/domain.md#tech-touch-motion):
 * automation first, a person only when the customer asks for changes, stays silent or has not adopted by the
 * time-to-value target; high-touch segments keep the kickoff. Usage comes as health signals, recorded as the
 * health API records them. WireMock on a free port plays the product's provisioning API.
 */
@BatonIntegrationTest
@RecordApplicationEvents
class OnboardingDigitalMotionTest {

  static final String PROVISIONING = "/provisioning/accounts";
  static final String TECH_TOUCH = "Tech-touch";

  @RegisterExtension static GreenMailExtension smtp = TestMailServer.create();
  @RegisterExtension static WireMockExtension provisioningApi = WireMockExtension.newInstance()
      .options(wireMockConfig().port(TestPorts.PROVISIONING)).build();

  @LocalServerPort int port;
  @Autowired ProcessEngine engine;
  @Autowired AccountRepository accounts;
  @Autowired RuntimeService runtime;
  @Autowired TaskService tasks;
  @Autowired HistoryService history;
  @Autowired ManagementService management;
  @Autowired org.camunda.bpm.engine.IdentityService identity;
  @Autowired ApplicationEventPublisher events;
  @Autowired TransactionTemplate transaction;
  @Autowired JdbcClient jdbc;
  @Autowired HealthSignals health;
  @Autowired ApplicationEvents published;
  OnboardingDriver driver;

  // Every answer closes its connection: the connector's pool must not keep one to a WireMock that another
  // test class has stopped (a POST on it fails with NoHttpResponseException, and POSTs are not retried).
  @BeforeEach
  void setUp() {
    BpmnAwareTests.init(engine);
    driver = new OnboardingDriver(accounts, runtime, tasks, management, identity, events, transaction, smtp, port);
    provisioningApi.stubFor(post(urlEqualTo(PROVISIONING)).willReturn(aResponse().withHeader("Connection", "close").withStatus(201)
        .withHeader("Content-Type", "application/json").withBody("{\"tenant\":\"tiny-prod\",\"users\":5}")));
  }

  @AfterEach
  void resetClock() {
    ClockUtil.reset();
  }

  @Test
  void techTouchGoesFromHandoverToLiveWithNoUserTaskWhenTheCustomerConfirmsByLinkAndUsageShowsAdoption() throws Exception {
    ClockUtil.setCurrentTime(at("2026-12-01T10:00:00Z"));
    String account = driver.newAccount("digital", TECH_TOUCH);
    ProcessInstance instance = startDigital(account, LocalDate.of(2026, 11, 25));

    // No kickoff: the plan is drafted from the handoff and sent to the customer's key person at once.
    BpmnAwareTests.assertThat(instance).hasPassed("Gateway_Motion", "Task_DraftSuccessPlan", "Task_RecordSuccessPlan",
        "Task_AskCustomer").hasNotPassed("Task_ScheduleKickoff").isWaitingAt("Task_WaitForAnswer");
    JsonNode plan = new ObjectMapper().readTree(driver.onboardingPlan(jdbc, instance));
    assertThat(plan.get("objectives").get(0).get("objective").asText())
        .isEqualTo("Cut onboarding time of new hires from 10 to 5 days");
    assertThat(plan.get("objectives").get(1).get("target").asText())
        .isEqualTo("60 % of licences activated or 40 % of licensed users active each week");
    // Tech-touch: 14 days from the close date to the time-to-value target.
    assertThat(plan.get("objectives").get(1).get("targetDate").asText()).isEqualTo("2026-12-09");
    assertThat(plan.get("milestones").get(0).get("date").asText()).isEqualTo("2026-12-02");

    Map<String, String> links = driver.customerLinks(account);
    String mail = GreenMailUtil.getBody(driver.mailsTo(account, OnboardingDriver.CUSTOMER,
        "Please confirm your success plan").get(0)).replace("=\r\n", "");
    assertThat(mail).contains("drafted from what you told us").doesNotContain("thank you for the kickoff");
    assertThat(driver.click(links.get("confirm"), null).statusCode()).isEqualTo(200);
    BpmnAwareTests.assertThat(instance).hasPassed("Task_RecordConfirmation").isWaitingAt("Task_CallProvisioningApi");
    assertThat(jdbc.sql("select version || ' ' || source from baton_success_plan_version where account_id = ?")
        .param(account).query(String.class).list()).containsExactly("1 onboarding");

    // The provisioning API opens the accounts; no Onboarding Rep, no training: Baton waits for usage.
    execute(job("Task_CallProvisioningApi", instance));
    provisioningApi.verify(postRequestedFor(urlEqualTo(PROVISIONING))
        .withRequestBody(matchingJsonPath("$.accountId", equalTo(account))));
    BpmnAwareTests.assertThat(instance).hasPassed("Task_CheckUsage").hasNotPassed("Task_ProvisionAndConfigure")
        .isWaitingAt("Task_WaitForAdoption").variables().containsEntry("adoptionShown", false);

    // Usage below both thresholds changes nothing; 45 of 100 users active weekly (40 % needed) launches.
    health.record(account, List.of(usage(30, 100, 20, 100)));
    BpmnAwareTests.assertThat(instance).isWaitingAt("Task_WaitForAdoption");
    ClockUtil.setCurrentTime(at("2026-12-08T09:00:00Z"));
    health.record(account, List.of(usage(30, 100, 45, 100)));
    BpmnAwareTests.assertThat(instance).hasPassed("EndEvent_UsageShowsAdoption").isWaitingAt("Gateway_Adopted");
    assertThat((String) runtime.getVariable(instance.getId(), "latestUsage"))
        .contains("45 of 100 licensed users active weekly (45 %");

    execute(job("Gateway_Adopted", instance));
    execute(job("EndEvent_Launched", instance));

    BpmnAwareTests.assertThat(instance).isEnded().hasPassed("Task_RecordLaunch", "EndEvent_Launched");
    assertThat(history.createHistoricTaskInstanceQuery().processInstanceId(instance.getId()).count())
        .as("user tasks of a digital onboarding that needed no person").isZero();
    assertThat(accounts.lifecycle(account)).containsEntry("stage", "live").containsEntry("onboardingStatus", "launched")
        .containsEntry("timeToValueDays", "13");
    assertThat(published.stream(OnboardingLaunched.class).filter(e -> e.accountId().equals(account))).hasSize(1);
    assertThat(driver.mailsTo(account, OnboardingDriver.CUSTOMER, "How was your onboarding?")).hasSize(1);
  }

  @Test
  void theCustomerAskingForChangesGivesTheCsmTheRevisionWithoutAKickoffSignOff() throws Exception {
    String account = driver.newAccount("digital-changes", TECH_TOUCH);
    ProcessInstance instance = startDigital(account, LocalDate.now().minusDays(3));

    Map<String, String> links = driver.customerLinks(account);
    assertThat(driver.click(links.get("request-changes"), "We also want the payroll team on it").statusCode())
        .isEqualTo(200);

    BpmnAwareTests.assertThat(instance).isWaitingAt("Task_ReviseSuccessPlan").variables()
        .containsEntry("customerChangeRequest", "We also want the payroll team on it");
    assertThat(driver.task(instance, "Task_ReviseSuccessPlan").getAssignee()).isEqualTo("csm-demo");
    var revised = OnboardingDriver.successPlan("10 days");
    revised.remove("kickoffHeldOn");
    revised.remove("salesSignedOff");
    driver.complete(instance, "Task_ReviseSuccessPlan", revised);

    BpmnAwareTests.assertThat(instance).isWaitingAt("Task_WaitForAnswer").variables().containsEntry("successPlanVersion", 2);
  }

  @Test
  void noAnswerByTheReminderGivesTheCsmTheCallTask() {
    ClockUtil.setCurrentTime(at("2026-12-01T10:00:00Z"));
    String account = driver.newAccount("digital-silent", TECH_TOUCH);
    ProcessInstance instance = startDigital(account, LocalDate.of(2026, 11, 30));
    BpmnAwareTests.assertThat(instance).isWaitingAt("Task_WaitForAnswer");
    assertThat(tasks.createTaskQuery().processInstanceId(instance.getId()).count()).isZero();

    ClockUtil.setCurrentTime(at("2026-12-06T10:01:00Z"));
    execute(job("Event_NoAnswer", instance));

    BpmnAwareTests.assertThat(instance).hasPassed("Task_RemindCsm").isWaitingAt("Task_ConfirmPlanByCall");
    assertThat(driver.task(instance, "Task_ConfirmPlanByCall").getAssignee()).isEqualTo("csm-demo");
  }

  @Test
  void noAdoptionByTheTimeToValueTargetGivesTheCsmAnAdoptionPlayThatCanKeepWaiting() {
    // Tech-touch: closed 2026-11-30, so the time-to-value target is 2026-12-14.
    ClockUtil.setCurrentTime(at("2026-12-01T10:00:00Z"));
    String account = driver.newAccount("digital-late", TECH_TOUCH);
    ProcessInstance instance = startDigital(account, LocalDate.of(2026, 11, 30));
    driver.answer(instance, SuccessPlanConfirmation.CONFIRM, null);
    execute(job("Task_CallProvisioningApi", instance));
    BpmnAwareTests.assertThat(instance).isWaitingAt("Task_WaitForAdoption");

    ClockUtil.setCurrentTime(at("2026-12-14T00:01:00Z"));
    execute(job("Event_NotAdoptedByTarget", instance));
    execute(job("StartEvent_TimeToValuePassed", instance));

    // A person is needed now; the wait goes on beside the task, and the CS Lead heard of the risk.
    BpmnAwareTests.assertThat(instance).isWaitingAt("Task_WaitForAdoption", "Task_RunAdoptionPlay")
        .hasPassed("Task_FlagAtRisk");
    var play = driver.task(instance, "Task_RunAdoptionPlay");
    assertThat(play.getAssignee()).isEqualTo("csm-demo");
    assertThat(play.getDueDate()).isAfter(at("2026-12-18T00:00:00Z"));

    // Late, RACI escalates it to the CS Lead (the task-local mark).
    ClockUtil.setCurrentTime(new Date(play.getDueDate().getTime() + 60_000));
    driver.runJobs(instance);
    assertThat(tasks.getVariableLocal(play.getId(), "escalated")).isEqualTo(true);

    driver.complete(instance, "Task_RunAdoptionPlay", Map.of("adoptionPlayNotes", "SSO not set up; sent the guide",
        "adoptionPlayOutcome", "keep-waiting"));
    BpmnAwareTests.assertThat(instance).hasPassed("EndEvent_KeepWaiting").isWaitingAt("Task_WaitForAdoption");
    assertThat(tasks.createTaskQuery().processInstanceId(instance.getId()).count()).isZero();

    health.record(account, List.of(usage(70, 100, null, null)));
    execute(job("Gateway_Adopted", instance));
    execute(job("EndEvent_Launched", instance));
    BpmnAwareTests.assertThat(instance).isEnded().hasPassed("Task_RecordLaunch");
  }

  @Test
  void theCsmFindingUsageAdequateAfterTheAdoptionPlayLaunches() {
    ClockUtil.setCurrentTime(at("2026-12-01T10:00:00Z"));
    String account = driver.newAccount("digital-play", TECH_TOUCH);
    ProcessInstance instance = startDigital(account, LocalDate.of(2026, 11, 1));
    driver.answer(instance, SuccessPlanConfirmation.CONFIRM, null);
    execute(job("Task_CallProvisioningApi", instance));
    // The target passed before the wait began: the play is due at once.
    execute(job("Event_NotAdoptedByTarget", instance));

    driver.complete(instance, "Task_RunAdoptionPlay", Map.of("adoptionPlayNotes", "Usage data lags; all 5 users work daily",
        "adoptionPlayOutcome", "adopted"));

    BpmnAwareTests.assertThat(instance).hasPassed("EndEvent_LiveAfterPlay").isWaitingAt("Gateway_Adopted");
    execute(job("Gateway_Adopted", instance));
    BpmnAwareTests.assertThat(instance).hasPassed("Task_RecordLaunch").isWaitingAt("EndEvent_Launched");
  }

  @Test
  void adoptionWhileTheAdoptionPlayIsOpenClosesItByItself() {
    ClockUtil.setCurrentTime(at("2026-12-01T10:00:00Z"));
    String account = driver.newAccount("digital-closes", TECH_TOUCH);
    ProcessInstance instance = startDigital(account, LocalDate.of(2026, 11, 1));
    driver.answer(instance, SuccessPlanConfirmation.CONFIRM, null);
    execute(job("Task_CallProvisioningApi", instance));
    execute(job("Event_NotAdoptedByTarget", instance));
    BpmnAwareTests.assertThat(instance).isWaitingAt("Task_RunAdoptionPlay");

    health.record(account, List.of(usage(null, null, 3, 5)));

    BpmnAwareTests.assertThat(instance).isWaitingAt("Gateway_Adopted");
    assertThat(tasks.createTaskQuery().processInstanceId(instance.getId()).count()).isZero();
  }

  @Test
  void usageThatShowedAdoptionBeforeTheWaitLaunchesWithoutWaiting() {
    ClockUtil.setCurrentTime(at("2026-12-01T10:00:00Z"));
    String account = driver.newAccount("digital-early", TECH_TOUCH);
    ProcessInstance instance = startDigital(account, LocalDate.of(2026, 11, 30));
    health.record(account, List.of(usage(4, 5, null, null)));
    driver.answer(instance, SuccessPlanConfirmation.CONFIRM, null);

    execute(job("Task_CallProvisioningApi", instance));

    BpmnAwareTests.assertThat(instance).hasPassed("Task_CheckUsage").hasNotPassed("Task_WaitForAdoption")
        .isWaitingAt("Gateway_Adopted").variables().containsEntry("adoptionShown", true);
  }

  @Test
  void withoutAProvisioningApiTheOnboardingRepProvisionsThenBatonWaitsForAdoption() {
    String account = driver.newAccount("digital-manual", TECH_TOUCH);
    ProcessInstance instance = startDigital(account, LocalDate.now());
    runtime.setVariable(instance.getId(), "provisioningUrl", null);
    driver.answer(instance, SuccessPlanConfirmation.CONFIRM, null);

    BpmnAwareTests.assertThat(instance).isWaitingAt("Task_ProvisionAndConfigure");
    driver.complete(instance, "Task_ProvisionAndConfigure", Map.of("accountsOpened", true, "configurationDone", true,
        "dataImport", "not-needed", "usersCanLogIn", true));

    BpmnAwareTests.assertThat(instance).hasNotPassed("Task_TrainUsers").isWaitingAt("Task_WaitForAdoption");
  }

  @Test
  void anAdoptionSignalWhileNoOnboardingWaitsForItIsHarmless() {
    String none = driver.newAccount("no-onboarding", TECH_TOUCH);
    health.record(none, List.of(usage(5, 5, 5, 5)));

    String enterprise = driver.newAccount("high-touch", "Enterprise");
    ProcessInstance instance = driver.start(enterprise, "Enterprise", LocalDate.now());
    health.record(enterprise, List.of(usage(5, 5, 5, 5)));

    BpmnAwareTests.assertThat(instance).hasNotPassed("Task_DraftSuccessPlan").isWaitingAt("Task_ScheduleKickoff");
  }

  @Test
  void aSignalPostedToTheHealthApiLaunchesAWaitingDigitalOnboarding() throws Exception {
    ClockUtil.setCurrentTime(at("2026-12-01T10:00:00Z"));
    String account = driver.newAccount("digital-api", TECH_TOUCH);
    ProcessInstance instance = startDigital(account, LocalDate.of(2026, 11, 30));
    driver.answer(instance, SuccessPlanConfirmation.CONFIRM, null);
    execute(job("Task_CallProvisioningApi", instance));
    BpmnAwareTests.assertThat(instance).isWaitingAt("Task_WaitForAdoption");

    HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
            URI.create("http://localhost:" + port + "/api/accounts/" + account + "/health-signals"))
        .header("Content-Type", "application/json")
        .header("Authorization", "Basic " + Base64.getEncoder().encodeToString("integration-demo:demo".getBytes()))
        .POST(HttpRequest.BodyPublishers.ofString("""
            {"timestamp":"2026-12-01T09:00:00Z","licencesActivated":4,"licencesPurchased":5}"""))
        .build(), HttpResponse.BodyHandlers.ofString());

    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    BpmnAwareTests.assertThat(instance).isWaitingAt("Gateway_Adopted");
    execute(job("Gateway_Adopted", instance));
    execute(job("EndEvent_Launched", instance));
    BpmnAwareTests.assertThat(instance).isEnded();
    assertThat(accounts.lifecycle(account)).containsEntry("stage", "live");
  }

  /** Hands the account over; the plan is drafted and sent in a job of its own after the start commits. */
  private ProcessInstance startDigital(String account, LocalDate closeDate) {
    ProcessInstance instance = driver.start(account, TECH_TOUCH, closeDate);
    BpmnAwareTests.assertThat(instance).isWaitingAt("Task_DraftSuccessPlan");
    execute(job("Task_DraftSuccessPlan", instance));
    return instance;
  }

  private static HealthSignal usage(Integer activated, Integer purchased, Integer weeklyActive, Integer licensed) {
    return new HealthSignal(ClockUtil.getCurrentTime().toInstant().atOffset(ZoneOffset.UTC), activated, purchased,
        weeklyActive, licensed, null, null, null, null, null, null, null, null, null);
  }

  private static Date at(String instant) {
    return Date.from(Instant.parse(instant));
  }
}
