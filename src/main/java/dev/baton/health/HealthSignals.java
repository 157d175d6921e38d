package dev.baton.health;

import dev.baton.account.Account;
import dev.baton.account.Accounts;
import dev.baton.calendar.BusinessTime;
import dev.baton.web.ApiProblem;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.retry.support.RetryTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Records signals and recomputes the account's health in one transaction that first locks the
 * account's row ({@code select ... for update}): signals of one account are scored one after the
 * other, so a transition into red is seen exactly once and starts at most one escalation.
 */
@Service
public class HealthSignals {

  private static final Logger log = LoggerFactory.getLogger(HealthSignals.class);
  /** Many signals for one account at once: the lock wait timed out (H2) or a deadlock was broken. Try again. */
  private static final RetryTemplate WHEN_ACCOUNT_BUSY = RetryTemplate.builder()
      .maxAttempts(10)
      .exponentialBackoff(20, 2, 500)
      .retryOn(PessimisticLockingFailureException.class)
      .build();

  private final TransactionTemplate transaction;
  private final HealthSignalStore signals;
  private final HealthTouchStore touches;
  private final MeasurementAges ages;
  private final HealthScoreStore scores;
  private final HealthScorer scorer;
  private final Accounts accounts;
  private final RedHealthEscalations escalations;
  private final HealthProperties properties;
  private final BusinessTime time;
  private final UsageEvents usage;

  HealthSignals(TransactionTemplate transaction, HealthSignalStore signals, HealthTouchStore touches,
      MeasurementAges ages, HealthScoreStore scores,
      HealthScorer scorer, Accounts accounts, RedHealthEscalations escalations, HealthProperties properties,
      BusinessTime time, UsageEvents usage) {
    this.usage = usage;
    this.transaction = transaction;
    this.signals = signals;
    this.touches = touches;
    this.ages = ages;
    this.scores = scores;
    this.scorer = scorer;
    this.accounts = accounts;
    this.escalations = escalations;
    this.properties = properties;
    this.time = time;
  }

  /** Stores the signals and returns the recomputed health; unknown account = 404 problem. */
  public HealthReport record(String accountId, List<HealthSignal> received) {
    return record(accountId, received, List.of());
  }

  /**
   * Stores the signals and the customer touches that came with them (an NPS answer is both), in one
   * recomputation; unknown account = 404 problem.
   */
  public HealthReport record(String accountId, List<HealthSignal> received, List<CustomerTouch> touched) {
    return locking(() -> {
      Account locked = accounts.lock(accountId).orElseThrow(() ->
          ApiProblem.notFound("accountId: no account '" + accountId + "'; create it first (PUT /api/accounts/" + accountId + ")"));
      return recordLocked(locked, received, touched, time.now());
    });
  }

  /**
   * The recording step of one account, its row locked by the caller: the single-account endpoint and every
   * item of a bulk ({@link HealthSignalsInBulk}) go through it, so what recording a signal does applies to both.
   */
  HealthReport recordLocked(Account locked, List<HealthSignal> received, List<CustomerTouch> touched, Instant now) {
    String accountId = locked.accountId();
    received.forEach(signal -> {
      signals.insert(accountId, signal, now);
      if (signal.daysSinceLastTouch() != null) {
        touches.insertReported(accountId, signal.timestamp().toInstant().minus(Duration.ofDays(signal.daysSinceLastTouch())), now);
      }
    });
    touched.forEach(touch -> touches.insert(accountId, touch, now));
    HealthReport report = rescoreLocked(locked, now, received.size() + " signal(s)", true).orElseThrow();
    // After the score, in this transaction: a listener's failure undoes the signal, nothing is half-recorded.
    received.forEach(signal -> usage.recorded(accountId, signal));
    return report;
  }

  /** The CSM's sentiment the score uses now (red, yellow or green), if any signal carried one. */
  public Optional<String> currentSentiment(String accountId) {
    return Optional.ofNullable(signals.latest(accountId).csmSentiment());
  }

  /**
   * A customer-facing step was done in Baton (a kickoff, a business review, a risk call, a new champion's
   * meeting): engagement counts it as the account's last touch (docs/health.md, "Baton's own touches").
   * Joins the caller's transaction. An account already scored is scored again at once; one without a score
   * keeps the touch for its first signal. Returns the recomputed health, if any. An unknown account is
   * logged and skipped: a customer step never fails for health's sake.
   */
  public Optional<HealthReport> recordTouch(String accountId, Instant at, String what) {
    // A touch dated ahead of Baton's clock would count as "today" until that day came: it counts as now.
    Instant now = time.now();
    CustomerTouch touch = new CustomerTouch(at != null && at.isAfter(now) ? now : at, what);
    return locking(() -> {
      Optional<Account> locked = accounts.lock(accountId);
      if (locked.isEmpty()) {
        log.warn("Customer touch '{}' not recorded: no account '{}'", touch.what(), accountId);
        return Optional.<HealthReport>empty();
      }
      touches.insert(accountId, touch, now);
      if (scores.latest(accountId).isEmpty()) {
        log.info("Account {}: customer touch '{}' recorded; it counts from the first health signal on", accountId, touch.what());
        return Optional.<HealthReport>empty();
      }
      return rescoreLocked(locked.get(), now, "customer touch '" + touch.what() + "'", true);
    });
  }

  /**
   * Scores the account again from what it has (the daily re-score, when a measurement went stale), keeping
   * the result only if a band or an explanation changed. Joins the caller's transaction.
   */
  Optional<HealthReport> rescore(String accountId) {
    return locking(() -> accounts.lock(accountId).flatMap(locked -> rescoreLocked(locked, time.now(), "re-score", false)));
  }

  /**
   * In a transaction of its own, tried again while the account is busy; inside a caller's transaction (a
   * task's completion, a job) once: a retry within it cannot help, the caller's own retry does.
   */
  private <T> T locking(java.util.function.Supplier<T> work) {
    if (TransactionSynchronizationManager.isActualTransactionActive()) {
      return work.get();
    }
    return WHEN_ACCOUNT_BUSY.execute(attempt -> transaction.execute(status -> work.get()));
  }

  /** The account's row is locked: recompute, store, update the account and escalate or de-escalate. */
  private Optional<HealthReport> rescoreLocked(Account locked, Instant now, String cause, boolean always) {
    String accountId = locked.accountId();
    HealthReport previous = scores.latest(accountId).orElse(null);
    String previousBand = previous != null ? previous.band() : locked.healthBand();
    HealthAssessment assessment = scorer.assess(ages.current(signals.latest(accountId), touches.newest(accountId)));
    HealthReport report = HealthReport.of(accountId, now, assessment, previous, previousBand, properties);
    if (!always && previous != null && !report.differsFrom(previous)) {
      return Optional.empty();
    }
    if (properties.rank(report.band()) < 0 && !HealthReport.UNKNOWN.equals(report.band())) {
      log.warn("HealthScore.dmn gave account {} the band '{}', which is not in baton.health.bands {}: "
          + "add it there (worst first) so changes can be told worse or better", accountId, report.band(),
          properties.bands());
    }
    scores.insert(report);
    accounts.recordHealthBand(accountId, report.band());
    escalations.scored(locked.name(), report);
    log.info("Health of account {} is {} (was {}) after {}: {}", accountId, report.band(), previousBand,
        cause, report.overall().rule());
    return Optional.of(report);
  }
}
