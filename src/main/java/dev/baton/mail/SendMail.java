package dev.baton.mail;

import dev.baton.calendar.BusinessTime;
import dev.baton.engine.ReportedJobFailure;
import jakarta.mail.MessagingException;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.mail.MailException;
import org.springframework.stereotype.Component;

/**
 * Sends the mail of a MailDelivery instance (task "Send the mail"). A failure propagates, so the job is retried with
 * backoff and then raises an incident.
 *
 * <p>A failed attempt is one WARN line naming the mail's kind, account and recipients (no stack trace: while the
 * server is down every mail fails alike), and the same words are the incident's message in Cockpit, where the
 * cause's stack trace stays. Neither carries the mail's text, so no customer link reaches a log or the incident.
 */
@Component("sendMail")
class SendMail implements JavaDelegate {

  private static final Logger log = LoggerFactory.getLogger(SendMail.class);

  private final SmtpDelivery smtp;
  private final MailStore store;
  private final BusinessTime time;

  SendMail(SmtpDelivery smtp, MailStore store, BusinessTime time) {
    this.smtp = smtp;
    this.store = store;
    this.time = time;
  }

  @Override
  public void execute(DelegateExecution execution) {
    QueuedMail mail = MailVariables.read(execution);
    if (mail.openTaskId() != null && execution.getProcessEngineServices().getTaskService().createTaskQuery()
        .taskId(mail.openTaskId()).count() == 0) {
      // Queued while the task was open, but the mail server was down until it was done: asking now misleads.
      log.info("'{}' mail for account {} to {} not sent: its task is already done", mail.kind(), mail.accountId(),
          mail.to());
      store.forget(mail.id());
      return;
    }
    try {
      smtp.send(mail, mail.id());
    } catch (MessagingException | MailException failed) {
      // The mail server's refusal or absence; anything else (a bug) keeps the engine's stack trace in the log.
      String failure = "'%s' mail for account %s to %s not sent: %s".formatted(mail.kind(), mail.accountId(), mail.to(),
          failed.getMessage());
      log.warn("{} (delivery {}; retried with backoff, then an incident in Cockpit)", failure,
          execution.getProcessInstanceId());
      throw new ReportedJobFailure(failure, failed);
    }
    store.markSent(mail.id(), time.now());
    log.info("Sent '{}' mail for account {} to {}", mail.kind(), mail.accountId(), mail.to());
  }
}
