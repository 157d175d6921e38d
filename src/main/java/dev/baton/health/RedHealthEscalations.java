package dev.baton.health;

import dev.baton.calendar.BusinessTime;
import dev.baton.engine.WithoutAuthorization;
import java.sql.Timestamp;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.variable.Variables;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Starts and ends RedHealthEscalation instances (processes/RedHealthEscalation.bpmn). Callers hold the
 * account's row lock (see {@link HealthSignals}), so "is one running?" and "start one" cannot interleave
 * for the same account: at most one runs per account, on H2 and PostgreSQL alike. A churned account's
 * escalation ends as lost through the model's "Account churned" event subprocess (message AccountChurned,
 * sent by {@link dev.baton.account.ChurnedAccountProcesses}).
 */
@Component("redHealthEscalations")
public class RedHealthEscalations {

  public static final String PROCESS_KEY = "RedHealthEscalation";
  static final String RECOVERED_MESSAGE = "HealthRecovered";
  private static final Logger log = LoggerFactory.getLogger(RedHealthEscalations.class);

  private final RuntimeService runtime;
  private final JdbcClient jdbc;
  private final HealthProperties properties;
  private final BusinessTime time;

  RedHealthEscalations(RuntimeService runtime, JdbcClient jdbc, HealthProperties properties, BusinessTime time) {
    this.runtime = runtime;
    this.jdbc = jdbc;
    this.properties = properties;
    this.time = time;
  }

  /**
   * After a recomputation (account row locked): start on entering the worst band, end on leaving it for
   * another band; an overall band that became unknown (every measurement stale) neither starts nor ends one.
   */
  void scored(String accountName, HealthReport report) {
    String red = properties.escalationBand();
    Optional<String> running = running(report.accountId());
    if (red.equals(report.band())) {
      if (!red.equals(report.previousBand()) && running.isEmpty()) {
        start(accountName, report);
      }
    } else if (running.isPresent() && !HealthReport.UNKNOWN.equals(report.band())) {
      // Unknown (no current data, docs/health.md) is not a recovery: the reviews go on until a band is known.
      WithoutAuthorization.run(() -> runtime.createMessageCorrelation(RECOVERED_MESSAGE)
          .processInstanceId(running.get()).setVariable("recoveredBand", report.band()).correlateWithResult());
      log.info("Health of account {} is {} again: escalation {} ends as recovered", report.accountId(),
          report.band(), running.get());
    }
  }

  /** The running escalation of the account, if any (rows of instances deleted in Cockpit are closed). */
  Optional<String> running(String accountId) {
    Map<String, Optional<String>> batch = batch();
    Optional<String> open = batch != null && batch.containsKey(accountId) ? batch.get(accountId)
        : jdbc.sql("select process_instance_id from baton_health_escalation "
            + "where account_id = ? and ended_at is null").param(accountId).query(String.class).optional();
    if (open.isPresent() && WithoutAuthorization.call(() -> runtime.createProcessInstanceQuery()
        .processInstanceId(open.get()).count()) == 0) {
      close(open.get(), "cancelled");
      return Optional.empty();
    }
    return open;
  }

  /** In a {@link HealthBatch}: reads the open escalations of all the accounts at once, for {@link #running}. */
  void prefetch(List<String> accountIds) {
    Map<String, Optional<String>> batch = HealthBatch.current().part(EscalationBatch.class, EscalationBatch::new);
    accountIds.forEach(id -> batch.put(id, Optional.empty()));
    jdbc.sql("select account_id, process_instance_id from baton_health_escalation where account_id in (:ids) "
            + "and ended_at is null")
        .param("ids", accountIds)
        .query(rs -> {
          batch.put(rs.getString(1), Optional.of(rs.getString(2)));
        });
  }

  private static Map<String, Optional<String>> batch() {
    HealthBatch open = HealthBatch.current();
    return open == null ? null : open.part(EscalationBatch.class, EscalationBatch::new);
  }

  /** This class's part of a {@link HealthBatch}: each account's open escalation, if any. */
  private static final class EscalationBatch extends HashMap<String, Optional<String>> {}

  private void start(String accountName, HealthReport report) {
    var variables = Variables.createVariables()
        .putValue("accountId", report.accountId())
        .putValue("accountName", accountName)
        .putValue("healthBand", report.band())
        .putValue("healthReason", report.overall().rule())
        .putValue("redDimensions", summary(report))
        .putValue("reviewCount", 0);
    String id = WithoutAuthorization.call(() ->
        runtime.startProcessInstanceByKey(PROCESS_KEY, report.accountId(), variables).getId());
    jdbc.sql("insert into baton_health_escalation (process_instance_id, account_id, started_at) values (?, ?, ?)")
        .params(id, report.accountId(), Timestamp.from(time.now())).update();
    Map<String, Optional<String>> batch = batch();
    if (batch != null && batch.containsKey(report.accountId())) {
      batch.put(report.accountId(), Optional.of(id));
    }
    log.info("Health of account {} turned {} ({}): escalation {} started", report.accountId(), report.band(),
        report.overall().rule(), id);
  }

  /** Called by the model's "record the outcome" tasks: {@code ${redHealthEscalations.ended(execution, "lost")}}. */
  public void ended(DelegateExecution execution, String outcome) {
    execution.setVariable("outcome", outcome);
    close(execution.getProcessInstanceId(), outcome);
  }

  private void close(String processInstanceId, String outcome) {
    Map<String, Optional<String>> batch = batch();
    if (batch != null) {
      batch.replaceAll((account, open) -> open.filter(id -> !id.equals(processInstanceId)));
    }
    jdbc.sql("update baton_health_escalation set ended_at = ?, outcome = ? where process_instance_id = ? and ended_at is null")
        .params(Timestamp.from(time.now()), outcome, processInstanceId).update();
  }

  /** The dimensions in the worst band, for the task form and the escalation mails. */
  static String summary(HealthReport report) {
    return String.join("\n", report.dimensions().stream()
        .filter(d -> report.band() != null && report.band().equals(d.band()))
        .map(d -> "- " + d.name() + ": " + d.rule() + " (" + d.value() + ")").toList());
  }
}
