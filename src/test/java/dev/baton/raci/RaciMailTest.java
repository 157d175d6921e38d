package dev.baton.raci;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import dev.baton.account.AccountRepository;
import dev.baton.support.BatonIntegrationTest;
import dev.baton.support.Jobs;
import dev.baton.support.TestMailServer;
import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.variable.Variables;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The RACI mails (docs/domain.md#raci: R does, A answers for it, C gives input, I is told when it is done). */
@BatonIntegrationTest
class RaciMailTest {

  @RegisterExtension static GreenMailExtension smtp = TestMailServer.create();

  @Autowired RepositoryService repository;
  @Autowired RuntimeService runtime;
  @Autowired TaskService tasks;
  @Autowired ManagementService management;
  @Autowired HistoryService history;
  @Autowired IdentityService identity;
  @Autowired AccountRepository accounts;
  @LocalServerPort int port;

  /** The whole team in place, so every mail goes to exactly one demo user. */
  static final Map<String, String> TEAM = Map.of("csm", "csm-demo", "cs-lead", "cs-lead-demo",
      "support", "support-demo", "account-manager", "account-manager-demo", "sales-rep", "sales-rep-demo",
      "sales-manager", "sales-manager-demo");

  @BeforeEach
  void deploy() {
    RaciTestProcess.deploy(repository);
  }

  @AfterEach
  void reset() {
    ClockUtil.reset();
    identity.clearAuthentication();
  }

  @Test
  void consultedRolesGetAMailSayingWhatInputIsWantedWithALinkToTheTask() throws Exception {
    String account = RaciTestProcess.newAccount(accounts, TEAM);
    String instance = RaciTestProcess.start(runtime, account).getId();
    Task task = tasks.createTaskQuery().processInstanceId(instance).singleResult();

    deliverMails(account);

    MimeMessage mail = single(smtp.getReceivedMessages(), "raci-consulted");
    assertThat(recipients(mail)).containsExactlyInAnyOrder("support-demo@example.com",
        "account-manager-demo@example.com");
    assertThat(mail.getSubject()).startsWith("Your input is wanted: Review the sales notes");
    String body = GreenMailUtil.getWholeMessage(mail);
    assertThat(body).contains("http://baton.test/camunda/app/tasklist/default/#/?task=" + task.getId(),
        "Check the promises Sales made", "RACI test", account, "text/plain", "text/html");
  }

  @Test
  void informedAndAccountableAreToldTheOutcomeOnCompletion() throws Exception {
    String account = RaciTestProcess.newAccount(accounts, TEAM);
    String instance = RaciTestProcess.start(runtime, account).getId();
    Task task = tasks.createTaskQuery().processInstanceId(instance).singleResult();
    deliverMails(account);
    smtp.reset();

    identity.setAuthentication("csm-demo", List.of("csm"));
    tasks.complete(task.getId(), Variables.putValue("decision", "go-live in March").putValue("contacts", 3));
    identity.clearAuthentication();
    deliverMails(account);

    MimeMessage informed = single(smtp.getReceivedMessages(), "raci-informed");
    assertThat(recipients(informed)).containsExactly("sales-rep-demo@example.com");
    String body = GreenMailUtil.getWholeMessage(informed);
    assertThat(body).contains("Completed by", "csm-demo", "Decision: go-live in March", "Contacts made: 3");
    assertThat(part(informed, "text/plain")).contains("http://baton.test/camunda/app/tasklist/default/");
    assertThat(part(informed, "text/html")).contains("href=\"http://baton.test/camunda/app/tasklist/default/\"");
    assertThat(body).doesNotContain("accountId: ");
    MimeMessage accountable = single(smtp.getReceivedMessages(), "raci-accountable-completed");
    assertThat(recipients(accountable)).containsExactly("cs-lead-demo@example.com");
    assertThat(accountable.getSubject()).isEqualTo("Done: Review the sales notes for " + accountName(account));
  }

  @Test
  void theSummaryPropertyChoosesTheValuesTheInformedMailReports() throws Exception {
    String account = RaciTestProcess.newAccount(accounts, TEAM);
    String instance = RaciTestProcess.start(runtime, account).getId();
    tasks.complete(tasks.createTaskQuery().processInstanceId(instance).singleResult().getId());
    deliverMails(account);
    smtp.reset();

    tasks.complete(tasks.createTaskQuery().processInstanceId(instance).singleResult().getId(),
        Variables.putValue("approved", true).putValue("comment", "ok").putValue("internalNote", "x"));
    deliverMails(account);

    MimeMessage informed = single(smtp.getReceivedMessages(), "raci-informed");
    assertThat(recipients(informed)).containsExactlyInAnyOrder("csm-demo@example.com", "sales-manager-demo@example.com");
    String text = part(informed, "text/plain");
    assertThat(text).contains("Signed off by the customer: yes", "Comment: ok")
        .doesNotContain("internalNote", "approved:", "comment:");
  }

  @Test
  void theCompletionMailsNameFieldsAndChosenOptionsByTheLabelsOfTheTasksForm() throws Exception {
    String account = RaciTestProcess.newAccount(accounts, TEAM);
    String instance = RaciTestProcess.start(runtime, account).getId();
    tasks.complete(tasks.createTaskQuery().processInstanceId(instance).singleResult().getId());
    deliverMails(account);
    smtp.reset();

    tasks.complete(tasks.createTaskQuery().processInstanceId(instance).singleResult().getId(),
        Variables.putValue("planReview", "sent-back").putValue("approved", false).putValue("comment", "goals vague"));
    deliverMails(account);

    MimeMessage informed = single(smtp.getReceivedMessages(), "raci-informed");
    assertThat(part(informed, "text/plain")).contains("The plan is: Sent back: the CSM revises it",
        "Signed off by the customer: no", "Comment: goals vague").doesNotContain("sent-back", "planReview");
    assertThat(part(informed, "text/html")).contains("<td>The plan is</td><td>Sent back: the CSM revises it</td>");
  }

  @Test
  void aCompletionThatDecidesSomethingSaysTheDecisionInItsSubject() throws Exception {
    String account = RaciTestProcess.newAccount(accounts, TEAM);
    String instance = RaciTestProcess.start(runtime, account).getId();
    tasks.complete(tasks.createTaskQuery().processInstanceId(instance).singleResult().getId());
    deliverMails(account);
    smtp.reset();

    tasks.complete(tasks.createTaskQuery().processInstanceId(instance).singleResult().getId(),
        Variables.putValue("planReview", "sent-back"));
    deliverMails(account);

    String subject = "Sent back: the CSM revises it: Approve the success plan for " + accountName(account);
    assertThat(single(smtp.getReceivedMessages(), "raci-informed").getSubject()).isEqualTo(subject);
    assertThat(single(smtp.getReceivedMessages(), "raci-accountable-completed").getSubject()).isEqualTo(subject);
  }

  @Test
  @org.junit.jupiter.api.extension.ExtendWith(org.springframework.boot.test.system.OutputCaptureExtension.class)
  void theConsultedAreNotAskedForInputOnATaskThatIsDoneBeforeTheirMailCouldBeSent(
      org.springframework.boot.test.system.CapturedOutput log) throws Exception {
    String account = RaciTestProcess.newAccount(accounts, TEAM);
    String instance = RaciTestProcess.start(runtime, account).getId();
    // The mail server was down while the task was open: the mails wait, the task gets done meanwhile.
    tasks.complete(tasks.createTaskQuery().processInstanceId(instance).singleResult().getId());

    deliverMails(account);

    assertThat(kinds(smtp.getReceivedMessages())).contains("raci-informed").doesNotContain("raci-consulted");
    assertThat(RaciTestProcess.deliveries(runtime, account)).isEmpty();
    assertThat(log.getOut().lines().filter(line -> line.contains(" INFO ")
        && line.contains("'raci-consulted' mail for account " + account) && line.contains("its task is already done")))
        .hasSize(1);
  }

  @Test
  void everyRaciMailRendersHostileNamesAndValuesEscapedInHtmlAndIntactInItsTextAlternative() throws Exception {
    String hostile = "<script>alert('x')</script> Müller & Søn \"Größte\" 株式会社 " + "Ω".repeat(120);
    String account = RaciTestProcess.newAccount(accounts, TEAM);
    accounts.save(new dev.baton.account.Account(account, hostile, "mid-market", null, "green", TEAM));
    String instance = RaciTestProcess.start(runtime, account).getId();
    Task review = tasks.createTaskQuery().processInstanceId(instance).singleResult();
    deliverMails(account);
    tasks.complete(review.getId(), Variables.putValue("decision", "<img src=x onerror=alert(1)> ok ✓"));
    Task approve = tasks.createTaskQuery().processInstanceId(instance).singleResult();
    ClockUtil.setCurrentTime(new Date(approve.getDueDate().getTime() + Duration.ofMinutes(1).toMillis()));
    Jobs.executeAll(management, instance);
    deliverMails(account);

    MimeMessage[] received = smtp.getReceivedMessages();
    for (String kind : List.of("raci-consulted", "raci-informed", "raci-accountable-completed", "raci-reminder",
        "raci-escalation")) {
      MimeMessage mail = single(received, kind);
      String html = part(mail, "text/html");
      String text = part(mail, "text/plain");
      assertThat(html).as(kind).contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; Müller &amp; Søn",
          "株式会社 " + "Ω".repeat(120)).doesNotContain("<script>", "<img");
      assertThat(text).as(kind).contains(hostile).doesNotContain("&lt;", "&amp;");
      assertThat(mail.getSubject()).as(kind).contains(hostile);
    }
    assertThat(part(single(received, "raci-informed"), "text/html"))
        .contains("&lt;img src=x onerror=alert(1)&gt; ok ✓");
    assertThat(part(single(received, "raci-informed"), "text/plain")).contains("<img src=x onerror=alert(1)> ok ✓");
  }

  @Test
  void anOverdueTaskRemindsResponsibleEscalatesToAccountableAndIsMarkedEscalatedOnce() throws Exception {
    String account = RaciTestProcess.newAccount(accounts, TEAM);
    String instance = RaciTestProcess.start(runtime, account).getId();
    Task task = tasks.createTaskQuery().processInstanceId(instance).singleResult();
    deliverMails(account);
    smtp.reset();

    Job timer = management.createJobQuery().processInstanceId(instance).timers().singleResult();
    assertThat(timer.getDuedate()).isEqualTo(task.getDueDate());
    assertThat(management.createJobQuery().processInstanceId(instance).timers().executable().count()).isZero();
    ClockUtil.setCurrentTime(new Date(task.getDueDate().getTime() + Duration.ofMinutes(1).toMillis()));
    Jobs.executeAll(management, instance);
    deliverMails(account);

    assertThat(tasks.getVariableLocal(task.getId(), "escalated")).isEqualTo(true);
    assertThat(tasks.createTaskQuery().processInstanceId(instance).taskVariableValueEquals("escalated", true).count())
        .isEqualTo(1);
    MimeMessage reminder = single(smtp.getReceivedMessages(), "raci-reminder");
    assertThat(recipients(reminder)).containsExactly("csm-demo@example.com");
    MimeMessage escalation = single(smtp.getReceivedMessages(), "raci-escalation");
    assertThat(recipients(escalation)).containsExactly("cs-lead-demo@example.com");
    assertThat(GreenMailUtil.getWholeMessage(escalation)).contains("http://baton.test/camunda/app/tasklist/default/#/?task="
        + task.getId());

    // The timer fired once and is gone: later job runs send nothing more.
    assertThat(management.createJobQuery().processInstanceId(instance).timers().count()).isZero();
    ClockUtil.setCurrentTime(new Date(task.getDueDate().getTime() + Duration.ofDays(3).toMillis()));
    Jobs.executeAll(management, instance);
    deliverMails(account);
    assertThat(deliveries(smtp.getReceivedMessages())).hasSize(2);
  }

  @Test
  void aStaffCompletionDuringAnSmtpOutageSucceedsAndItsMailsArriveOnceWhenTheServerIsBack() throws Exception {
    String account = RaciTestProcess.newAccount(accounts, TEAM);
    String instance = RaciTestProcess.start(runtime, account).getId();
    Task task = tasks.createTaskQuery().processInstanceId(instance).singleResult();
    deliverMails(account);
    smtp.stop();

    // The CSM completes her task over the REST API, with authorizations on (as Tasklist does).
    HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
            URI.create("http://localhost:" + port + "/engine-rest/task/" + task.getId() + "/complete"))
        .header("Authorization", "Basic " + Base64.getEncoder().encodeToString("csm-demo:demo".getBytes()))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString("{\"variables\":{\"decision\":{\"value\":\"renew early\"}}}"))
        .build(), HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(204);
    assertThat(history.createHistoricTaskInstanceQuery().taskId(task.getId()).finished().count()).isEqualTo(1);

    deliverMails(account); // fails: the server is down, the jobs wait for their retry
    List<String> waiting = RaciTestProcess.deliveries(runtime, account);
    assertThat(waiting).hasSize(2);
    assertThat(waiting).allSatisfy(delivery -> assertThat(management.createJobQuery().processInstanceId(delivery)
        .withException().count()).isEqualTo(1));
    assertThat(smtp.getReceivedMessages()).isEmpty();

    smtp.start();
    ClockUtil.setCurrentTime(new Date(System.currentTimeMillis() + Duration.ofHours(1).toMillis()));
    deliverMails(account);
    deliverMails(account);

    MimeMessage[] received = smtp.getReceivedMessages();
    assertThat(deliveries(received)).hasSize(2);
    assertThat(recipients(single(received, "raci-informed"))).containsExactly("sales-rep-demo@example.com");
    assertThat(GreenMailUtil.getWholeMessage(single(received, "raci-informed"))).contains("renew early",
        "Casey Morgan (csm-demo)");
    assertThat(recipients(single(received, "raci-accountable-completed"))).containsExactly("cs-lead-demo@example.com");
  }

  private void deliverMails(String account) {
    List<String> deliveries = RaciTestProcess.deliveries(runtime, account);
    Jobs.executeAll(management, deliveries.toArray(String[]::new));
  }

  private String accountName(String account) {
    return accounts.find(account).orElseThrow().name();
  }

  /** GreenMail keeps one copy per recipient: one mail is one delivery (X-Baton-Delivery). */
  private static MimeMessage single(MimeMessage[] messages, String kind) throws Exception {
    Map<String, MimeMessage> ofKind = new java.util.HashMap<>();
    for (MimeMessage message : messages) {
      if (kind.equals(message.getHeader("X-Baton-Mail-Kind")[0])) {
        ofKind.put(message.getHeader("X-Baton-Delivery")[0], message);
      }
    }
    assertThat(ofKind).as("mails of kind " + kind).hasSize(1);
    return ofKind.values().iterator().next();
  }

  /** The decoded body of the mail's part of this type (text/plain or text/html). */
  private static String part(jakarta.mail.Part mail, String type) throws Exception {
    if (mail.isMimeType(type)) {
      return (String) mail.getContent();
    }
    if (mail.getContent() instanceof jakarta.mail.Multipart multipart) {
      for (int i = 0; i < multipart.getCount(); i++) {
        String found = part(multipart.getBodyPart(i), type);
        if (found != null) {
          return found;
        }
      }
    }
    return null;
  }

  private static java.util.Set<String> kinds(MimeMessage[] messages) throws Exception {
    java.util.Set<String> kinds = new java.util.HashSet<>();
    for (MimeMessage message : messages) {
      kinds.add(message.getHeader("X-Baton-Mail-Kind")[0]);
    }
    return kinds;
  }

  private static java.util.Set<String> deliveries(MimeMessage[] messages) throws Exception {
    java.util.Set<String> ids = new java.util.HashSet<>();
    for (MimeMessage message : messages) {
      ids.add(message.getHeader("X-Baton-Delivery")[0]);
    }
    return ids;
  }

  private static List<String> recipients(MimeMessage message) throws Exception {
    return Arrays.stream(message.getRecipients(Message.RecipientType.TO)).map(Object::toString).toList();
  }
}
