package dev.baton.nps;

import static dev.baton.support.TestMailServer.plainText;
import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.job;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import dev.baton.account.Account;
import dev.baton.account.AccountChurned;
import dev.baton.account.AccountService;
import dev.baton.calendar.DueDates;
import dev.baton.contact.AccountContacts;
import dev.baton.contact.Contact;
import dev.baton.mail.MailOutbox;
import dev.baton.onboarding.OnboardingLaunched;
import dev.baton.support.BatonIntegrationTest;
import dev.baton.support.Jobs;
import dev.baton.support.TestMailServer;
import jakarta.mail.internet.MimeMessage;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The NPS programme (processes/NpsSurvey.bpmn, docs/lifecycle.md) per path: the launch starts it, the first
 * survey goes out three months later to the asked personas with eleven links each, and each answer takes
 * its path: promoter (thanks, reference task), passive (nothing), detractor (CS Lead told, loop-closing
 * task in 2 business days), no answer in 14 days (no response, no task); a churn ends it while it waits.
 */
@BatonIntegrationTest
class NpsSurveyTest {

  /** The tests' launch: a Monday morning. */
  static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");
  private static final Pattern LINK = Pattern.compile("(?m)^Score (\\d+): +(http://baton\\.test/customer/questions/\\S+)$");
  private static final String SUBJECT = "How likely are you to recommend us?";

  @RegisterExtension static GreenMailExtension smtp = TestMailServer.create();

  @LocalServerPort int port;
  @Autowired ProcessEngine engine;
  @Autowired AccountService accountService;
  @Autowired AccountContacts contacts;
  @Autowired RuntimeService runtime;
  @Autowired TaskService tasks;
  @Autowired ManagementService management;
  @Autowired ApplicationEventPublisher events;
  @Autowired TransactionTemplate transaction;
  @Autowired JdbcClient jdbc;
  @Autowired DueDates dueDates;
  final HttpClient http = HttpClient.newHttpClient();
  String account;
  ProcessInstance instance;
  LocalDate launchDay;

  @BeforeEach
  void launchedAndFirstSurveySent() {
    BpmnAwareTests.init(engine);
    ClockUtil.setCurrentTime(Date.from(NOW));
    launchDay = NOW.atZone(ZoneId.systemDefault()).toLocalDate();
    account = "nps-" + UUID.randomUUID().toString().substring(0, 8);
    accountService.save(new Account(account, "Acme " + account, "enterprise", null, null,
        Map.of("csm", "csm-demo", "cs-lead", "cs-lead-demo")));
    contacts.replace(account, List.of(
        new Contact("Dana Decider", "dana@customer.test", "COO", "decision-maker", "high"),
        new Contact("Chris Champion", "chris@customer.test", "Team lead", "champion", "medium"),
        new Contact("Bill Payer", "bill@customer.test", "Accounts payable", "billing", "low")));
    transaction.executeWithoutResult(status -> events.publishEvent(new OnboardingLaunched(account, "onboarding", null)));
    instance = runtime.createProcessInstanceQuery().processDefinitionKey(NpsStart.PROCESS_KEY)
        .processInstanceBusinessKey(account).singleResult();
    BpmnAwareTests.assertThat(instance).isWaitingAt("Event_FirstSurveyDue");
    Date firstDue = at(launchDay.plusMonths(3));
    assertThat(job("Event_FirstSurveyDue", instance).getDuedate()).isEqualTo(firstDue);

    ClockUtil.setCurrentTime(firstDue);
    execute(job("Event_FirstSurveyDue", instance));
    sendMails();
  }

  @AfterEach
  void resetClock() {
    ClockUtil.reset();
  }

  @Test
  void theSurveyGoesToTheDecisionMakerAndTheChampionWithElevenLinksEachAndNotToBilling() throws Exception {
    List<MimeMessage> surveys = surveys();
    assertThat(surveys).hasSize(2);
    assertThat(surveys.stream().map(NpsSurveyTest::recipient)).containsExactlyInAnyOrder("dana@customer.test",
        "chris@customer.test");
    for (MimeMessage survey : surveys) {
      assertThat(links(survey).keySet()).containsExactly("0", "1", "2", "3", "4", "5", "6", "7", "8", "9", "10");
    }
    assertThat(plainText(surveyTo("dana@customer.test"))).contains("Hello Dana Decider");
    BpmnAwareTests.assertThat(instance).isWaitingAt("Task_AwaitAnswer");
    assertThat(runtime.createExecutionQuery().processInstanceId(instance.getId()).activityId("Task_AwaitAnswer").count())
        .isEqualTo(2);
  }

