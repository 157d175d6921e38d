package dev.baton.mail;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import dev.baton.support.BatonIntegrationTest;
import dev.baton.support.Jobs;
import dev.baton.support.TestMailServer;
import jakarta.mail.internet.MimeMessage;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Incident;
import org.camunda.bpm.engine.runtime.Job;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;

@BatonIntegrationTest
class MailOutboxTest {

  @RegisterExtension static GreenMailExtension smtp = TestMailServer.create();

  @Autowired MailOutbox outbox;
  @Autowired ManagementService management;
  @Autowired RuntimeService runtime;
  @Autowired HistoryService history;
  @Autowired TransactionTemplate transaction;

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
  void aMailWithoutRecipientsIsNotQueued() {
    assertThat(outbox.send(new OutgoingMail("test-notice", List.of(), "Nobody", Map.of(), "acct-none"))).isNull();
  }
}
