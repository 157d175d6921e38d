package dev.baton.handoff;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.baton.crm.DealHandoff;
import dev.baton.crm.DealWon;
import dev.baton.engine.WithoutAuthorization;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.variable.Variables;
import org.camunda.spin.plugin.variable.SpinValues;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.retry.support.RetryTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Starts the Sales-to-CS handoff of a won deal exactly once per deal. The deal's business key is
 * inserted into {@code baton_handoff_deal} (primary key) in the same transaction as the process start
 * (which only writes the instance and its first job: the process continues asynchronously):
 * a second start of the same deal, sequential or concurrent, fails on that key (on PostgreSQL and H2 the
 * second insert waits for the first transaction) and answers the existing instance instead. The method
 * returns after the commit, so a caller that reports "created" reports a committed instance.
 */
@Component
public class HandoffStarter implements DealHandoff {

  public static final String PROCESS_KEY = "SalesToCsHandoff";
  private static final Logger log = LoggerFactory.getLogger(HandoffStarter.class);
  /** How long a duplicate waits for a concurrent first start to commit (or roll back). */
  private static final Duration WAIT_FOR_CONCURRENT_START = Duration.ofSeconds(5);
  /** The claim is taken by a transaction that has neither committed nor rolled back yet: try again. */
  private static final RetryTemplate WHILE_CLAIM_UNDECIDED = RetryTemplate.builder()
      .withTimeout(WAIT_FOR_CONCURRENT_START)
      .fixedBackoff(10)
      .retryOn(DuplicateKeyException.class)
      .retryOn(TransientDataAccessException.class)
      .build();

  private final RuntimeService runtime;
  private final JdbcClient jdbc;
  private final TransactionTemplate transaction;
  private final ObjectMapper json;

  HandoffStarter(RuntimeService runtime, JdbcClient jdbc, TransactionTemplate transaction, ObjectMapper json) {
    this.runtime = runtime;
    this.jdbc = jdbc;
    this.transaction = transaction;
    this.json = json;
  }

  @Override
  public Started start(DealWon deal) {
    String businessKey = deal.businessKey();
    String variable = serialize(deal);
    return WHILE_CLAIM_UNDECIDED.execute(attempt -> {
      try {
        String id = transaction.execute(status -> create(deal, businessKey, variable));
        log.info("Handoff {} started for deal {} (account {})", id, businessKey, deal.accountId());
        return new Started(Outcome.CREATED, businessKey, id);
      } catch (DuplicateKeyException | TransientDataAccessException taken) {
        // Another transaction holds or has committed this deal. Once committed it names the instance;
        // if it is still running (H2 may fail the insert without waiting) or rolled back, try again.
        Optional<String> existing = existing(businessKey);
        if (existing.isPresent()) {
          log.info("Deal {} already has handoff {}: nothing started", businessKey, existing.get());
          return new Started(Outcome.DUPLICATE, businessKey, existing.get());
        }
        throw taken;
      }
    }, exhausted -> {
      throw new IllegalStateException("Deal " + businessKey + " is being started by another request that "
          + "neither committed nor rolled back within " + WAIT_FOR_CONCURRENT_START.toSeconds() + " s",
          exhausted.getLastThrowable());
    });
  }

  /** The handoff instance of a deal, once its start has committed. */
  public Optional<String> existing(String businessKey) {
    return jdbc.sql("select process_instance_id from baton_handoff_deal where business_key = ?")
        .param(businessKey).query(String.class).optional();
  }

  private String create(DealWon deal, String businessKey, String variable) {
    var variables = Variables.createVariables()
        .putValue("crm", deal.crm())
        .putValue("dealId", deal.dealId())
        .putValueTyped("deal", SpinValues.jsonValue(variable).create());
    String id = WithoutAuthorization.call(() ->
        runtime.startProcessInstanceByKey(PROCESS_KEY, businessKey, variables).getId());
    // The claim on the deal, written once (an update of the row would make H2 fail waiting duplicates
    // with "concurrent update" instead of "duplicate key"); a duplicate rolls the start back.
    jdbc.sql("insert into baton_handoff_deal (business_key, crm, deal_id, process_instance_id, created_at) "
            + "values (?, ?, ?, ?, ?)")
        .params(businessKey, deal.crm(), deal.dealId(), id, Timestamp.from(Instant.now())).update();
    return id;
  }

  private String serialize(DealWon deal) {
    try {
      return json.writeValueAsString(deal);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Deal " + deal.businessKey() + " cannot be written as JSON", e);
    }
  }
}
