package dev.baton.review;

import dev.baton.account.Account;
import dev.baton.account.Accounts;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Gives every live account whose segment has a cadence its business reviews, also those launched before the
 * process existed: at start, each live account with a launch date and no running BusinessReview gets one,
 * counting from its launch day ({@link ReviewRhythm#next} keeps its rhythm). Each start runs in its own
 * transaction under the account's row lock, so nodes starting together start one per account.
 */
@Component
class ReviewBackfill {

  private static final Logger log = LoggerFactory.getLogger(ReviewBackfill.class);

  private final Accounts accounts;
  private final ReviewStart start;
  private final ReviewProperties properties;
  private final TransactionTemplate transaction;

  ReviewBackfill(Accounts accounts, ReviewStart start, ReviewProperties properties, TransactionTemplate transaction) {
    this.accounts = accounts;
    this.start = start;
    this.properties = properties;
    this.transaction = transaction;
  }

  @EventListener(ApplicationReadyEvent.class)
  public void ready() {
    int started = startMissing();
    if (started > 0) {
      log.info("Business reviews started for {} live account(s) launched before they existed", started);
    }
  }

  /** Starts the missing business reviews; returns for how many accounts. */
  int startMissing() {
    int missing = 0;
    for (Account account : accounts.all()) {
      String launchDate = account.lifecycle().get("launchDate");
      if ("live".equals(account.lifecycle().get("stage")) && launchDate != null
          && properties.cadenceOf(account.segment()).isPresent() && !start.running(account.accountId())) {
        missing++;
        transaction.executeWithoutResult(status -> start.start(account.accountId(), launchDate));
      }
    }
    return missing;
  }
}
