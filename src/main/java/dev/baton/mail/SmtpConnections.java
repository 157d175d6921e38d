package dev.baton.mail;

import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.Transport;
import jakarta.mail.internet.MimeMessage;
import java.util.Date;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.stereotype.Component;

/**
 * Keeps one SMTP connection per sending thread (the job executor's workers) instead of a new one per
 * mail: a burst such as 10,000 renewal surveys then costs three SMTP round trips per mail instead of six
 * plus a TCP handshake. A connection idle for longer than {@link #MAX_IDLE_MILLIS} is replaced; a kept
 * connection the server dropped fails the first attempt, which is repeated once on a new connection.
 */
@Component
class SmtpConnections {

  private static final String STREAM_PROVIDER = "jakarta.mail.util.StreamProvider";

  static final long MAX_IDLE_MILLIS = 20_000;

  static {
    // Jakarta Mail looks its stream provider up afresh for every part, header block and write, searching the
    // classpath's jars each time unless this property names it: that search was a fifth of the CPU a mail cost.
    if (System.getProperty(STREAM_PROVIDER) == null) {
      System.setProperty(STREAM_PROVIDER, "org.eclipse.angus.mail.util.MailStreamProvider");
    }
  }
  private static final Logger log = LoggerFactory.getLogger(SmtpConnections.class);

  private final JavaMailSenderImpl sender;
  private final ThreadLocal<Connection> current = new ThreadLocal<>();

  SmtpConnections(JavaMailSenderImpl sender) {
    this.sender = sender;
  }

  void send(MimeMessage message) throws MessagingException {
    prepare(message);
    Connection kept = current.get();
    if (kept != null && System.currentTimeMillis() - kept.lastUsed > MAX_IDLE_MILLIS) {
      close(kept);
      kept = null;
    }
    Connection connection = kept != null ? kept : connect();
    try {
      sendOn(connection, message);
    } catch (MessagingException failed) {
      close(connection);
      if (kept == null || partlySent(failed)) {
        throw failed;
      }
      log.debug("Kept SMTP connection failed ({}); sending again on a new one", failed.getMessage());
      Connection fresh = connect();
      try {
        sendOn(fresh, message);
      } catch (MessagingException again) {
        close(fresh);
        throw again;
      }
    }
  }

  private void sendOn(Connection connection, MimeMessage message) throws MessagingException {
    connection.transport.sendMessage(message, message.getAllRecipients());
    connection.lastUsed = System.currentTimeMillis();
    current.set(connection);
  }

  /** As JavaMailSenderImpl does: a sent date, and the headers computed once before sending. */
  private static void prepare(MimeMessage message) throws MessagingException {
    if (message.getSentDate() == null) {
      message.setSentDate(new Date());
    }
    String messageId = message.getMessageID();
    message.saveChanges();
    if (messageId != null) {
      message.setHeader("Message-ID", messageId);
    }
  }

  private Connection connect() throws MessagingException {
    Transport transport = sender.getSession().getTransport(sender.getProtocol() == null ? "smtp" : sender.getProtocol());
    String user = sender.getUsername() == null || sender.getUsername().isEmpty() ? null : sender.getUsername();
    String password = user == null ? null : sender.getPassword();
    transport.connect(sender.getHost(), sender.getPort(), user, password);
    return new Connection(transport);
  }

  /** Some recipients already got the mail: repeating it would send it to them twice. */
  private static boolean partlySent(MessagingException failed) {
    return failed instanceof SendFailedException partial && partial.getValidSentAddresses() != null
        && partial.getValidSentAddresses().length > 0;
  }

  private void close(Connection connection) {
    current.remove();
    try {
      connection.transport.close();
    } catch (MessagingException | RuntimeException ignored) {
      // Already gone.
    }
  }

  private static final class Connection {
    final Transport transport;
    long lastUsed = System.currentTimeMillis();

    Connection(Transport transport) {
      this.transport = transport;
    }
  }
}