  @Test
  void aPromoterIsThankedAndTheCsmAsksForAReference() throws Exception {
    assertThat(answer("dana@customer.test", "10").statusCode()).isEqualTo(200);

    sendMails();
    assertThat(mailsTo("dana@customer.test", "Thank you for your feedback")).hasSize(1);
    Task reference = task("Task_AskForReference");
    assertThat(reference.getAssignee()).isEqualTo("csm-demo");
    assertThat(tasks.getVariable(reference.getId(), "respondentName")).isEqualTo("Dana Decider");
    assertThat(tasks.getVariable(reference.getId(), "npsScore")).isEqualTo(10);
    assertThat(response("dana@customer.test")).containsEntry("status", "answered").containsEntry("score", 10);
    assertThat(latestNpsSignal()).isEqualTo(10);
    // An answer is also a customer touch for engagement (docs/health.md, "Baton's own touches").
    assertThat(jdbc.sql("select what from baton_health_touch where account_id = ?").param(account)
        .query(String.class).list()).contains("NPS answer");

    noAnswerFromTheOthers();
    tasks.complete(reference.getId(), Map.of("advocacyOutcome", "reference", "advocacyNotes", "Two calls a quarter"));
    BpmnAwareTests.assertThat(instance).isWaitingAt("Event_NextSurveyDue");
  }

  @Test
  void passivesGetNoTaskAndTheNextSurveyFollowsSixMonthsAfterThisOne() throws Exception {
    Date surveyed = ClockUtil.getCurrentTime();
    answer("dana@customer.test", "8");
    answer("chris@customer.test", "7");

    BpmnAwareTests.assertThat(instance).isWaitingAt("Event_NextSurveyDue").hasNotPassed("Task_AskForReference",
        "Task_CloseTheLoop");
    assertThat(tasks.createTaskQuery().processInstanceId(instance.getId()).count()).isZero();
    LocalDate surveyDay = surveyed.toInstant().atZone(ZoneId.systemDefault()).toLocalDate();
    Date nextDue = at(surveyDay.plusMonths(6));
    assertThat(job("Event_NextSurveyDue", instance).getDuedate()).isEqualTo(nextDue);
    assertThat(jdbc.sql("select closed_at from baton_nps_survey where account_id = ?").param(account)
        .query(java.sql.Timestamp.class).single()).isNotNull();

    smtp.reset();
    ClockUtil.setCurrentTime(nextDue);
    execute(job("Event_NextSurveyDue", instance));
    sendMails();
    assertThat(surveys()).hasSize(2);
    assertThat(jdbc.sql("select count(*) from baton_nps_survey where account_id = ?").param(account)
        .query(Integer.class).single()).isEqualTo(2);
  }

  @Test
  void aDetractorTellsTheCsLeadAndTheCsmClosesTheLoopWithinTwoBusinessDays() throws Exception {
    HttpResponse<String> page = answer("chris@customer.test", "3", "Reports are too slow");

    assertThat(page.statusCode()).isEqualTo(200);
    Task loop = task("Task_CloseTheLoop");
    assertThat(loop.getAssignee()).isEqualTo("csm-demo");
    assertThat(loop.getDueDate()).isEqualTo(dueDates.businessDays(2));
    assertThat(tasks.getVariable(loop.getId(), "customerComment")).isEqualTo("Reports are too slow");
    sendMails();
    List<MimeMessage> lead = mailsTo("cs-lead-demo@example.com", "NPS detractor: Acme " + account);
    assertThat(lead).hasSize(1);
    assertThat(plainText(lead.get(0))).contains("Chris Champion", "3 of 10", "Reports are too slow");
    assertThat(response("chris@customer.test")).containsEntry("status", "answered").containsEntry("score", 3)
        .containsEntry("answer_comment", "Reports are too slow");
    assertThat(latestNpsSignal()).isEqualTo(3);
    assertThat(mailsTo("chris@customer.test", "Thank you for your feedback")).isEmpty();
  }

  @Test
  void noAnswerInFourteenDaysIsRecordedAsNoResponseWithoutATask() throws Exception {
    ClockUtil.setCurrentTime(Date.from(ClockUtil.getCurrentTime().toInstant().plus(13, ChronoUnit.DAYS)));
    assertThat(management.createJobQuery().processInstanceId(instance.getId()).executable().count()).isZero();

    noAnswerFromTheOthers();

    BpmnAwareTests.assertThat(instance).isWaitingAt("Event_NextSurveyDue");
    assertThat(tasks.createTaskQuery().processInstanceId(instance.getId()).count()).isZero();
    assertThat(response("dana@customer.test")).containsEntry("status", "no-response");
    assertThat(response("chris@customer.test")).containsEntry("status", "no-response");
    // The links expired with the wait: a late click changes nothing.
    assertThat(answer("dana@customer.test", "9").statusCode()).isEqualTo(410);
    assertThat(response("dana@customer.test")).containsEntry("status", "no-response");
  }

