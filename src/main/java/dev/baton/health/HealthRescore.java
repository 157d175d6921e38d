package dev.baton.health;

import dev.baton.calendar.BusinessTime;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The daily re-score (processes/HealthStaleness.bpmn, docs/health.md "Stale measurements"): scores again only
 * the accounts whose data changed meaning since the last run, by queries on when it was measured: a
 * measurement that crossed its limit ({@link StalenessLimits}) and a last touch that reached an engagement
 * threshold ({@link EngagementThresholds}). Each is scored in its own job and transaction, as a pushed signal
 * would be, so a band change escalates or de-escalates and a failure is an incident of that account's job (its
 * {@code accountId} beside it in Cockpit); a
 * recomputation that changes nothing is not kept. The first run, with no last run to start from, looks at
 * everything once.
 */
@Component("healthRescore")
public class HealthRescore {

  private static final Logger log = LoggerFactory.getLogger(HealthRescore.class);

  private final HealthSignalStore signals;
  private final HealthTouchStore touches;
  private final HealthSignals health;
  private final EngagementThresholds engagement;
  private final StalenessLimits limits;
  private final BusinessTime time;
  private final JdbcClient jdbc;

  HealthRescore(HealthSignalStore signals, HealthTouchStore touches, HealthSignals health,
      EngagementThresholds engagement, StalenessLimits limits, BusinessTime time, JdbcClient jdbc) {
    this.signals = signals;
    this.touches = touches;
    this.health = health;
    this.engagement = engagement;
    this.limits = limits;
    this.time = time;
    this.jdbc = jdbc;
  }

  /**
   * "Find the accounts whose data went stale": fixes the end of this run's window ({@code checkedUntil}) and
   * counts the accounts in it ({@code accountsChecked}); the next step scores each, one job per account.
   */
  public void find(DelegateExecution execution) {
    Instant now = time.now();
    Optional<Instant> lastRun = lastRun();
    List<String> accounts = candidates(lastRun, now);
    execution.setVariable("checkedUntil", Date.from(now));
    execution.setVariable("accountsChecked", accounts.size());
    execution.setVariable("accountsRescored", 0);
    log.info("Daily health re-score: {} account(s) with data gone stale or a touch aged since {}", accounts.size(),
        lastRun.map(Instant::toString).orElse("ever"));
  }

  /** The multi-instance collection of "Score the account again": the same window, so a retry finds the same. */
  public List<String> accounts(DelegateExecution execution) {
    return candidates(lastRun(), ((Date) execution.getVariable("checkedUntil")).toInstant());
  }

  /** "Score the account again" (its own job): counts it in {@code accountsRescored} if anything changed. */
  public void rescore(DelegateExecution execution) {
    String accountId = (String) execution.getVariable("accountId");
    if (health.rescore(accountId).isPresent()) {
      execution.setVariable("accountsRescored", ((Number) execution.getVariable("accountsRescored")).intValue() + 1);
    }
  }

  /** "Remember how far the re-score got": the next run starts where this one's window ended. */
  public void ran(DelegateExecution execution) {
    Instant until = ((Date) execution.getVariable("checkedUntil")).toInstant();
    recordRun(until);
    log.info("Daily health re-score done up to {}: {} of {} account(s) scored anew", until,
        execution.getVariable("accountsRescored"), execution.getVariable("accountsChecked"));
  }

  /** Accounts with a measurement that crossed its limit, or a last touch that reached an engagement threshold, in (lastRun, until]. */
  List<String> candidates(Optional<Instant> lastRun, Instant until) {
    Set<String> accounts = new TreeSet<>();
    limits.byMeasurement().forEach((measurement, limit) -> accounts.addAll(signals.measuredBetween(measurement,
        lastRun.map(at -> at.minus(limit)).orElse(null), until.minus(limit))));
    LocalDate today = time.dateOf(until);
    Optional<LocalDate> lastRunDay = lastRun.map(time::dateOf);
    for (int days : engagement.days()) {
      // Touched on day D, the account reaches `days` on D + days: that day fell in (last run's day, today].
      Instant to = time.startOf(today.minusDays(days - 1L)).toInstant();
      Instant from = lastRunDay.map(day -> time.startOf(day.minusDays(days - 1L)).toInstant()).orElse(null);
      accounts.addAll(touches.touchedBetween(from, to));
    }
    return List.copyOf(accounts);
  }

  private Optional<Instant> lastRun() {
    return jdbc.sql("select last_run_at from baton_health_rescore where id = 1")
        .query((rs, n) -> rs.getTimestamp(1).toInstant()).optional();
  }

  private void recordRun(Instant at) {
    if (jdbc.sql("update baton_health_rescore set last_run_at = ? where id = 1").param(Timestamp.from(at)).update() == 0) {
      jdbc.sql("insert into baton_health_rescore (id, last_run_at) values (1, ?)").param(Timestamp.from(at)).update();
    }
  }
}
