package dev.baton.mail;

import dev.baton.customer.CompanyProperties;
import dev.baton.customer.CustomerLinks;
import dev.baton.engine.ReportedJobFailure;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.mail.MailException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Component;

/**
 * Sends one queued mail (task "Send the mail" of MailDelivery.bpmn) as HTML with a plain-text
 * alternative. A failure propagates, so the job is retried with backoff and then raises an incident.
 * A mail to a customer gets its links here, each attempt new ones, so they exist only in the sent mail.
 *
 * <p>A failed attempt is one WARN line naming the mail's kind, account and recipients (no stack trace: while the
 * server is down every mail fails alike), and the same words are the incident's message in Cockpit, where the
 * cause's stack trace stays. Neither carries the mail's text, so no customer link reaches a log or the incident.
 */
@Component("sendMail")
class SendMail implements JavaDelegate {

  private static final Logger log = LoggerFactory.getLogger(SendMail.class);

  private final JavaMailSender mailSender;
  private final SmtpConnections connections;
  private final CustomerLinks customerLinks;
  private final String from;
  private final String replyTo;

  SendMail(JavaMailSender mailSender, SmtpConnections connections, CustomerLinks customerLinks,
      @Value("${baton.mail.from}") String from, CompanyProperties company) {
    this.replyTo = company.replyTo();
    this.mailSender = mailSender;
    this.connections = connections;
    this.customerLinks = customerLinks;
    this.from = from;
  }

  @Override
  public void execute(DelegateExecution execution) {
    String to = (String) execution.getVariable(MailVariables.TO);
    String kind = (String) execution.getVariable(MailVariables.KIND);
    Object accountId = execution.getVariable(MailVariables.ACCOUNT_ID);
    String openTask = (String) execution.getVariable(MailVariables.ONLY_WHILE_TASK_OPEN);
    if (openTask != null && execution.getProcessEngineServices().getTaskService().createTaskQuery()
        .taskId(openTask).count() == 0) {
      // Queued while the task was open, but the mail server was down until it was done: asking now misleads.
      log.info("'{}' mail for account {} to {} not sent: its task is already done", kind, accountId, to);
      return;
    }
    try {
      send(execution, kind, to);
    } catch (MessagingException | MailException failed) {
      // The mail server's refusal or absence; anything else (a bug) keeps the engine's stack trace in the log.
      String failure = "'%s' mail for account %s to %s not sent: %s".formatted(kind, accountId, to, failed.getMessage());
      log.warn("{} (delivery {}; retried with backoff, then an incident in Cockpit)", failure,
          execution.getProcessInstanceId());
      throw new ReportedJobFailure(failure, failed);
    }
    log.info("Sent '{}' mail for account {} to {}", kind, accountId, to);
  }

  private void send(DelegateExecution execution, String kind, String to) throws MessagingException {
    MimeMessage message = mailSender.createMimeMessage();
    MimeMessageHelper mail = new MimeMessageHelper(message, true, "UTF-8");
    mail.setFrom(from);
    if (replyTo != null) {
      mail.setReplyTo(replyTo);
    }
    mail.setTo(to.split(","));
    mail.setSubject((String) execution.getVariable(MailVariables.SUBJECT));
    String text = (String) execution.getVariable(MailVariables.TEXT);
    String html = (String) execution.getVariable(MailVariables.HTML);
    String question = (String) execution.getVariable(MailVariables.CUSTOMER_QUESTION);
    if (question != null) {
      Map<String, String> links = customerLinks.mint(question);
      text = CustomerLinks.fillIn(text, links);
      html = CustomerLinks.fillIn(html, links);
    }
    mail.setText(text, html);
    // Lets a mailbox (and a test) tell one delivery from another, and see a resend as the same mail.
    message.setHeader("X-Baton-Delivery", execution.getProcessInstanceId());
    // One Message-ID per delivery: if Baton dies after the SMTP server took the mail but before the job
    // committed, the job runs again and the resent copy has the same id, which mail systems treat as one.
    message.setHeader("Message-ID", "<" + execution.getProcessInstanceId() + "@baton>");
    message.setHeader("X-Baton-Mail-Kind", kind);
    connections.send(message);
  }
}