  @Test
  void aChurnWhileWaitingForAnswersEndsTheProgrammeAndTheLinksChangeNothing() throws Exception {
    transaction.executeWithoutResult(status -> events.publishEvent(new AccountChurned(account)));

    BpmnAwareTests.assertThat(instance).isEnded().hasPassed("EndEvent_ProgrammeEnded");
    assertThat(answer("dana@customer.test", "9").statusCode()).isEqualTo(410);
    assertThat(response("dana@customer.test")).containsEntry("status", "no-response");
    assertThat(jdbc.sql("select closed_at from baton_nps_survey where account_id = ?").param(account)
        .query(java.sql.Timestamp.class).single()).isNotNull();
  }

  /** The no-answer timers of everyone still waiting, fired once their 14 days are up. */
  private void noAnswerFromTheOthers() {
    ClockUtil.setCurrentTime(Date.from(surveyedAt().plus(14, ChronoUnit.DAYS)));
    List<Job> timers = management.createJobQuery().processInstanceId(instance.getId()).activityId("Event_NoAnswer").list();
    assertThat(timers).isNotEmpty();
    timers.forEach(timer -> execute(timer));
  }

  private Instant surveyedAt() {
    return jdbc.sql("select max(sent_at) from baton_nps_survey where account_id = ?").param(account)
        .query(java.sql.Timestamp.class).single().toInstant();
  }

  private Integer latestNpsSignal() {
    return jdbc.sql("select nps from baton_health_signal where account_id = ? order by id desc").param(account)
        .query(Integer.class).list().get(0);
  }

  private Map<String, Object> response(String email) {
    return jdbc.sql("""
            select r.status, r.score, r.answer_comment from baton_nps_response r join baton_nps_survey s on s.id = r.survey_id
            where s.account_id = ? and r.email = ?""").params(account, email)
        .query().singleRow().entrySet().stream()
        .collect(LinkedHashMap::new, (m, e) -> m.put(e.getKey().toLowerCase(), e.getValue()), Map::putAll);
  }

  private Task task(String key) {
    List<Task> open = tasks.createTaskQuery().processInstanceId(instance.getId()).taskDefinitionKey(key).list();
    assertThat(open).as("open task " + key).hasSize(1);
    return open.get(0);
  }

  private static Date at(LocalDate day) {
    return Date.from(day.atTime(LocalTime.of(9, 0)).atZone(ZoneId.systemDefault()).toInstant());
  }

  private void sendMails() {
    String[] deliveries = runtime.createProcessInstanceQuery().processDefinitionKey(MailOutbox.PROCESS_KEY)
        .processInstanceBusinessKey(account).list().stream().map(ProcessInstance::getId).toArray(String[]::new);
    if (deliveries.length > 0) {
      Jobs.executeAll(management, deliveries);
    }
  }

  private HttpResponse<String> answer(String email, String score) throws Exception {
    return answer(email, score, null);
  }

  private HttpResponse<String> answer(String email, String score, String comment) throws Exception {
    String link = links(surveyTo(email)).get(score);
    String body = comment == null ? "" : "comment=" + java.net.URLEncoder.encode(comment, java.nio.charset.StandardCharsets.UTF_8);
    return http.send(HttpRequest.newBuilder(URI.create(link.replace("http://baton.test", "http://localhost:" + port)))
        .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(body))
        .build(), HttpResponse.BodyHandlers.ofString());
  }

  private MimeMessage surveyTo(String email) {
    List<MimeMessage> found = mailsTo(email, SUBJECT);
    assertThat(found).as("surveys to " + email).hasSize(1);
    return found.get(0);
  }

  private List<MimeMessage> surveys() {
    return Arrays.stream(smtp.getReceivedMessages()).filter(m -> subject(m).startsWith(SUBJECT)).toList();
  }

  private List<MimeMessage> mailsTo(String email, String subjectStart) {
    return Arrays.stream(smtp.getReceivedMessages())
        .filter(m -> subject(m).startsWith(subjectStart) && recipient(m).equals(email)).toList();
  }

  private static Map<String, String> links(MimeMessage survey) throws Exception {
    Matcher matcher = LINK.matcher(plainText(survey));
    Map<String, String> links = new LinkedHashMap<>();
    while (matcher.find()) {
      links.put(matcher.group(1), matcher.group(2));
    }
    return links;
  }

  private static String recipient(MimeMessage message) {
    try {
      return message.getAllRecipients()[0].toString();
    } catch (jakarta.mail.MessagingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String subject(MimeMessage message) {
    try {
      return message.getSubject();
    } catch (jakarta.mail.MessagingException e) {
      throw new IllegalStateException(e);
    }
  }
}
