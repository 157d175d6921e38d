package dev.baton.mail;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import dev.baton.customer.AskedQuestion;
import dev.baton.customer.CustomerLinks;
import dev.baton.customer.CustomerQuestion;
import dev.baton.customer.CustomerQuestion.Choice;
import dev.baton.support.BatonIntegrationTest;
import dev.baton.support.Jobs;
import dev.baton.support.TestMailServer;
import jakarta.mail.internet.MimeMessage;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Incident;
import org.camunda.bpm.engine.runtime.Job;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.transaction.support.TransactionTemplate;

@BatonIntegrationTest
@ExtendWith(OutputCaptureExtension.class)
class MailOutboxTest {

  @RegisterExtension static GreenMailExtension smtp = TestMailServer.create();

  @Autowired MailOutbox outbox;
  @Autowired ManagementService management;
  @Autowired RuntimeService runtime;
  @Autowired HistoryService history;
  @Autowired TransactionTemplate transaction;
  @Autowired RepositoryService repository;
  @Autowired CustomerLinks links;
  @LocalServerPort int port;

  @AfterEach
  void resetClock() {
    ClockUtil.reset();
  }

  @Test
  void aQueuedMailIsSentAsHtmlWithPlainTextAlternative() throws Exception {
    String account = "acct-" + UUID.randomUUID();
    String delivery = outbox.send(new OutgoingMail("test-notice", List.of("cs-lead@example.com"), "Hello",
        Map.of("name", "Ada"), account));

    assertThat(smtp.getReceivedMessages()).isEmpty();
    Jobs.executeAll(management, delivery);

    MimeMessage[] received = smtp.getReceivedMessages();
    assertThat(received).hasSize(1);
    assertThat(received[0].getSubject()).isEqualTo("Hello");
    assertThat(received[0].getContentType()).startsWith("multipart/mixed");
    String raw = com.icegreen.greenmail.util.GreenMailUtil.getWholeMessage(received[0]);
    assertThat(raw).contains("text/plain", "text/html", "Hello Ada, account " + account);
    assertThat(received[0].getHeader("X-Baton-Delivery")[0]).isEqualTo(delivery);
    assertThat(runtime.createProcessInstanceQuery().processInstanceId(delivery).count()).isZero();
  }

  @Test
  void aMailOfWorkThatRollsBackIsNeverQueued() {
    String account = "acct-" + UUID.randomUUID();
    transaction.executeWithoutResult(status -> {
      outbox.send(new OutgoingMail("test-notice", List.of("x@example.com"), "Never", Map.of("name", "X"), account));
      status.setRollbackOnly();
    });
    assertThat(history.createHistoricProcessInstanceQuery().processInstanceBusinessKey(account).count()).isZero();
  }

  @Test
  void smtpOutageRetriesWithBackoffThenRaisesAnIncidentAndRetryingItSendsOnce() {
    String account = "acct-" + UUID.randomUUID();
    String delivery = outbox.send(new OutgoingMail("test-notice", List.of("csm@example.com"), "Outage",
        Map.of("name", "Bo"), account));
    smtp.stop();

    Instant now = Instant.now();
    for (int attempt = 0; attempt < 5; attempt++) {
      Job job = management.createJobQuery().processInstanceId(delivery).singleResult();
      ClockUtil.setCurrentTime(Date.from(now.plusSeconds(3600L * (attempt + 1))));
      try {
        management.executeJob(job.getId());
      } catch (RuntimeException expected) {
        // the SMTP server is down
      }
    }
    Job job = management.createJobQuery().processInstanceId(delivery).singleResult();
    assertThat(job.getRetries()).isZero();
    Incident incident = runtime.createIncidentQuery().processInstanceId(delivery).singleResult();
    assertThat(incident.getActivityId()).isEqualTo("Task_SendMail");

    // The operator retries the incident in Cockpit once the server is back: exactly one mail.
    smtp.start();
    management.setJobRetries(job.getId(), 1);
    management.executeJob(job.getId());
    assertThat(smtp.getReceivedMessages()).hasSize(1);
    assertThat(runtime.createIncidentQuery().processInstanceId(delivery).count()).isZero();
  }

