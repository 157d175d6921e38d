package dev.baton.mail;

import dev.baton.customer.CompanyProperties;
import dev.baton.customer.CustomerLinks;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.util.Map;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Component;

/**
 * Hands one queued mail to the SMTP server as HTML with a plain-text alternative, whoever sends it (the courier right
 * after the commit, or a MailDelivery process). A mail to a customer gets its links here, new ones on each attempt,
 * so they exist only in the sent mail.
 */
@Component
class SmtpDelivery {

  private final JavaMailSender mailSender;
  private final SmtpConnections connections;
  private final CustomerLinks customerLinks;
  private final String from;
  private final String replyTo;

  SmtpDelivery(JavaMailSender mailSender, SmtpConnections connections, CustomerLinks customerLinks,
      @Value("${baton.mail.from}") String from, CompanyProperties company) {
    this.mailSender = mailSender;
    this.connections = connections;
    this.customerLinks = customerLinks;
    this.from = from;
    this.replyTo = company.replyTo();
  }

  /**
   * Sends the mail under {@code messageKey}: its Message-ID, the same on every attempt, so a copy sent again after
   * Baton died between the server taking it and Baton recording it is one mail to mail systems.
   */
  void send(QueuedMail queued, String messageKey) throws MessagingException {
    MimeMessage message = mailSender.createMimeMessage();
    MimeMessageHelper mail = new MimeMessageHelper(message, true, "UTF-8");
    mail.setFrom(from);
    if (replyTo != null) {
      mail.setReplyTo(replyTo);
    }
    mail.setTo(queued.to().split(","));
    mail.setSubject(queued.subject());
    String text = queued.text();
    String html = queued.html();
    if (queued.customerQuestionId() != null) {
      Map<String, String> links = customerLinks.mint(queued.customerQuestionId());
      text = CustomerLinks.fillIn(text, links);
      html = CustomerLinks.fillIn(html, links);
    }
    mail.setText(text, html);
    // Lets a mailbox (and a test) tell one mail from another, and see a resend as the same mail.
    message.setHeader("X-Baton-Delivery", messageKey);
    message.setHeader("Message-ID", "<" + messageKey + "@baton>");
    message.setHeader("X-Baton-Mail-Kind", queued.kind());
    connections.send(message);
  }
}
