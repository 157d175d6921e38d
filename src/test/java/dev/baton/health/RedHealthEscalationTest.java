package dev.baton.health;

import static dev.baton.health.HealthApi.GREEN;
import static dev.baton.health.HealthApi.RED;
import static dev.baton.health.HealthApi.YELLOW;
import static dev.baton.health.HealthApi.signal;
import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import dev.baton.account.AccountChurned;
import dev.baton.account.AccountRepository;
import dev.baton.identity.IdentityBootstrap;
import dev.baton.support.BatonIntegrationTest;
import dev.baton.support.Jobs;
import dev.baton.support.TestMailServer;
import jakarta.mail.Address;
import jakarta.mail.internet.MimeMessage;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
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
 * RedHealthEscalation.bpmn: started when the band becomes red (once, also under concurrent signals),
 * ended by recovery or churn, and its escalation path at the 14-day reviews (docs/domain.md#escalation-paths).
 */
@BatonIntegrationTest
class RedHealthEscalationTest {

  @RegisterExtension static GreenMailExtension smtp = TestMailServer.create();

  @LocalServerPort int port;
  @Autowired AccountRepository accounts;
  @Autowired RuntimeService runtime;
  @Autowired HistoryService history;
  @Autowired TaskService tasks;
  @Autowired ManagementService management;
  @Autowired IdentityService identity;
  @Autowired ApplicationEventPublisher events;
  @Autowired TransactionTemplate transaction;
  @Autowired JdbcClient jdbc;
  HealthApi api;
  String account;

  @BeforeEach
  void setUp() {
    api = new HealthApi(port);
    account = HealthApi.newAccount(accounts, "esc");
  }

  @AfterEach
  void resetClock() {
    ClockUtil.reset();
  }

  @Test
  void greenToRedStartsOneEscalationWithThePlanDueInTwoBusinessDays() throws Exception {
    // A Friday noon: two business days later is Tuesday noon.
    Instant friday = Instant.parse("2026-11-27T12:00:00Z");
    ClockUtil.setCurrentTime(Date.from(friday));
    assertThat(api.post(account, signal(GREEN)).statusCode()).isEqualTo(200);
    assertThat(escalations()).isEmpty();

    assertThat(api.post(account, signal(RED)).statusCode()).isEqualTo(200);

    List<HistoricProcessInstance> started = escalations();
    assertThat(started).hasSize(1);
    ProcessInstance instance = runtime.createProcessInstanceQuery().processInstanceId(started.get(0).getId()).singleResult();
    assertThat(instance.getBusinessKey()).isEqualTo(account);
    assertThat(runtime.getVariable(instance.getId(), "accountId")).isEqualTo(account);
    assertThat((String) runtime.getVariable(instance.getId(), "redDimensions")).contains("adoption: WAU/licensed below 40%");
    Task plan = task(instance.getId());
    assertThat(plan.getTaskDefinitionKey()).isEqualTo("Task_DiagnoseAndPlan");
    assertThat(plan.getDueDate().toInstant()).isEqualTo(Instant.parse("2026-12-01T12:00:00Z"));
  }

  @Test
  void redToRedStartsNoSecondEscalation() throws Exception {
    api.post(account, signal(RED));
    api.post(account, signal(RED));
    api.post(account, "{\"timestamp\":\"" + java.time.OffsetDateTime.now() + "\",\"nps\":2}");

    assertThat(escalations()).hasSize(1);
    assertThat(api.json(api.get("/api/accounts/" + account + "/health")).get("previousBand").asText()).isEqualTo("red");
  }

  @Test
  void twentyConcurrentRedSignalsStartExactlyOneEscalation() throws Exception {
    api.post(account, signal(GREEN));
    int threads = 20;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    CountDownLatch go = new CountDownLatch(1);
    List<Future<HttpResponse<String>>> answers = new ArrayList<>();
    try {
      for (int i = 0; i < threads; i++) {
        Callable<HttpResponse<String>> post = () -> {
          go.await();
          return api.post(account, signal(RED));
        };
        answers.add(pool.submit(post));
      }
      long start = System.nanoTime();
      go.countDown();
      for (Future<HttpResponse<String>> answer : answers) {
        HttpResponse<String> response = answer.get();
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
      }
      System.out.printf("20 concurrent red signals for one account answered in %d ms%n",
          Duration.ofNanos(System.nanoTime() - start).toMillis());
    } finally {
      pool.shutdownNow();
    }
    assertThat(escalations()).hasSize(1);
    assertThat(jdbc.sql("select count(*) from baton_health_score where account_id = ?").param(account)
        .query(Long.class).single()).isEqualTo(21);
  }

  @Test
  void returningToYellowEndsTheEscalationAsRecovered() throws Exception {
    api.post(account, signal(RED));
    String id = escalations().get(0).getId();

    api.post(account, signal(YELLOW));

    assertEnded(id, "recovered", "EndEvent_Recovered");
    assertThat(api.json(api.get("/api/accounts/" + account + "/health")).get("escalationProcessInstanceId").isNull()).isTrue();
  }

  @Test
  void returningToGreenEndsItAndANewRedStartsANewOne() throws Exception {
    api.post(account, signal(RED));
    String first = escalations().get(0).getId();
    api.post(account, signal(GREEN));
    assertEnded(first, "recovered", "EndEvent_Recovered");

    api.post(account, signal(RED));
    assertThat(escalations()).hasSize(2);
    assertThat(runtime.createProcessInstanceQuery().processInstanceBusinessKey(account)
        .processDefinitionKey(RedHealthEscalations.PROCESS_KEY).count()).isEqualTo(1);
  }

  @Test
  void aChurnedAccountEndsTheEscalationAsLost() throws Exception {
    api.post(account, signal(RED));
    String id = escalations().get(0).getId();

    transaction.executeWithoutResult(status -> events.publishEvent(new AccountChurned(account)));

    assertEnded(id, "lost", "EndEvent_Lost");
  }

  @Test
  void stillRedAtTheFirstReviewEscalatesToTheCsLeadAndAtTheSecondToTheExecutiveSponsor() throws Exception {
    String lead = teamMember("cs-lead");
    String executive = teamMember("cs-executive");
    Instant start = Instant.parse("2026-11-23T09:00:00Z");
    ClockUtil.setCurrentTime(Date.from(start));
    api.post(account, signal(RED));
    String id = escalations().get(0).getId();
    tasks.complete(task(id).getId(), java.util.Map.of("diagnosis", "Nobody uses it", "recoveryPlan", "Training"));

    // Not yet: 13 days later nothing happens.
    ClockUtil.setCurrentTime(Date.from(start.plus(Duration.ofDays(13))));
    Jobs.executeAll(management, id);
    assertThat(task(id)).isNull();

    // First review (14 days after the plan): still red, the CS Lead hears of it.
    ClockUtil.setCurrentTime(Date.from(start.plus(Duration.ofDays(14)).plusSeconds(60)));
    Jobs.executeAll(management, id);
    assertThat(runtime.getVariable(id, "reviewCount")).isEqualTo(1);
    assertThat(runtime.getVariable(id, "escalatedTo")).isEqualTo("cs-lead");
    sendMails();
    assertThat(recipientsOfSubject("Still red after review 1")).containsExactly(lead + "@example.com");
    Task review = task(id);
    assertThat(review.getTaskDefinitionKey()).isEqualTo("Task_ReviewRecovery");
    tasks.complete(review.getId(), java.util.Map.of("reviewNotes", "Training booked"));

    // Second review, 14 days later: the executive sponsor role (and the CS Lead) hear of it.
    ClockUtil.setCurrentTime(Date.from(start.plus(Duration.ofDays(28)).plusSeconds(120)));
    Jobs.executeAll(management, id);
    assertThat(runtime.getVariable(id, "reviewCount")).isEqualTo(2);
    assertThat(runtime.getVariable(id, "escalatedTo")).isEqualTo("cs-executive,cs-lead");
    sendMails();
    assertThat(recipientsOfSubject("Still red after review 2"))
        .containsExactlyInAnyOrder(executive + "@example.com", lead + "@example.com");
    MimeMessage mail = Arrays.stream(smtp.getReceivedMessages())
        .filter(m -> subject(m).startsWith("Still red after review 2")).findFirst().orElseThrow();
    assertThat(com.icegreen.greenmail.util.GreenMailUtil.getWholeMessage(mail))
        .contains("CS Executive", "WAU/licensed below 40%", account);
  }

  @Test
  void aReviewThatFindsTheAccountNoLongerRedEndsTheEscalation() throws Exception {
    Instant start = Instant.parse("2026-11-23T09:00:00Z");
    ClockUtil.setCurrentTime(Date.from(start));
    api.post(account, signal(RED));
    String id = escalations().get(0).getId();
    tasks.complete(task(id).getId());
    // The band changed without a signal (e.g. set by the CRM).
    accounts.updateHealthBand(account, "yellow");

    ClockUtil.setCurrentTime(Date.from(start.plus(Duration.ofDays(15))));
    Jobs.executeAll(management, id);

    assertEnded(id, "recovered", "EndEvent_NoLongerRed");
  }

  private void assertEnded(String id, String outcome, String endEvent) {
    assertThat(runtime.createProcessInstanceQuery().processInstanceId(id).count()).isZero();
    assertThat(history.createHistoricVariableInstanceQuery().processInstanceId(id).variableName("outcome")
        .singleResult().getValue()).isEqualTo(outcome);
    assertThat(history.createHistoricActivityInstanceQuery().processInstanceId(id).activityId(endEvent).count())
        .isEqualTo(1);
    assertThat(jdbc.sql("select outcome from baton_health_escalation where process_instance_id = ?").param(id)
        .query(String.class).single()).isEqualTo(outcome);
  }

  private List<HistoricProcessInstance> escalations() {
    return history.createHistoricProcessInstanceQuery().processDefinitionKey(RedHealthEscalations.PROCESS_KEY)
        .processInstanceBusinessKey(account).list();
  }

  private Task task(String processInstanceId) {
    return tasks.createTaskQuery().processInstanceId(processInstanceId).singleResult();
  }

  private String teamMember(String role) {
    String user = role + "-" + UUID.randomUUID().toString().substring(0, 8);
    IdentityBootstrap.ensureUser(identity, user, "secret-" + UUID.randomUUID(), "Test", role, user + "@example.com");
    accounts.setTeamMember(account, role, user);
    return user;
  }

  private void sendMails() {
    String[] deliveries = runtime.createProcessInstanceQuery().processDefinitionKey("MailDelivery")
        .processInstanceBusinessKey(account).list().stream().map(ProcessInstance::getId).toArray(String[]::new);
    Jobs.executeAll(management, deliveries);
  }

  private List<String> recipientsOfSubject(String prefix) {
    List<String> to = new ArrayList<>();
    for (MimeMessage m : smtp.getReceivedMessages()) {
      if (subject(m).startsWith(prefix)) {
        try {
          for (Address a : m.getAllRecipients()) {
            to.add(a.toString());
          }
        } catch (jakarta.mail.MessagingException e) {
          throw new AssertionError(e);
        }
      }
    }
    // GreenMail keeps one copy per recipient, each listing all recipients.
    return to.stream().distinct().toList();
  }

  private static String subject(MimeMessage m) {
    try {
      return m.getSubject();
    } catch (jakarta.mail.MessagingException e) {
      throw new AssertionError(e);
    }
  }
}