  @Test
  void aCustomerMailIsStoredWithPlaceholdersAndSentWithLinksThatWorkInEveryCopyEvenWhenResentAfterACrash()
      throws Exception {
    repository.createDeployment().name("customer-question-test").enableDuplicateFiltering(true)
        .addClasspathResource("customer/CustomerQuestionTest.bpmn").deploy();
    String account = "acct-" + UUID.randomUUID();
    String asking = runtime.startProcessInstanceByKey("CustomerQuestionTest", account, Map.of("accountId", account))
        .getId();
    AskedQuestion question = links.ask(asking, account, new CustomerQuestion("TestQuestionAnswered", "Renew?", null,
        List.of(new Choice("yes", "Yes")), false, Duration.ofDays(1)));
    String delivery = outbox.send(new OutgoingMail("test-notice", List.of("kim@customer.example"), "Renew?",
        Map.of("name", question.link("yes")), account).withLinksTo(question.id()));
    assertThat((String) runtime.getVariable(delivery, "mailText")).contains("Hello {{customer-link:yes}}");

    // Baton dies after the SMTP server took the mail, before the job committed: the job runs again.
    String job = management.createJobQuery().processInstanceId(delivery).singleResult().getId();
    transaction.executeWithoutResult(status -> {
      management.executeJob(job);
      status.setRollbackOnly();
    });
    Jobs.executeAll(management, delivery);

    MimeMessage[] copies = smtp.getReceivedMessages();
    assertThat(copies).hasSize(2);
    assertThat(copies[0].getMessageID()).isEqualTo(copies[1].getMessageID());
    List<String> sentLinks = new java.util.ArrayList<>();
    for (MimeMessage copy : copies) {
      Matcher link = Pattern.compile("http://baton\\.test(/customer/questions/[A-Za-z0-9_-]+)").matcher(body(copy));
      assertThat(link.find()).as(body(copy)).isTrue();
      sentLinks.add(link.group(1));
    }
    assertThat(sentLinks.get(0)).isNotEqualTo(sentLinks.get(1));
    assertThat(get(sentLinks.get(0)).statusCode()).isEqualTo(200);
    assertThat(get(sentLinks.get(1)).statusCode()).isEqualTo(200);
    assertThat(history.createHistoricVariableInstanceQuery().processInstanceId(delivery).list())
        .noneMatch(v -> String.valueOf(v.getValue()).contains("/customer/questions/"));
  }

  @Test
  void aCustomerMailTheServerDoesNotTakeIsOneWarnLineAndAFailureNamingTheMailButNeverItsLinks(CapturedOutput log)
      throws Exception {
    repository.createDeployment().name("customer-question-test").enableDuplicateFiltering(true)
        .addClasspathResource("customer/CustomerQuestionTest.bpmn").deploy();
    String account = "acct-" + UUID.randomUUID();
    String asking = runtime.startProcessInstanceByKey("CustomerQuestionTest", account, Map.of("accountId", account))
        .getId();
    AskedQuestion question = links.ask(asking, account, new CustomerQuestion("TestQuestionAnswered", "Renew?", null,
        List.of(new Choice("yes", "Yes")), false, Duration.ofDays(1)));
    String delivery = outbox.send(new OutgoingMail("test-notice", List.of("kim@customer.example", "lee@customer.example"),
        "Renew?", Map.of("name", question.link("yes")), account).withLinksTo(question.id()));
    smtp.stop();
    int before = log.getOut().length();

    Jobs.executeAll(management, delivery);

    String named = "'test-notice' mail for account " + account + " to kim@customer.example,lee@customer.example not sent: ";
    List<String> lines = log.getOut().substring(before).lines().toList();
    assertThat(lines).filteredOn(line -> line.contains(" WARN ")).singleElement().asString()
        .contains(named, "(delivery " + delivery + ";");
    assertThat(lines).noneMatch(line -> line.startsWith("\tat ") || line.contains("/customer/questions/"));
    Job job = management.createJobQuery().processInstanceId(delivery).singleResult();
    assertThat(job.getExceptionMessage()).startsWith(named).doesNotContain("/customer/");
    // Cockpit's stack trace of the failure: the SMTP error in full, still without the mail's text.
    assertThat(management.getJobExceptionStacktrace(job.getId())).contains("MailConnectException")
        .doesNotContain("/customer/");
  }

  @Test
  void aMailWithoutRecipientsIsNotQueued() {
    assertThat(outbox.send(new OutgoingMail("test-notice", List.of(), "Nobody", Map.of(), "acct-none"))).isNull();
  }

  private HttpResponse<String> get(String path) throws Exception {
    return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).GET()
        .build(), HttpResponse.BodyHandlers.ofString());
  }

  /** The raw message with quoted-printable's soft line breaks undone, so long links are whole. */
  private static String body(MimeMessage message) {
    return GreenMailUtil.getBody(message).replace("=\r\n", "").replace("=3D", "=");
  }
}
