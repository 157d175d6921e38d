package dev.baton.successplan;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.baton.account.Accounts;
import dev.baton.calendar.BusinessTime;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The living success plan (docs/lifecycle.md#the-living-success-plan): each account's plan as numbered
 * versions, the newest being the current plan. Onboarding records version 1 when the customer confirms the
 * plan; each business review records the next. An account whose plan was agreed before versions were kept
 * gets it as version 1 from {@link AgreedPlans} the first time it is read.
 */
@Component
public class SuccessPlanVersions {

  public static final String ONBOARDING = "onboarding";
  public static final String BUSINESS_REVIEW = "business-review";
  public static final String VALUE_REVIEW = "value-review";
  private static final Logger log = LoggerFactory.getLogger(SuccessPlanVersions.class);

  private final SuccessPlanVersionStore store;
  private final Accounts accounts;
  private final ObjectProvider<AgreedPlans> agreed;
  private final BusinessTime time;
  private final ObjectMapper json;
  private final TransactionTemplate transaction;

  SuccessPlanVersions(SuccessPlanVersionStore store, Accounts accounts, ObjectProvider<AgreedPlans> agreed,
      BusinessTime time, ObjectMapper json, TransactionTemplate transaction) {
    this.store = store;
    this.accounts = accounts;
    this.agreed = agreed;
    this.time = time;
    this.json = json;
    this.transaction = transaction;
  }

  /** Records the plan as the account's next version and returns it (joins the caller's transaction). */
  public SuccessPlanVersion record(String accountId, JsonNode plan, String source, String recordedBy) {
    // The account's row lock numbers two recordings for one account one after the other.
    accounts.lock(accountId);
    int version = store.latestVersion(accountId) + 1;
    var now = time.now();
    store.insert(accountId, version, plan.toString(), now, source, recordedBy);
    log.info("Success plan of account {}: version {} recorded ({}, by {})", accountId, version, source, recordedBy);
    return new SuccessPlanVersion(accountId, version, now, source, recordedBy, plan);
  }

  /** The current plan: the newest version, else the plan agreed at onboarding (then kept as version 1). */
  public Optional<SuccessPlanVersion> current(String accountId) {
    return history(accountId).stream().findFirst();
  }

  /** Every version, newest first (the first is the current plan). */
  public List<SuccessPlanVersion> history(String accountId) {
    List<SuccessPlanVersion> versions = read(accountId);
    if (versions.isEmpty() && agreedBefore(accountId)) {
      versions = read(accountId);
    }
    return versions;
  }

  /** The onboarding's confirmed plan of an account without versions becomes its version 1. */
  private boolean agreedBefore(String accountId) {
    AgreedPlans plans = agreed.getIfAvailable();
    Optional<String> plan = plans == null ? Optional.empty() : plans.agreedPlan(accountId);
    if (plan.isEmpty()) {
      return false;
    }
    return Boolean.TRUE.equals(transaction.execute(status -> {
      accounts.lock(accountId);
      if (store.latestVersion(accountId) > 0) {
        return true; // another reader recorded it meanwhile
      }
      record(accountId, parse(plan.get()), ONBOARDING, "agreed at onboarding");
      return true;
    }));
  }

  private List<SuccessPlanVersion> read(String accountId) {
    return store.all(accountId).stream().map(row -> new SuccessPlanVersion(accountId, row.version(), row.recordedAt(),
        row.source(), row.recordedBy(), parse(row.plan()))).toList();
  }

  private JsonNode parse(String plan) {
    try {
      return json.readTree(plan);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("A stored success plan is not JSON", e);
    }
  }
}
