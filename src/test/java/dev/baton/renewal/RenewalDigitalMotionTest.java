package dev.baton.renewal;

import static dev.baton.renewal.RenewalTestSupport.NOW;
import static dev.baton.renewal.RenewalTestSupport.due;
import static dev.baton.renewal.RenewalTestSupport.today;
import static dev.baton.support.TestMailServer.plainText;
import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.job;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import dev.baton.account.AccountRepository;
import dev.baton.account.AccountService;
import dev.baton.support.BatonIntegrationTest;
import dev.baton.support.TestMailServer;
import jakarta.mail.internet.MimeMessage;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The digital motion of RenewalPreparation (docs/renewal.md, docs/domain.md#tech-touch-motion) per path: a
 * tech-touch customer gets the survey at 120 days with no review by a person; Likely renews automatically 30 days
 * before with a confirmation mail and no task; Likely but red health brings the CSM in for the contract; Unsure,
 * Not likely or no answer give the CSM the risk tasks, then the contract; an enterprise account keeps the
 * high-touch renewal.
 */
@BatonIntegrationTest
class RenewalDigitalMotionTest {

  private static final Pattern LINK = Pattern.compile("(?m)^(Not likely|Unsure|Likely to renew): +(http://baton\\.test/customer/questions/\\S+)$");
  private static final Map<String, String> ANSWERS = Map.of("Not likely", "not-likely", "Unsure", "unsure",
      "Likely to renew", "likely");

  @RegisterExtension static GreenMailExtension smtp = TestMailServer.create();

  @LocalServerPort int port;
  @Autowired ProcessEngine engine;
  @Autowired AccountService accountService;
  @Autowired AccountRepository accounts;
  @Autowired RuntimeService runtime;
  @Autowired TaskService tasks;
  @Autowired ManagementService management;
  @Autowired HistoryService history;
  final HttpClient http = HttpClient.newHttpClient();
  RenewalTestSupport renewals;
  String account;
  LocalDate renewal;
  ProcessInstance instance;

  @BeforeEach
  void aTechTouchAccountRenewingIn130Days() {
    BpmnAwareTests.init(engine);
    ClockUtil.setCurrentTime(Date.from(NOW));
    renewals = new RenewalTestSupport(accountService, runtime, tasks, management);
    renewal = today().plusDays(130);
    account = renewals.save(RenewalTestSupport.newAccountId("digital"), renewal, "tech-touch");
    instance = renewals.instance(account);
    // Known from the previous cycle or the onboarding: the survey's recipient.
    runtime.setVariables(instance.getId(), Map.of("decisionMakerName", "Dana Decider",
        "decisionMakerEmail", "dana@customer.test"));
  }

  @AfterEach
  void resetClock() {
    ClockUtil.reset();
  }

  @Test
  void theSurveyIsTheOutreachAt120DaysWithoutAnyReviewByAPerson() throws Exception {
    BpmnAwareTests.assertThat(instance).isWaitingAt("Event_DigitalSurveyDue").hasNotPassed("Event_ReviewDue")
        .variables().containsEntry("segment", "tech-touch");
    assertThat(job("Event_DigitalSurveyDue", instance).getDuedate()).isEqualTo(due(renewal, 120));

    surveySent();

    assertThat(only("How likely are you to renew?").getAllRecipients()[0].toString()).isEqualTo("dana@customer.test");
    BpmnAwareTests.assertThat(instance).isWaitingAt("Task_AwaitAnswer")
        .hasNotPassed("Task_InternalAccountReview", "Task_InviteToValueReview", "Task_ValueReview");
  }

  @Test
  void likelyRenewsAutomatically30DaysBeforeWithoutAnyTaskAndConfirmsItToTheCustomer() throws Exception {
    surveySent();
    answer(links(only("How likely are you to renew?")).get("likely"));

    BpmnAwareTests.assertThat(instance).isWaitingAt("Event_AutoRenewalDue");
    assertThat(job("Event_AutoRenewalDue", instance).getDuedate()).isEqualTo(due(renewal, 30));
    ClockUtil.setCurrentTime(due(renewal, 30));
    execute(job("Event_AutoRenewalDue", instance));

    BpmnAwareTests.assertThat(instance).isEnded().hasPassed("Task_RenewAutomatically",
        "Task_StartNextCycleAfterAutoRenewal", "EndEvent_RenewedAutomatically");
    assertThat(history.createHistoricTaskInstanceQuery().processInstanceId(instance.getId()).count()).isZero();
    LocalDate next = renewal.plusYears(1);
    assertThat(history.createHistoricVariableInstanceQuery().processInstanceId(instance.getId())
        .variableName("renewalOutcome").singleResult().getValue()).isEqualTo("renewed");
    assertThat(accounts.find(account).orElseThrow().renewalDate()).isEqualTo(next);
    assertThat(accounts.lifecycle(account)).containsEntry("lastRenewal", renewal.toString())
        .containsEntry("renewalLikelihood", "likely");
    // The next cycle runs from the new date, digital again.
    ProcessInstance nextCycle = renewals.instance(account);
    assertThat(runtime.getVariable(nextCycle.getId(), "renewalDate")).isEqualTo(next.toString());
    BpmnAwareTests.assertThat(nextCycle).isWaitingAt("Event_DigitalSurveyDue");

    renewals.sendMails(account);
    MimeMessage confirmation = only("Your subscription is renewed");
    assertThat(Arrays.stream(confirmation.getAllRecipients()).map(Object::toString))
        .containsExactly("dana@customer.test");
    assertThat(plainText(confirmation)).contains("Hello Dana Decider", "Acme " + account + " is renewed",
        "next renewal date is " + written(next), "nothing", "Baton Test Co");
    assertThat(subjects()).doesNotContain("Renewal at risk: Acme " + account);
  }

  @Test
  void likelyButRedHealthWhenTheRenewalWouldHappenGivesTheCsmTheContract() throws Exception {
    surveySent();
    answer(links(only("How likely are you to renew?")).get("likely"));
    accounts.updateHealthBand(account, "red");

    ClockUtil.setCurrentTime(due(renewal, 30));
    execute(job("Event_AutoRenewalDue", instance));

    BpmnAwareTests.assertThat(instance).isWaitingAt("Task_PrepareContract").hasNotPassed("Task_RenewAutomatically");
    assertThat(renewals.task(instance, "Task_PrepareContract").getAssignee()).isEqualTo("csm-demo");
    renewals.complete(instance, "Task_PrepareContract", Map.of("renewalSeats", 10L, "contractSentOn",
        today().toString()));
    assertThat(renewals.task(instance, "Task_RecordDecision").getAssignee()).isEqualTo("csm-demo");
    assertThat(accounts.find(account).orElseThrow().renewalDate()).isEqualTo(renewal);
  }

  @ParameterizedTest
  @ValueSource(strings = {"unsure", "not-likely", "no-answer"})
  void aRiskOrNoAnswerGivesTheCsmTheRiskTaskThenTheContractAsForHighTouch(String first) throws Exception {
    surveySent();
    Map<String, String> links = links(only("How likely are you to renew?"));
    String riskTask;
    if (first.equals("no-answer")) {
      ClockUtil.setCurrentTime(Date.from(ClockUtil.getCurrentTime().toInstant().plus(Duration.ofDays(10))));
      execute(job("Event_NoAnswer", instance));
      riskTask = "Task_ReachOut";
    } else {
      answer(links.get(first));
      riskTask = "Task_AddressRisk";
    }

    BpmnAwareTests.assertThat(instance).isWaitingAt(riskTask);
    assertThat(renewals.task(instance, riskTask).getAssignee()).isEqualTo("csm-demo");
    renewals.sendMails(account);
    assertThat(only("Renewal at risk: Acme " + account).getAllRecipients()[0].toString())
        .isEqualTo("cs-lead-demo@example.com");
    renewals.complete(instance, riskTask, Map.of("riskFindings", "Budget review", "riskPlan", "Call the CFO",
        "renewalLikelihood", "likely"));

    if (!first.equals("not-likely")) {
      // Asked again at 75 days; even a Likely second answer goes to the CSM's contract once a person is involved.
      ClockUtil.setCurrentTime(due(renewal, 75));
      execute(job("Event_SecondSurveyDue", instance));
      renewals.sendMails(account);
      List<MimeMessage> surveys = all("How likely are you to renew?");
      assertThat(surveys).hasSize(2);
      answer(links(surveys.get(1)).get("likely"));
    }
    BpmnAwareTests.assertThat(instance).isWaitingAt("Event_ContractDue").hasNotPassed("Event_AutoRenewalDue");
    ClockUtil.setCurrentTime(due(renewal, 60));
    execute(job("Event_ContractDue", instance));
    assertThat(renewals.task(instance, "Task_PrepareContract").getAssignee()).isEqualTo("csm-demo");
  }

  @Test
  void theSurveyAndTheAutomaticRenewalFollowTheRenewalDateWhenItMoves() throws Exception {
    LocalDate later = renewal.plusDays(20);
    accountService.save(new dev.baton.account.Account(account, "Acme " + account, "tech-touch", later, null,
        RenewalTestSupport.TEAM));
    assertThat(job("Event_DigitalSurveyDue", instance).getDuedate()).isEqualTo(due(later, 120));

    ClockUtil.setCurrentTime(due(later, 120));
    execute(job("Event_DigitalSurveyDue", instance));
    renewals.sendMails(account);
    answer(links(only("How likely are you to renew?")).get("likely"));

    assertThat(job("Event_AutoRenewalDue", instance).getDuedate()).isEqualTo(due(later, 30));
  }

  @Test
  void anEnterpriseAccountKeepsTheHighTouchRenewal() {
    String enterprise = renewals.save(RenewalTestSupport.newAccountId("high-touch"), renewal);
    ProcessInstance highTouch = renewals.instance(enterprise);

    BpmnAwareTests.assertThat(highTouch).isWaitingAt("Event_ReviewDue").hasNotPassed("Event_DigitalSurveyDue");
    execute(job("Event_ReviewDue", highTouch));
    assertThat(renewals.task(highTouch, "Task_InternalAccountReview").getAssignee()).isEqualTo("csm-demo");
  }

  /** The survey's day: the timer fires and the mail reaches the decision maker. */
  private void surveySent() {
    ClockUtil.setCurrentTime(due(renewal, 120));
    execute(job("Event_DigitalSurveyDue", instance));
    renewals.sendMails(account);
  }

  private void answer(String link) throws Exception {
    HttpResponse<String> page = http.send(HttpRequest.newBuilder(URI.create(link.replace("http://baton.test",
            "http://localhost:" + port))).header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString("")).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
  }

  private static String written(LocalDate date) {
    return date.format(java.time.format.DateTimeFormatter.ofPattern("MMMM d, yyyy", java.util.Locale.US));
  }

  private static Map<String, String> links(MimeMessage survey) throws Exception {
    Matcher matcher = LINK.matcher(plainText(survey));
    Map<String, String> links = new LinkedHashMap<>();
    while (matcher.find()) {
      links.put(ANSWERS.get(matcher.group(1)), matcher.group(2));
    }
    return links;
  }

  private MimeMessage only(String subjectStart) {
    return TestMailServer.onlyStartingWith(smtp, subjectStart);
  }

  private List<MimeMessage> all(String subjectStart) {
    return TestMailServer.startingWith(smtp, subjectStart);
  }

  private List<String> subjects() {
    return TestMailServer.subjects(smtp);
  }

}
