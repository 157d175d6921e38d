package dev.baton.nps;

import dev.baton.engine.WithoutAuthorization;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Gives every live account an NPS programme, also those launched before the programme existed: at start,
 * each account whose lifecycle says {@code stage: live} and that has a {@code launchDate} but no running
 * NpsSurvey gets one, counting from its launch day ({@link NpsRhythm#firstSurvey} keeps its rhythm).
 * Each start runs in its own transaction under the account's row lock, so nodes starting together start
 * one per account.
 */
@Component
class NpsBackfill {

  private static final Logger log = LoggerFactory.getLogger(NpsBackfill.class);

  private final JdbcClient jdbc;
  private final RuntimeService runtime;
  private final NpsStart start;
  private final TransactionTemplate transaction;

  NpsBackfill(JdbcClient jdbc, RuntimeService runtime, NpsStart start, TransactionTemplate transaction) {
    this.jdbc = jdbc;
    this.runtime = runtime;
    this.start = start;
    this.transaction = transaction;
  }

  @EventListener(ApplicationReadyEvent.class)
  public void ready() {
    int started = startMissing();
    if (started > 0) {
      log.info("NPS programme started for {} live account(s) launched before it existed", started);
    }
  }

  /** Starts the missing programmes; returns how many accounts were without one. */
  int startMissing() {
    Set<String> running = new HashSet<>(WithoutAuthorization.call(() -> runtime.createProcessInstanceQuery()
        .processDefinitionKey(NpsStart.PROCESS_KEY).list()).stream().map(ProcessInstance::getBusinessKey).toList());
    List<LiveAccount> live = jdbc.sql("""
            select s.account_id, d.fact_value as launch_date
            from baton_account_lifecycle s
            join baton_account_lifecycle d on d.account_id = s.account_id and d.fact = 'launchDate'
            where s.fact = 'stage' and s.fact_value = 'live'""")
        .query((rs, row) -> new LiveAccount(rs.getString("account_id"), rs.getString("launch_date"))).list();
    int missing = 0;
    for (LiveAccount account : live) {
      if (!running.contains(account.accountId())) {
        missing++;
        transaction.executeWithoutResult(status -> start.start(account.accountId(), account.launchDate()));
      }
    }
    return missing;
  }

  private record LiveAccount(String accountId, String launchDate) {}
}
