package dev.baton.mail;

import dev.baton.calendar.BusinessTime;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Finds the mails the courier did not send: Baton stopped (or died) between the commit and the send, or the node that
 * claimed one is gone. Each is handed to a MailDelivery process, so it is sent by a job, retried and visible in
 * Cockpit. Also forgets sent mails once they are older than the history Baton keeps of them.
 */
@Component
class MailSweeper {

  private static final Logger log = LoggerFactory.getLogger(MailSweeper.class);
  private static final int BATCH = 200;

  private final MailStore store;
  private final MailHandover handover;
  private final BusinessTime time;
  private final Duration after;
  private final Duration keepSent;

  MailSweeper(MailStore store, MailHandover handover, BusinessTime time,
      @Value("${baton.mail.sweep-after:PT1M}") Duration after, @Value("${baton.mail.keep-sent:P30D}") Duration keepSent) {
    this.store = store;
    this.handover = handover;
    this.time = time;
    this.after = after;
    this.keepSent = keepSent;
  }

  @Scheduled(fixedDelayString = "${baton.mail.sweep-every:PT30S}", initialDelayString = "${baton.mail.sweep-every:PT30S}")
  void sweep() {
    Instant now = time.now();
    for (String id : store.leftBehind(now.minus(after), now, BATCH)) {
      if (store.claim(id, now, now.plus(MailCourier.LEASE))) {
        QueuedMail mail = store.find(id).orElseThrow();
        String delivery = handover.takeOver(mail);
        log.warn("'{}' mail for account {} to {} was not sent when queued (Baton stopped first): handed to delivery {}",
            mail.kind(), mail.accountId(), mail.to(), delivery);
      }
    }
    int forgotten = store.forgetSentBefore(now.minus(keepSent));
    if (forgotten > 0) {
      log.info("Forgot {} mails sent more than {} days ago", forgotten, keepSent.toDays());
    }
  }
}
