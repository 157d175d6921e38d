package dev.baton.mail;

import dev.baton.calendar.BusinessTime;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The one way Baton sends mail. The mail is rendered now and written to the outbox in the caller's transaction: if
 * the caller's work rolls back, no mail; once it commits, the mail is sent at once ({@link MailCourier}), and a mail
 * the server does not take, or that Baton stopped before sending, goes to a {@code MailDelivery} process: retried,
 * then an incident in Cockpit, never lost (see MailDelivery.bpmn). With {@code baton.mail.send-at-once: false} every
 * mail goes through a MailDelivery process (the tests do this, to send mails when they choose).
 * Staff may read a delivery's variables, so a customer mail's links are not rendered here but added when it is sent.
 */
@Component
public class MailOutbox {

  public static final String PROCESS_KEY = "MailDelivery";
  /** The variable of a delivery that holds the mail's subject. */
  public static final String SUBJECT_VARIABLE = MailVariables.SUBJECT;
  private static final Logger log = LoggerFactory.getLogger(MailOutbox.class);

  private final MailRenderer renderer;
  private final MailStore store;
  private final MailCourier courier;
  private final MailHandover handover;
  private final BusinessTime time;
  private volatile boolean sendAtOnce;

  MailOutbox(MailRenderer renderer, MailStore store, MailCourier courier, MailHandover handover, BusinessTime time,
      @Value("${baton.mail.send-at-once:true}") boolean sendAtOnce) {
    this.renderer = renderer;
    this.store = store;
    this.courier = courier;
    this.handover = handover;
    this.time = time;
    this.sendAtOnce = sendAtOnce;
  }

  /** Queues the mail; returns its id (its Message-ID's), or null when it has no recipient. */
  public String send(OutgoingMail mail) {
    if (mail.to().isEmpty()) {
      log.warn("No recipient for the '{}' mail of account {}: nothing sent", mail.kind(), mail.accountId());
      return null;
    }
    MailRenderer.Rendered bodies = renderer.render(mail);
    QueuedMail queued = new QueuedMail(null, mail.accountId(), mail.kind(), String.join(",", mail.to()),
        mail.subject(), bodies.html(), bodies.text(), mail.customerQuestionId(), mail.openTaskId());
    if (!sendAtOnce) {
      String delivery = handover.queue(queued, time.now());
      log.info("Queued '{}' mail for account {} to {} (delivery {})", mail.kind(), mail.accountId(), mail.to(), delivery);
      return delivery;
    }
    String id = UUID.randomUUID().toString();
    store.insert(queued.withId(id), time.now(), null);
    log.debug("Queued '{}' mail for account {} to {} (mail {})", mail.kind(), mail.accountId(), mail.to(), id);
    if (TransactionSynchronizationManager.isSynchronizationActive()) {
      TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
        @Override
        public void afterCommit() {
          courier.offer(id);
        }
      });
    } else {
      courier.offer(id);
    }
    return id;
  }

  /** The mails of an account, sent or waiting, oldest first. */
  public List<AccountMail> ofAccount(String accountId) {
    return store.ofAccount(accountId);
  }

  /** Whether mails are sent right after their transaction commits, or each by a MailDelivery process. */
  public boolean sendsAtOnce() {
    return sendAtOnce;
  }

  /** Switches the way mails go out (see the class comment); for tests that exercise both. */
  public void sendAtOnce(boolean atOnce) {
    this.sendAtOnce = atOnce;
  }
}
