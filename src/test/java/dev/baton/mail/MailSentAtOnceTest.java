package dev.baton.mail;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import dev.baton.support.BatonIntegrationTest;
import dev.baton.support.Jobs;
import dev.baton.support.TestMailServer;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Baton's default way of sending (the suite's other tests send through a Mail delivery process each, to choose when):
 * right after the commit, without a process; through a process when the server refuses or Baton stopped first.
 */
@BatonIntegrationTest
class MailSentAtOnceTest {

  @RegisterExtension static GreenMailExtension smtp = TestMailServer.create();

  @Autowired MailOutbox outbox;
  @Autowired MailStore store;
  @Autowired MailSweeper sweeper;
  @Autowired RuntimeService runtime;
  @Autowired ManagementService management;
  @Autowired TransactionTemplate transaction;
  @Autowired JdbcClient jdbc;
  @Autowired JavaMailSenderImpl sender;
  String account = "acct-" + UUID.randomUUID();

  @BeforeEach
  void sendAtOnce() {
    outbox.sendAtOnce(true);
  }

  @AfterEach
  void backToDeliveries() {
    outbox.sendAtOnce(false);
    ClockUtil.reset();
  }

  @Test
  void aMailIsSentRightAfterItsTransactionCommitsWithoutADeliveryProcess() throws Exception {
    String id = transaction.execute(status -> {
      String queued = outbox.send(mail("Welcome aboard"));
      assertThat(smtp.getReceivedMessages()).as("nothing leaves before the commit").isEmpty();
      return queued;
    });

    assertThat(smtp.waitForIncomingEmail(10_000, 1)).isTrue();
    MimeMessage received = smtp.getReceivedMessages()[0];
    assertThat(received.getSubject()).isEqualTo("Welcome aboard");
    assertThat(received.getMessageID()).isEqualTo("<" + id + "@baton>");
    assertThat(deliveries()).isEmpty();
    awaitSent(id);
    assertThat(outbox.ofAccount(account)).singleElement()
        .satisfies(mail -> assertThat(mail.subject()).isEqualTo("Welcome aboard"));
    assertThat(jdbc.sql("select count(*) from baton_mail where id = ? and html_body is null and text_body is null")
        .param(id).query(Integer.class).single()).as("the bodies are not kept once sent").isEqualTo(1);
  }

  @Test
  void aMailOfWorkThatRollsBackIsNeitherSentNorKept() throws Exception {
    transaction.executeWithoutResult(status -> {
      outbox.send(mail("Never"));
      status.setRollbackOnly();
    });

    assertThat(smtp.waitForIncomingEmail(1_000, 1)).isFalse();
    assertThat(outbox.ofAccount(account)).isEmpty();
  }

  @Test
  void aMailTheServerRefusesGoesToADeliveryProcessThatRetriesIt() throws Exception {
    int port = sender.getPort();
    sender.setPort(closedPort());
    String id;
    try {
      id = transaction.execute(status -> outbox.send(mail("Refused at first")));
      awaitHandedOver(id);
    } finally {
      sender.setPort(port);
    }

    List<ProcessInstance> deliveries = deliveries();
    assertThat(deliveries).hasSize(1);
    Jobs.executeAll(management, deliveries.get(0).getId());
    MimeMessage received = smtp.getReceivedMessages()[0];
    assertThat(received.getMessageID()).as("the same mail, whoever sends it").isEqualTo("<" + id + "@baton>");
    assertThat(outbox.ofAccount(account)).singleElement().satisfies(mail -> assertThat(mail.sentAt()).isNotNull());
  }

  @Test
  void aMailLeftUnsentByAStopIsHandedToADeliveryProcessByTheSweeper() throws Exception {
    // As if Baton died between the commit and the send: the row is there, nobody sends it.
    String id = UUID.randomUUID().toString();
    store.insert(new QueuedMail(id, account, "test-notice", "left@example.com", "Left behind", "<p>Hi</p>", "Hi",
        null, null), ClockUtil.getCurrentTime().toInstant(), null);

    sweeper.sweep();
    assertThat(deliveries()).as("not before sweep-after has passed").isEmpty();

    ClockUtil.setCurrentTime(new Date(ClockUtil.getCurrentTime().getTime() + Duration.ofMinutes(2).toMillis()));
    sweeper.sweep();
    sweeper.sweep();
    List<ProcessInstance> deliveries = deliveries();
    assertThat(deliveries).as("handed over once").hasSize(1);
    Jobs.executeAll(management, deliveries.get(0).getId());
    assertThat(smtp.getReceivedMessages()).singleElement()
        .satisfies(message -> assertThat(message.getMessageID()).isEqualTo("<" + id + "@baton>"));
  }

  private OutgoingMail mail(String subject) {
    return new OutgoingMail("test-notice", List.of("csm@example.com"), subject, Map.of("name", "Ada"), account);
  }

  private List<ProcessInstance> deliveries() {
    return runtime.createProcessInstanceQuery().processDefinitionKey(MailOutbox.PROCESS_KEY)
        .processInstanceBusinessKey(account).list();
  }

  private void awaitSent(String id) throws InterruptedException {
    await(() -> outbox.ofAccount(account).stream().anyMatch(m -> m.id().equals(id) && m.sentAt() != null));
  }

  private void awaitHandedOver(String id) throws InterruptedException {
    await(() -> outbox.ofAccount(account).stream().anyMatch(m -> m.id().equals(id) && m.deliveryId() != null));
  }

  /** Waits for the courier's thread (the condition decides; the wait only bounds it). */
  private static void await(java.util.function.BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (!condition.getAsBoolean()) {
      assertThat(System.nanoTime()).as("condition met within 20 s").isLessThan(deadline);
      Thread.sleep(20);
    }
  }

  private static int closedPort() throws java.io.IOException {
    try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
