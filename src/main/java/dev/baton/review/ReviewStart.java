package dev.baton.review;

import dev.baton.account.Account;
import dev.baton.account.AccountSaved;
import dev.baton.account.Accounts;
import dev.baton.calendar.BusinessTime;
import dev.baton.engine.WithoutAuthorization;
import dev.baton.onboarding.OnboardingLaunched;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.variable.Variables;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Starts an account's business reviews when the customer is live ({@link OnboardingLaunched}, in the launch's
 * transaction): one BusinessReview instance per account (business key = account id) while its segment has a
 * cadence, until the account churns. A segment change ({@link AccountSaved}) reschedules the waiting review by
 * the message {@value #SEGMENT_CHANGED}, or starts the reviews of a live account whose new segment has them.
 */
@Component
class ReviewStart {

  static final String PROCESS_KEY = "BusinessReview";
  static final String SEGMENT_CHANGED = "AccountSegmentChanged";
  private static final Logger log = LoggerFactory.getLogger(ReviewStart.class);

  private final RuntimeService runtime;
  private final Accounts accounts;
  private final ReviewProperties properties;
  private final BusinessTime time;

  ReviewStart(RuntimeService runtime, Accounts accounts, ReviewProperties properties, BusinessTime time) {
    this.runtime = runtime;
    this.accounts = accounts;
    this.properties = properties;
    this.time = time;
  }

  @EventListener
  public void launched(OnboardingLaunched event) {
    start(event.accountId(), time.today().toString());
  }

  @EventListener
  public void saved(AccountSaved event) {
    if (event.previous() == null || Objects.equals(event.previous().segment(), event.current().segment())) {
      return;
    }
    String accountId = event.current().accountId();
    if (running(accountId)) {
      // Reaches the instance only while it waits for the next review; a review under way keeps its date.
      WithoutAuthorization.run(() -> runtime.createMessageCorrelation(SEGMENT_CHANGED)
          .processInstanceBusinessKey(accountId).correlateAll());
      log.info("Account {} moved from segment {} to {}: its next business review follows the new cadence", accountId,
          event.previous().segment(), event.current().segment());
      return;
    }
    Map<String, String> lifecycle = accounts.find(accountId).map(Account::lifecycle).orElse(Map.of());
    if ("live".equals(lifecycle.get("stage")) && lifecycle.get("launchDate") != null) {
      start(accountId, lifecycle.get("launchDate"));
    }
  }

  /** Starts the account's reviews counting from this launch day, unless they run, it churned or its segment has none. */
  void start(String accountId, String launchedOn) {
    // The account's row lock serialises two starts for one account, so at most one instance runs.
    Optional<Account> account = accounts.lock(accountId);
    if (account.isEmpty() || Objects.equals("churned", account.get().lifecycle().get("stage"))) {
      log.info("Account {} is unknown or churned: no business reviews", accountId);
      return;
    }
    if (properties.cadenceOf(account.get().segment()).isEmpty()) {
      log.info("Account {}: segment {} has no business review cadence (baton.reviews.cadence): no business reviews",
          accountId, account.get().segment());
      return;
    }
    if (running(accountId)) {
      log.info("Account {}: its business reviews already run", accountId);
      return;
    }
    String id = WithoutAuthorization.call(() -> runtime.createProcessInstanceByKey(PROCESS_KEY).businessKey(accountId)
        .setVariables(Variables.createVariables().putValue("accountId", accountId)
            .putValue("accountName", account.get().name()).putValue("launchedOn", launchedOn))
        .execute().getId());
    log.info("Business reviews {} started for account {} (launched {})", id, accountId, launchedOn);
  }

  boolean running(String accountId) {
    return WithoutAuthorization.call(() -> runtime.createProcessInstanceQuery().processDefinitionKey(PROCESS_KEY)
        .processInstanceBusinessKey(accountId).count()) > 0;
  }
}
