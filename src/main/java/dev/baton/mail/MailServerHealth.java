package dev.baton.mail;

import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.Status;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.stereotype.Component;

/**
 * The SMTP server's health. A mail server outage loses nothing (mails wait as jobs and are retried),
 * so it reports DEGRADED rather than DOWN: the application stays in service while mail waits.
 */
@Component("mail")
class MailServerHealth extends AbstractHealthIndicator {

  static final Status DEGRADED = new Status("DEGRADED", "Mail is queued and retried until the SMTP server answers");

  private final JavaMailSenderImpl mailSender;

  MailServerHealth(JavaMailSenderImpl mailSender) {
    super("Mail server health check failed");
    this.mailSender = mailSender;
  }

  @Override
  protected void doHealthCheck(Health.Builder builder) {
    builder.withDetail("location", mailSender.getHost() + ":" + mailSender.getPort());
    try {
      mailSender.testConnection();
      builder.up();
    } catch (Exception e) {
      builder.status(DEGRADED).withDetail("error", e.getMessage());
    }
  }
}
