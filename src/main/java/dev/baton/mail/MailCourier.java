package dev.baton.mail;

import dev.baton.calendar.BusinessTime;
import jakarta.annotation.PreDestroy;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Sends a mail right after the transaction that queued it commits, on a few threads of its own, so the mail costs
 * no process instance, job or history when the SMTP server takes it at once (almost always). When it does not, the
 * mail goes to a MailDelivery process: retried with backoff, then an incident in Cockpit. When Baton stops before it
 * was sent, {@link MailSweeper} hands it over after the restart (on any node). A full queue sends in the caller's
 * thread: a burst slows its producer down instead of piling up in memory.
 */
@Component
class MailCourier {

  /** How long a node may take to send a claimed mail before another may take it over. */
  static final Duration LEASE = Duration.ofMinutes(5);
  private static final Logger log = LoggerFactory.getLogger(MailCourier.class);

  private final MailStore store;
  private final SmtpDelivery smtp;
  private final MailHandover handover;
  private final BusinessTime time;
  private final ThreadPoolExecutor threads;

  MailCourier(MailStore store, SmtpDelivery smtp, MailHandover handover, BusinessTime time,
      @Value("${baton.mail.courier-threads:4}") int threadCount) {
    this.store = store;
    this.smtp = smtp;
    this.handover = handover;
    this.time = time;
    AtomicInteger number = new AtomicInteger();
    this.threads = new ThreadPoolExecutor(threadCount, threadCount, 60, TimeUnit.SECONDS,
        new ArrayBlockingQueue<>(threadCount * 50), task -> {
          Thread thread = new Thread(task, "mail-courier-" + number.incrementAndGet());
          thread.setDaemon(true);
          return thread;
        }, new ThreadPoolExecutor.CallerRunsPolicy());
  }

  /** Sends the committed mail soon. */
  void offer(String mailId) {
    threads.execute(() -> {
      try {
        deliver(mailId);
      } catch (RuntimeException failed) {
        // The database, most likely: the mail stays in the outbox, and the sweeper takes it when the claim runs out.
        log.warn("Mail {} not sent at once: {} (left in the outbox; sent within {} minutes)", mailId,
            failed.getMessage(), LEASE.toMinutes() + 1);
      }
    });
  }

  /** Sends the mail if nobody has yet; hands it to a MailDelivery process when the SMTP server does not take it. */
  void deliver(String mailId) {
    Instant now = time.now();
    if (!store.claim(mailId, now, now.plus(LEASE))) {
      return;
    }
    QueuedMail mail = store.find(mailId).orElseThrow();
    try {
      smtp.send(mail, mail.id());
    } catch (Exception failed) {
      String delivery = handover.takeOver(mail);
      log.warn("'{}' mail for account {} to {} not sent at once: {} (delivery {}; retried with backoff, then an "
          + "incident in Cockpit)", mail.kind(), mail.accountId(), mail.to(), failed.getMessage(), delivery);
      return;
    }
    store.markSent(mailId, time.now());
    log.info("Sent '{}' mail for account {} to {}", mail.kind(), mail.accountId(), mail.to());
  }

  @PreDestroy
  void stop() throws InterruptedException {
    // Mails still waiting here stay in the outbox: the sweeper of this or another node sends them.
    threads.shutdown();
    threads.awaitTermination(10, TimeUnit.SECONDS);
  }
}
