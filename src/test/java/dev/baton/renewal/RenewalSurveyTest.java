package dev.baton.renewal;

import static dev.baton.support.TestMailServer.plainText;
import static dev.baton.renewal.RenewalTestSupport.NOW;
import static dev.baton.renewal.RenewalTestSupport.today;
import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.job;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import dev.baton.account.AccountRepository;
import dev.baton.account.AccountService;
import dev.baton.support.BatonIntegrationTest;
import dev.baton.support.DatabaseText;
import dev.baton.support.StaffReadings;
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
import javax.sql.DataSource;
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
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The renewal-likelihood survey (docs/domain.md#renewal-likelihood-survey) end to end: the mail reaches the
 * decision maker through SMTP, each of its three links is answered over HTTP, a tampered link changes
 * nothing, no answer in 10 days tells the CS Lead and gives the CSM a task to reach out in person, and an
 * Unsure or missing first answer is asked again 75 days before the renewal; then the contract.
 */
@BatonIntegrationTest
@ExtendWith(OutputCaptureExtension.class)
class RenewalSurveyTest {

  /** A link line of the plain-text survey: the choice's label, then its link. */
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
  @Autowired DataSource dataSource;
  final HttpClient http = HttpClient.newHttpClient();
  RenewalTestSupport renewals;
  String account;
  LocalDate renewal;
  ProcessInstance instance;

  @BeforeEach
  void surveySent() throws Exception {
    BpmnAwareTests.init(engine);
    ClockUtil.setCurrentTime(Date.from(NOW));
    renewals = new RenewalTestSupport(accountService, runtime, tasks, management);
    renewal = today().plusDays(95);
    account = renewals.save(RenewalTestSupport.newAccountId("survey"), renewal);
    instance = renewals.instance(account);
    execute(job("Event_ReviewDue", instance));
    renewals.completeReviews(instance, "dana@customer.test");
    ClockUtil.setCurrentTime(RenewalTestSupport.due(renewal, 90));
    execute(job("Event_SurveyDue", instance));
    renewals.sendMails(account);
    BpmnAwareTests.assertThat(instance).isWaitingAt("Task_AwaitAnswer");
  }

  @AfterEach
  void resetClock() {
    ClockUtil.reset();
  }

  @Test
  void theSurveyGoesToTheDecisionMakerWithThreeSignedLinks() throws Exception {
    MimeMessage survey = only("How likely are you to renew?");
    assertThat(Arrays.stream(survey.getAllRecipients()).map(Object::toString)).containsExactly("dana@customer.test");
    assertThat(links().keySet()).containsExactlyInAnyOrder("not-likely", "unsure", "likely");
    assertThat(plainText(survey)).contains("Hello Dana Decider", "Not likely:", "Unsure:", "Likely to renew:");
    // The HTML part carries the same links as its buttons, and no placeholder is left in either part.
    String raw = GreenMailUtil.getWholeMessage(survey).replace("=\r\n", "").replace("=3D", "=");
    for (String link : links().values()) {
      assertThat(raw).contains("href=\"" + link + "\"");
    }
    assertThat(raw).doesNotContain("customer-link:");
  }

  @Test
  void likelyIsRecordedOnTheAccountAndTheContractStepFollowsWithoutARiskTask() throws Exception {
    HttpResponse<String> page = post(links().get("likely"));

    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(accounts.lifecycle(account)).containsEntry("renewalLikelihood", "likely");
    BpmnAwareTests.assertThat(instance).isWaitingAt("Event_ContractDue").hasNotPassed("Task_AddressRisk");
    renewals.sendMails(account);
    assertThat(subjects()).doesNotContain("Renewal at risk: Acme " + account);
  }

  @ParameterizedTest
  @ValueSource(strings = {"not-likely", "unsure"})
  void notLikelyOrUnsureOpensARiskTaskForTheCsmAndTellsTheCsLead(String answer) throws Exception {
    HttpResponse<String> page = post(links().get(answer));

    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(accounts.lifecycle(account)).containsEntry("renewalLikelihood", answer);
    BpmnAwareTests.assertThat(instance).isWaitingAt("Task_AddressRisk");
    assertThat(renewals.task(instance, "Task_AddressRisk").getAssignee()).isEqualTo("csm-demo");
    renewals.sendMails(account);
    MimeMessage lead = only("Renewal at risk: Acme " + account);
    assertThat(Arrays.stream(lead.getAllRecipients()).map(Object::toString)).containsExactly("cs-lead-demo@example.com");
    assertThat(plainText(lead)).contains("Answer to the renewal survey");

    // The CSM's judgement after talking to the customer replaces the answer on the account.
    renewals.complete(instance, "Task_AddressRisk", Map.of("riskFindings", "Budget review", "riskPlan", "ROI study",
        "renewalLikelihood", "likely"));
    assertThat(accounts.lifecycle(account)).containsEntry("renewalLikelihood", "likely");
  }

  @Test
  void notLikelyIsNotAskedAgainTheContractFollowsTheRiskTask() throws Exception {
    post(links().get("not-likely"));
    renewals.complete(instance, "Task_AddressRisk", Map.of("riskFindings", "Budget cut", "riskPlan", "Downsell",
        "renewalLikelihood", "unsure"));

    BpmnAwareTests.assertThat(instance).isWaitingAt("Event_ContractDue").hasNotPassed("Event_SecondSurveyDue");
  }

  @Test
  void unsureIsAskedAgain75DaysBeforeAndALikelySecondAnswerLeadsToTheContract() throws Exception {
    post(links().get("unsure"));
    // Even when the CSM judges it likely after talking to the customer, the customer is asked again.
    renewals.complete(instance, "Task_AddressRisk", Map.of("riskFindings", "Wants the roadmap", "riskPlan", "Demo",
        "renewalLikelihood", "likely"));

    BpmnAwareTests.assertThat(instance).isWaitingAt("Event_SecondSurveyDue");
    assertThat(job("Event_SecondSurveyDue", instance).getDuedate()).isEqualTo(RenewalTestSupport.due(renewal, 75));
    ClockUtil.setCurrentTime(RenewalTestSupport.due(renewal, 75));
    execute(job("Event_SecondSurveyDue", instance));
    renewals.sendMails(account);

    List<MimeMessage> surveys = all("How likely are you to renew?");
    assertThat(surveys).hasSize(2);
    assertThat(Arrays.stream(surveys.get(1).getAllRecipients()).map(Object::toString)).containsExactly("dana@customer.test");
    BpmnAwareTests.assertThat(instance).isWaitingAt("Task_AwaitAnswer");
    assertThat(post(links(surveys.get(1)).get("likely")).statusCode()).isEqualTo(200);

    assertThat(accounts.lifecycle(account)).containsEntry("renewalLikelihood", "likely");
    assertThat(runtime.getVariables(instance.getId())).containsEntry("firstSurveyAnswer", "unsure")
        .containsEntry("secondSurveyAnswer", "likely");
    BpmnAwareTests.assertThat(instance).isWaitingAt("Event_ContractDue");
  }

  @ParameterizedTest
  @ValueSource(strings = {"not-likely", "unsure", "no-answer"})
  void aSecondRiskyAnswerOrNoneGoesToTheRiskPathAgainThenToTheContract(String second) throws Exception {
    post(links().get("unsure"));
    renewals.complete(instance, "Task_AddressRisk", Map.of("riskFindings", "Unclear budget", "riskPlan", "Call CFO",
        "renewalLikelihood", "unsure"));
    ClockUtil.setCurrentTime(RenewalTestSupport.due(renewal, 75));
    execute(job("Event_SecondSurveyDue", instance));
    renewals.sendMails(account);
    Map<String, String> secondLinks = links(all("How likely are you to renew?").get(1));
    smtp.reset();

    String riskTask;
    if (second.equals("no-answer")) {
      ClockUtil.setCurrentTime(Date.from(ClockUtil.getCurrentTime().toInstant().plus(Duration.ofDays(10))));
      execute(job("Event_NoAnswer", instance));
      riskTask = "Task_ReachOut";
    } else {
      assertThat(post(secondLinks.get(second)).statusCode()).isEqualTo(200);
      riskTask = "Task_AddressRisk";
    }

    BpmnAwareTests.assertThat(instance).isWaitingAt(riskTask);
    renewals.sendMails(account);
    assertThat(all("Renewal at risk: Acme " + account)).hasSize(1);
    assertThat(accounts.lifecycle(account)).containsEntry("renewalLikelihood", second);
    renewals.complete(instance, riskTask, Map.of("riskFindings", "Still unclear", "riskPlan", "Executive call",
        "renewalLikelihood", "unsure"));

    assertThat(runtime.getVariable(instance.getId(), "secondSurveyAnswer")).isEqualTo(second);
    BpmnAwareTests.assertThat(instance).isWaitingAt("Event_ContractDue");
    assertThat(job("Event_ContractDue", instance).getDuedate()).isEqualTo(RenewalTestSupport.due(renewal, 60));
  }

  @Test
  void aTamperedLinkIsRefusedAndChangesNothing() throws Exception {
    String likely = links().get("likely");
    String tampered = likely.substring(0, likely.length() - 2) + (likely.endsWith("xx") ? "yy" : "xx");
    String madeUp = likely.substring(0, likely.lastIndexOf('/') + 1) + "A".repeat(43);

    assertThat(post(tampered).statusCode()).isEqualTo(404);
    assertThat(post(madeUp).statusCode()).isEqualTo(404);

    BpmnAwareTests.assertThat(instance).isWaitingAt("Task_AwaitAnswer");
    assertThat(accounts.lifecycle(account)).doesNotContainKey("renewalLikelihood");
  }

  @Test
  void noStaffRoleFindsAnyPartOfTheSurveyLinksAndNoneIsStoredOrLoggedWhileTheCustomersClickStillAnswers(
      CapturedOutput log) throws Exception {
    Map<String, String> links = links();
    assertThat(links).hasSize(3);
    List<String> tokenStarts = links.values().stream().map(link -> token(link).substring(0, 12)).toList();

    List<String> tokens = links.values().stream().map(RenewalSurveyTest::token).toList();
    StaffReadings staff = new StaffReadings(port);
    Map<String, Map<String, String>> read = staff.assertNoStaffFinds(account, tokens);
    // Staff do read the survey mail's variables (its subject, its text): just no link in them.
    read.forEach((user, answers) -> assertThat(String.join("\n", answers.values())).as(user)
        .contains("How likely are you to renew? (Acme " + account + ")", "mailText"));
    assertThat(DatabaseText.whereFound(dataSource, tokenStarts)).isEmpty();
    assertThat(DatabaseText.whereFound(dataSource, List.of(account))).as("the search finds what is stored")
        .anyMatch(column -> column.equalsIgnoreCase("baton_account.account_id"));

    assertThat(get(links.get("unsure")).statusCode()).isEqualTo(200);
    assertThat(post(links.get("unsure")).statusCode()).isEqualTo(200);
    assertThat(accounts.lifecycle(account)).containsEntry("renewalLikelihood", "unsure");
    BpmnAwareTests.assertThat(instance).isWaitingAt("Task_AddressRisk");
    // Nor once the answer is in and the CSM's task is open (its variables and form variables too).
    assertThat(staff.assertNoStaffFinds(account, tokens).get("csm-demo").keySet())
        .anyMatch(path -> path.contains("/form-variables"));
    assertThat(log.getAll()).contains("Sent 'renewal-survey' mail for account " + account);
    tokenStarts.forEach(start -> assertThat(log.getAll()).doesNotContain(start));
  }

  @Test
  void noAnswerWithinTenDaysTellsTheCsLeadTheCsmReachesOutInPersonAndTheSurveyIsAskedAgain() throws Exception {
    ClockUtil.setCurrentTime(Date.from(ClockUtil.getCurrentTime().toInstant().plus(Duration.ofDays(9))));
    assertThat(management.createJobQuery().processInstanceId(instance.getId()).executable().count()).isZero();

    ClockUtil.setCurrentTime(Date.from(ClockUtil.getCurrentTime().toInstant().plus(Duration.ofDays(1))));
    execute(job("Event_NoAnswer", instance));

    BpmnAwareTests.assertThat(instance).isWaitingAt("Task_ReachOut");
    assertThat(renewals.task(instance, "Task_ReachOut").getAssignee()).isEqualTo("csm-demo");
    assertThat(accounts.lifecycle(account)).containsEntry("renewalLikelihood", "no-answer");
    assertThat((String) runtime.getVariable(instance.getId(), "renewalRisk")).contains("No answer", "10 days");
    // The CS Lead hears of it as of a Not likely or Unsure answer; the mail says there was no answer.
    renewals.sendMails(account);
    MimeMessage lead = only("Renewal at risk: Acme " + account);
    assertThat(Arrays.stream(lead.getAllRecipients()).map(Object::toString)).containsExactly("cs-lead-demo@example.com");
    assertThat(plainText(lead)).contains("No answer to the renewal survey within 10 days");
    // The links expired with the wait: a late click changes nothing.
    assertThat(post(links().get("likely")).statusCode()).isEqualTo(410);
    assertThat(accounts.lifecycle(account)).containsEntry("renewalLikelihood", "no-answer");

    renewals.complete(instance, "Task_ReachOut", Map.of("riskFindings", "On holiday", "riskPlan", "Call again",
        "renewalLikelihood", "unsure"));
    BpmnAwareTests.assertThat(instance).isWaitingAt("Event_SecondSurveyDue");
    assertThat(runtime.getVariable(instance.getId(), "firstSurveyAnswer")).isEqualTo("no-answer");
  }

  private Map<String, String> links() throws Exception {
    return links(only("How likely are you to renew?"));
  }

  private Map<String, String> links(MimeMessage survey) throws Exception {
    Matcher matcher = LINK.matcher(plainText(survey));
    Map<String, String> links = new LinkedHashMap<>();
    while (matcher.find()) {
      links.put(ANSWERS.get(matcher.group(1)), matcher.group(2));
    }
    return links;
  }

  private static String token(String link) {
    return link.substring(link.lastIndexOf('/') + 1);
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


  private HttpResponse<String> get(String url) throws Exception {
    return http.send(HttpRequest.newBuilder(local(url)).GET().build(), HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> post(String url) throws Exception {
    return http.send(HttpRequest.newBuilder(local(url)).header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString("")).build(), HttpResponse.BodyHandlers.ofString());
  }

  private URI local(String url) {
    return URI.create(url.replace("http://baton.test", "http://localhost:" + port));
  }
}
