package dev.baton.health;

import dev.baton.account.Account;
import dev.baton.account.Accounts;
import dev.baton.calendar.BusinessTime;
import dev.baton.web.ApiProblem;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.retry.support.RetryTemplate;
import org.springframework.stereotype.Service;
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
  private final HealthScoreStore scores;
  private final HealthScorer scorer;
  private final Accounts accounts;
  private final RedHealthEscalations escalations;
  private final HealthProperties properties;
  private final BusinessTime time;

  HealthSignals(TransactionTemplate transaction, HealthSignalStore signals, HealthScoreStore scores,
      HealthScorer scorer, Accounts accounts, RedHealthEscalations escalations, HealthProperties properties,
      BusinessTime time) {
    this.transaction = transaction;
    this.signals = signals;
    this.scores = scores;
    this.scorer = scorer;
    this.accounts = accounts;
    this.escalations = escalations;
    this.properties = properties;
    this.time = time;
  }

  /** Stores the signals and returns the recomputed health; unknown account = 404 problem. */
  public HealthReport record(String accountId, List<HealthSignal> received) {
    return WHEN_ACCOUNT_BUSY.execute(attempt -> transaction.execute(status -> recordLocked(accountId, received)));
  }

  /** The CSM's sentiment the score uses now (red, yellow or green), if any signal carried one. */
  public java.util.Optional<String> currentSentiment(String accountId) {
    return java.util.Optional.ofNullable(signals.latest(accountId).csmSentiment());
  }

  private HealthReport recordLocked(String accountId, List<HealthSignal> received) {
    Account locked = accounts.lock(accountId).orElseThrow(() ->
        ApiProblem.notFound("accountId: no account '" + accountId + "'; create it first (PUT /api/accounts/" + accountId + ")"));
    Instant now = time.now();
    received.forEach(signal -> signals.insert(accountId, signal, now));

    HealthReport previous = scores.latest(accountId).orElse(null);
    String previousBand = previous != null ? previous.band() : locked.healthBand();
    HealthAssessment assessment = scorer.assess(signals.latest(accountId));
    HealthReport report = HealthReport.of(accountId, now, assessment, previous, previousBand, properties);
    if (properties.rank(report.band()) < 0 && !HealthReport.UNKNOWN.equals(report.band())) {
      log.warn("HealthScore.dmn gave account {} the band '{}', which is not in baton.health.bands {}: "
          + "add it there (worst first) so changes can be told worse or better", accountId, report.band(),
          properties.bands());
    }
    scores.insert(report);
    accounts.recordHealthBand(accountId, report.band());
    escalations.scored(locked.name(), report);
    log.info("Health of account {} is {} (was {}) after {} signal(s): {}", accountId, report.band(), previousBand,
        received.size(), report.overall().rule());
    return report;
  }
}
