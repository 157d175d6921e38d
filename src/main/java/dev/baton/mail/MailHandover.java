package dev.baton.mail;

import dev.baton.engine.WithoutAuthorization;
import org.camunda.bpm.engine.RuntimeService;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Gives a mail to a MailDelivery process instance (MailDelivery.bpmn): its job sends it, retries with backoff and then
 * raises an incident in Cockpit, where Retry sends it. The process and the outbox row's note of it commit together.
 */
@Component
class MailHandover {

  private final RuntimeService runtime;
  private final MailStore store;
  private final TransactionTemplate transaction;

  MailHandover(RuntimeService runtime, MailStore store, PlatformTransactionManager transactions) {
    this.runtime = runtime;
    this.store = store;
    this.transaction = new TransactionTemplate(transactions);
  }

  /** A mail already in the outbox (it was not sent at once): returns the delivery's process instance id. */
  String takeOver(QueuedMail mail) {
    return transaction.execute(status -> {
      String delivery = start(mail);
      store.markHandedOver(mail.id(), delivery);
      return delivery;
    });
  }

  /** A new mail, in the caller's transaction: its outbox row carries the delivery's id as its own. */
  String queue(QueuedMail mail, java.time.Instant now) {
    String delivery = start(mail);
    store.insert(mail.withId(delivery), now, delivery);
    return delivery;
  }

  private String start(QueuedMail mail) {
    return WithoutAuthorization.call(() -> runtime
        .startProcessInstanceByKey(MailOutbox.PROCESS_KEY, mail.accountId(), MailVariables.of(mail)).getId());
  }
}
