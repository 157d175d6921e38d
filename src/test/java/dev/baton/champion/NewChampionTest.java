package dev.baton.champion;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.job;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import dev.baton.account.Account;
import dev.baton.account.AccountChurned;
import dev.baton.account.AccountService;
import dev.baton.calendar.DueDates;
import dev.baton.contact.AccountContacts;
import dev.baton.contact.Contact;
import dev.baton.health.HealthSignal;
import dev.baton.health.HealthSignals;
import dev.baton.mail.MailOutbox;
import dev.baton.support.BatonIntegrationTest;
import dev.baton.support.Jobs;
import dev.baton.support.TestMailServer;
import jakarta.mail.BodyPart;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.Base64;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.camunda.bpm.model.bpmn.instance.UserTask;
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
 * A new champion or executive sponsor (processes/NewChampion.bpmn, docs/lifecycle.md#a-new-champion-or-executive)
 * per path: a PUT of the contacts naming another champion starts it (an unchanged list, a first list do not); the
 * CSM meets them within 10 business days while a green sentiment is held at yellow; the plan goes to them by
 * customer links: confirmed, changes requested (CSM told), no answer in 14 days (CSM told); a second change while
 * it runs replaces the person to meet; a new executive named by the value review is met too; a churn ends it.
 */
@BatonIntegrationTest
class NewChampionTest {

  /** A Monday morning. */
  static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");
  private static final Pattern LINK = Pattern.compile("(?m)^(Yes, confirm|No, request changes)[^:]*: +(http://baton\\.test/customer/questions/\\S+)$");
  private static final String PLAN_MAIL = "Please confirm your success plan";
  private static final String PLAN = """
      {"objectives": [{"objective": "Cut the time to onboard a site", "measure": "quantitative", "baseline": "10 days",
        "target": "3 days", "owner": "Chris Champion"}],
       "milestones": [{"date": "2027-01-15", "milestone": "Pilot sites live", "owner": "Chris Champion"}]}""";

  @RegisterExtension static GreenMailExtension smtp = TestMailServer.create();

  @LocalServerPort int port;
  @Autowired ProcessEngine engine;
  @Autowired AccountService accountService;
  @Autowired AccountContacts contacts;
  @Autowired HealthSignals health;
  @Autowired RuntimeService runtime;
  @Autowired TaskService tasks;
  @Autowired ManagementService management;
  @Autowired ApplicationEventPublisher events;
  @Autowired TransactionTemplate transaction;
  @Autowired JdbcClient jdbc;
  @Autowired DueDates dueDates;
  final HttpClient http = HttpClient.newHttpClient();
  String account;

  @BeforeEach
  void liveAccountWithAChampionAndAGreenSentiment() {
    BpmnAwareTests.init(engine);
    ClockUtil.setCurrentTime(Date.from(NOW));
    account = "champion-" + UUID.randomUUID().toString().substring(0, 8);
    accountService.save(new Account(account, "Acme " + account, "enterprise", null, null,
        Map.of("csm", "csm-demo", "cs-lead", "cs-lead-demo")));
    contacts.replace(account, List.of(
        new Contact("Dana Decider", "dana@customer.test", "COO", "decision-maker", "high"),
        new Contact("Chris Champion", "chris@customer.test", null, "champion", "high"),
        new Contact("Erin Exec", "erin@customer.test", "CEO", "executive-sponsor", "high")));
    health.record(account, List.of(sentiment("green", "All good")));
    jdbc.sql("insert into baton_onboarding (process_instance_id, account_id, started_at, success_plan) values (?, ?, ?, ?)")
        .params("onboarding-" + account, account, Timestamp.from(NOW.minus(90, ChronoUnit.DAYS)), PLAN).update();
  }

  @AfterEach
  void resetClock() {
    ClockUtil.reset();
  }

  @Test
  void aPutNamingAnotherChampionStartsNewChampionAndAnUnchangedListDoesNot() throws Exception {
    assertThat(instances()).as("the first list names the champion: nothing changed").isEmpty();

    assertThat(putContacts("Chris Champion", "CHRIS@customer.test").statusCode()).isEqualTo(200);
    assertThat(instances()).as("the same person (case ignored)").isEmpty();

    HttpResponse<String> put = putContacts("Nora New", "nora@customer.test");

    assertThat(put.statusCode()).as(put.body()).isEqualTo(200);
    ProcessInstance instance = single();
    assertThat(instance.getBusinessKey()).isEqualTo(account);
    assertThat(runtime.getVariables(instance.getId())).containsEntry("keyContactPersona", "champion")
        .containsEntry("keyContactName", "Nora New").containsEntry("keyContactEmail", "nora@customer.test")
        .containsEntry("previousContactName", "Chris Champion");
  }

  @Test
  void theCsmMeetsTheNewChampionInTenBusinessDaysWhileTheSentimentIsHeldAtYellowAndTheyConfirmThePlan()
      throws Exception {
    ProcessInstance instance = newChampion();

    Task meet = meeting(instance);
    assertThat(meet.getName()).isEqualTo("Meet the new champion");
    assertThat(meet.getAssignee()).isEqualTo("csm-demo");
    assertThat(meet.getDueDate()).isEqualTo(dueDates.businessDays(10));
    assertThat(health.currentSentiment(account)).hasValue("yellow");
    assertThat(latestSentimentComment()).startsWith("New champion not met yet");
    assertThat((String) tasks.getVariable(meet.getId(), "successPlanSummary")).contains("Cut the time to onboard a site");

    met(meet, (String) tasks.getVariable(meet.getId(), "successPlanSummary"));

    assertThat(health.currentSentiment(account)).hasValue("green");
    BpmnAwareTests.assertThat(instance).isWaitingAt("Task_AwaitAnswer");
    sendMails();
    String mail = text(planMail("nora@customer.test"));
    assertThat(mail).contains("Hello Nora New", "Cut the time to onboard a site");
    assertThat(answer("confirm", null).statusCode()).isEqualTo(200);
    BpmnAwareTests.assertThat(instance).isEnded().hasPassed("EndEvent_PlanConfirmed", "EndEvent_Welcomed");
  }

  @Test
  void changesRequestedByTheNewChampionAreToldToTheCsm() throws Exception {
    ProcessInstance instance = newChampion();
    met(meeting(instance), "Objectives: cut onboarding time to 3 days");
    sendMails();

    assertThat(answer("request-changes", "Add the Berlin sites").statusCode()).isEqualTo(200);

    BpmnAwareTests.assertThat(instance).isEnded().hasPassed("Task_TellCsmChanges", "EndEvent_ChangesRequested");
    sendMails();
    List<MimeMessage> told = mailsTo("csm-demo@example.com", "Changes requested to the success plan");
    assertThat(told).hasSize(1);
    assertThat(text(told.get(0))).contains("Nora New", "Add the Berlin sites");
  }

  @Test
  void noAnswerInFourteenDaysIsToldToTheCsm() throws Exception {
    ProcessInstance instance = newChampion();
    met(meeting(instance), "Objectives: cut onboarding time to 3 days");
    sendMails();

    ClockUtil.setCurrentTime(Date.from(NOW.plus(13, ChronoUnit.DAYS)));
    assertThat(management.createJobQuery().processInstanceId(instance.getId()).executable().count()).isZero();
    ClockUtil.setCurrentTime(Date.from(NOW.plus(14, ChronoUnit.DAYS)));
    execute(job("Event_NoAnswer", instance));

    BpmnAwareTests.assertThat(instance).isEnded().hasPassed("Task_TellCsmNoAnswer", "EndEvent_NoAnswer");
    sendMails();
    assertThat(mailsTo("csm-demo@example.com", "No answer to the success plan")).hasSize(1);
    assertThat(answer("confirm", null).statusCode()).as("the links expired").isEqualTo(410);
  }

  @Test
  void aMeetingWithoutTheSuccessPlanStaysOpen() {
    ProcessInstance instance = newChampion();
    Task meet = meeting(instance);

    assertThatThrownBy(() -> met(meet, " ")).hasMessageContaining("successPlanSummary: is empty");

    assertThat(meeting(instance).getId()).isEqualTo(meet.getId());
    assertThat(health.currentSentiment(account)).hasValue("yellow");
  }

  @Test
  void aSecondChangeWhileItRunsReplacesThePersonToMeetAndLinksToTheEarlierOneStopWorking() throws Exception {
    ProcessInstance instance = newChampion();
    met(meeting(instance), "Objectives: cut onboarding time to 3 days");
    sendMails();
    String earlierLink = link(planMail("nora@customer.test"), "Yes, confirm");

    changeChampion("Omar Other", "omar@customer.test");

    assertThat(instances()).extracting(ProcessInstance::getId).containsExactly(instance.getId());
    Task meet = meeting(instance);
    assertThat(tasks.getVariable(meet.getId(), "keyContactEmail")).isEqualTo("omar@customer.test");
    assertThat(health.currentSentiment(account)).as("held again until Omar is met").hasValue("yellow");
    assertThat(post(earlierLink, null).statusCode()).isEqualTo(410);

    met(meet, "Objectives: cut onboarding time to 3 days");
    assertThat(health.currentSentiment(account)).hasValue("green");
    sendMails();
    assertThat(mailsTo("omar@customer.test", PLAN_MAIL)).hasSize(1);
  }

  @Test
  void anExecutiveSponsorChangeIsMetInItsOwnInstanceAndAYellowSentimentIsLeftAsItIs() {
    health.record(account, List.of(sentiment("yellow", "Budget talks")));

    transaction.executeWithoutResult(status -> contacts.replace(account, List.of(
        new Contact("Chris Champion", "chris@customer.test", null, "champion", "high"),
        new Contact("Vera Vice", "vera@customer.test", "CFO", "executive-sponsor", "high"))));

    ProcessInstance instance = single();
    assertThat(runtime.getVariable(instance.getId(), "keyContactPersona")).isEqualTo("executive-sponsor");
    assertThat(runtime.getVariable(instance.getId(), "sentimentHeld")).isNull();
    met(meeting(instance), "Objectives: cut onboarding time to 3 days");
    assertThat(latestSentimentComment()).isEqualTo("Budget talks");
  }

  @Test
  void aNewExecutiveNamedByTheValueReviewIsMetAndASuccessPlanKeyPersonIsNot() {
    completed("onboarding-hold-kickoff", Map.of("successPlanApproverName", "Kim Key", "successPlanApproverEmail",
        "kim@customer.test"));
    assertThat(instances()).as("the success plan's key person joins the list at its end").isEmpty();

    completed("renewal-value-review", Map.of("customerExecutiveEmail", "vic@customer.test"));

    ProcessInstance instance = single();
    assertThat(runtime.getVariables(instance.getId())).containsEntry("keyContactPersona", "executive-sponsor")
        .containsEntry("keyContactEmail", "vic@customer.test").containsEntry("previousContactEmail", "erin@customer.test");
    assertThat(contacts.first(account, "executive-sponsor")).hasValueSatisfying(c ->
        assertThat(c.email()).isEqualTo("vic@customer.test"));
  }

  @Test
  void aChurnEndsIt() {
    ProcessInstance instance = newChampion();

    transaction.executeWithoutResult(status -> events.publishEvent(new AccountChurned(account)));

    BpmnAwareTests.assertThat(instance).isEnded().hasPassed("EndEvent_AccountChurned");
  }

  /** A task with this form completed with these values, as Camunda's task event reaches Spring listeners. */
  private void completed(String formId, Map<String, Object> values) {
    UserTask model = mock(UserTask.class);
    when(model.getCamundaFormRef()).thenReturn(formId);
    DelegateTask task = mock(DelegateTask.class);
    when(task.getEventName()).thenReturn("complete");
    when(task.getName()).thenReturn(formId);
    when(task.getBpmnModelElementInstance()).thenReturn(model);
    when(task.getVariable(anyString()))
        .thenAnswer(call -> "accountId".equals(call.getArgument(0)) ? account : values.get(call.getArgument(0)));
    transaction.executeWithoutResult(status -> events.publishEvent(task));
  }

  private ProcessInstance newChampion() {
    changeChampion("Nora New", "nora@customer.test");
    return single();
  }

  private void changeChampion(String name, String email) {
    transaction.executeWithoutResult(status -> contacts.replace(account, List.of(
        new Contact("Dana Decider", "dana@customer.test", "COO", "decision-maker", "high"),
        new Contact(name, email, null, "champion", "high"),
        new Contact("Erin Exec", "erin@customer.test", "CEO", "executive-sponsor", "high"))));
  }

  private void met(Task meet, String plan) {
    Map<String, Object> values = new HashMap<>();
    values.put("metOn", "2026-11-25");
    values.put("teamIntroduced", true);
    values.put("successPlanWalkedThrough", true);
    values.put("successPlanSummary", plan);
    values.put("meetingNotes", "Keen on reporting");
    tasks.complete(meet.getId(), values);
  }

  private Task meeting(ProcessInstance instance) {
    List<Task> open = tasks.createTaskQuery().processInstanceId(instance.getId()).taskDefinitionKey("Task_MeetNewChampion").list();
    assertThat(open).hasSize(1);
    return open.get(0);
  }

  private List<ProcessInstance> instances() {
    return runtime.createProcessInstanceQuery().processDefinitionKey(ChampionStart.PROCESS_KEY)
        .processInstanceBusinessKey(account).list();
  }

  private ProcessInstance single() {
    List<ProcessInstance> found = instances();
    assertThat(found).hasSize(1);
    return found.get(0);
  }

  private HttpResponse<String> putContacts(String championName, String championEmail) throws Exception {
    String body = """
        [{"name": "Dana Decider", "email": "dana@customer.test", "title": "COO", "persona": "decision-maker", "influence": "high"},
         {"name": "%s", "email": "%s", "persona": "champion", "influence": "high"},
         {"name": "Erin Exec", "email": "erin@customer.test", "title": "CEO", "persona": "executive-sponsor", "influence": "high"}]"""
        .formatted(championName, championEmail);
    return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/accounts/" + account + "/contacts"))
        .header("Authorization", "Basic " + Base64.getEncoder().encodeToString("integration-demo:demo".getBytes(StandardCharsets.UTF_8)))
        .header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString(body)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> answer(String choice, String comment) throws Exception {
    return post(link(planMail("nora@customer.test"), choice.equals("confirm") ? "Yes, confirm" : "No, request changes"),
        comment);
  }

  private HttpResponse<String> post(String link, String comment) throws Exception {
    String body = comment == null ? "" : "comment=" + URLEncoder.encode(comment, StandardCharsets.UTF_8);
    return http.send(HttpRequest.newBuilder(URI.create(link.replace("http://baton.test", "http://localhost:" + port)))
        .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(body))
        .build(), HttpResponse.BodyHandlers.ofString());
  }

  private static String link(MimeMessage mail, String which) throws Exception {
    Matcher matcher = LINK.matcher(text(mail));
    while (matcher.find()) {
      if (matcher.group(1).equals(which)) {
        return matcher.group(2);
      }
    }
    throw new AssertionError("no link '" + which + "' in " + text(mail));
  }

  private MimeMessage planMail(String email) {
    List<MimeMessage> found = mailsTo(email, PLAN_MAIL);
    assertThat(found).as("success plan mails to " + email).hasSize(1);
    return found.get(0);
  }

  private String latestSentimentComment() {
    return jdbc.sql("select csm_comment from baton_health_signal where account_id = ? and csm_sentiment is not null "
        + "order by observed_at desc, id desc").param(account).query(String.class).list().get(0);
  }

  private HealthSignal sentiment(String band, String comment) {
    return new HealthSignal(ClockUtil.getCurrentTime().toInstant().atOffset(ZoneOffset.UTC), null, null, null, null,
        null, null, null, null, null, null, band, comment, null);
  }

  private void sendMails() {
    String[] deliveries = runtime.createProcessInstanceQuery().processDefinitionKey(MailOutbox.PROCESS_KEY)
        .processInstanceBusinessKey(account).list().stream().map(ProcessInstance::getId).toArray(String[]::new);
    if (deliveries.length > 0) {
      Jobs.executeAll(management, deliveries);
    }
  }

  private List<MimeMessage> mailsTo(String email, String subjectStart) {
    return Arrays.stream(smtp.getReceivedMessages()).filter(m -> {
      try {
        return m.getSubject().startsWith(subjectStart) && m.getAllRecipients()[0].toString().equals(email);
      } catch (jakarta.mail.MessagingException e) {
        throw new IllegalStateException(e);
      }
    }).toList();
  }

  /** The decoded plain-text part. */
  private static String text(Part part) throws Exception {
    if (part.isMimeType("text/plain")) {
      return (String) part.getContent();
    }
    if (part.getContent() instanceof Multipart multipart) {
      for (int i = 0; i < multipart.getCount(); i++) {
        BodyPart child = multipart.getBodyPart(i);
        String text = text(child);
        if (text != null) {
          return text;
        }
      }
    }
    return null;
  }
}
