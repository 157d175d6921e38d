package dev.baton.handoff;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.baton.crm.DealHandoff;
import dev.baton.crm.DealWon;
import dev.baton.engine.WithoutAuthorization;
import dev.baton.schema.InsertUnlessPresent;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.variable.Variables;
import org.camunda.spin.plugin.variable.SpinValues;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Starts the Sales-to-CS handoff of a won deal exactly once per deal. The process start (which only writes the
 * instance and its first job: the process continues asynchronously) and the deal's claim, its business key in
 * {@code baton_handoff_deal} (primary key), are one transaction. The claim is inserted unless present
 * ({@link InsertUnlessPresent}): a second start of the same deal, sequential or concurrent (it waits for the
 * first transaction to end), inserts nothing, rolls its own start back and answers the existing instance. The
 * method returns after the commit, so a caller that reports "created" reports a committed instance.
 */
@Component
public class HandoffStarter implements DealHandoff {

  public static final String PROCESS_KEY = "SalesToCsHandoff";
  private static final Logger log = LoggerFactory.getLogger(HandoffStarter.class);

  private final RuntimeService runtime;
  private final JdbcClient jdbc;
  private final InsertUnlessPresent insertUnlessPresent;
  private final TransactionTemplate transaction;
  private final ObjectMapper json;

  HandoffStarter(RuntimeService runtime, JdbcClient jdbc, InsertUnlessPresent insertUnlessPresent,
      TransactionTemplate transaction, ObjectMapper json) {
    this.runtime = runtime;
    this.jdbc = jdbc;
    this.insertUnlessPresent = insertUnlessPresent;
    this.transaction = transaction;
    this.json = json;
  }

  @Override
  public Started start(DealWon deal) {
    String businessKey = deal.businessKey();
    String variable = serialize(deal);
    Optional<String> created = transaction.execute(status -> {
      Optional<String> id = create(deal, businessKey, variable);
      if (id.isEmpty()) {
        status.setRollbackOnly();
      }
      return id;
    });
    if (created.isPresent()) {
      log.info("Handoff {} started for deal {} (account {})", created.get(), businessKey, deal.accountId());
      return new Started(Outcome.CREATED, businessKey, created.get());
    }
    // The claim was committed by another start of the deal before this one's insert ended: it names the instance.
    String existing = existing(businessKey).orElseThrow(() -> new IllegalStateException(
        "Deal " + businessKey + " was claimed by another start, whose claim is gone"));
    log.info("Deal {} already has handoff {}: nothing started", businessKey, existing);
    return new Started(Outcome.DUPLICATE, businessKey, existing);
  }

  /** The handoff instance of a deal, once its start has committed. */
  public Optional<String> existing(String businessKey) {
    return jdbc.sql("select process_instance_id from baton_handoff_deal where business_key = ?")
        .param(businessKey).query(String.class).optional();
  }

  /** Starts the handoff and claims the deal for it; empty (to be rolled back) if the deal was claimed already. */
  private Optional<String> create(DealWon deal, String businessKey, String variable) {
    var variables = Variables.createVariables()
        .putValue("crm", deal.crm())
        .putValue("dealId", deal.dealId())
        .putValueTyped("deal", SpinValues.jsonValue(variable).create());
    String id = WithoutAuthorization.call(() ->
        runtime.startProcessInstanceByKey(PROCESS_KEY, businessKey, variables).getId());
    // The claim on the deal, written once and never updated (a waiting duplicate then meets a committed row).
    boolean claimed = insertUnlessPresent.into("baton_handoff_deal",
        "business_key, crm, deal_id, process_instance_id, created_at",
        businessKey, deal.crm(), deal.dealId(), id, Timestamp.from(Instant.now()));
    return claimed ? Optional.of(id) : Optional.empty();
  }

  private String serialize(DealWon deal) {
    try {
      return json.writeValueAsString(deal);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Deal " + deal.businessKey() + " cannot be written as JSON", e);
    }
  }
}
