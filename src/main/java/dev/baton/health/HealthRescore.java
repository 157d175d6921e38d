package dev.baton.health;

import dev.baton.calendar.BusinessTime;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
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
 * threshold ({@link EngagementThresholds}). Each is scored as a pushed signal would be, so a band change
 * escalates or de-escalates; a recomputation that changes nothing is not kept. The first run, with no last
 * run to start from, looks at everything once.
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

  /** "Score again the accounts whose data went stale": sets accountsChecked and accountsRescored. */
  public void rescoreStale(DelegateExecution execution) {
    Instant now = time.now();
    Optional<Instant> lastRun = lastRun();
    Set<String> accounts = new TreeSet<>();
    limits.byMeasurement().forEach((measurement, limit) -> accounts.addAll(signals.measuredBetween(measurement,
        lastRun.map(at -> at.minus(limit)).orElse(null), now.minus(limit))));
    LocalDate today = time.today();
    Optional<LocalDate> lastRunDay = lastRun.map(time::dateOf);
    for (int days : engagement.days()) {
      // Touched on day D, the account reaches `days` on D + days: that day fell in (last run's day, today].
      Instant to = time.startOf(today.minusDays(days - 1L)).toInstant();
      Instant from = lastRunDay.map(day -> time.startOf(day.minusDays(days - 1L)).toInstant()).orElse(null);
      accounts.addAll(touches.touchedBetween(from, to));
    }
    int rescored = 0;
    for (String accountId : accounts) {
      if (health.rescore(accountId).isPresent()) {
        rescored++;
      }
    }
    recordRun(now);
    execution.setVariable("accountsChecked", accounts.size());
    execution.setVariable("accountsRescored", rescored);
    log.info("Daily health re-score: {} account(s) with data gone stale or a touch aged since {}, {} scored anew",
        accounts.size(), lastRun.map(Instant::toString).orElse("ever"), rescored);
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
