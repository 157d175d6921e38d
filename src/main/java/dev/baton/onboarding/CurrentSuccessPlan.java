package dev.baton.onboarding;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The account's success plan as onboarding last kept it, in the words its mails use, for the processes that
 * walk a customer's newcomer through it (the new champion's confirmation, docs/lifecycle.md).
 */
@Component
public class CurrentSuccessPlan {

  private static final Logger log = LoggerFactory.getLogger(CurrentSuccessPlan.class);

  private final Onboardings onboardings;
  private final ObjectMapper json;

  CurrentSuccessPlan(Onboardings onboardings, ObjectMapper json) {
    this.onboardings = onboardings;
    this.json = json;
  }

  /** Objectives and milestones as text; empty when the account has no plan on file (or it cannot be read). */
  public Optional<String> summary(String accountId) {
    return onboardings.latestSuccessPlanOf(accountId).flatMap(plan -> {
      try {
        return Optional.of(SuccessPlans.summary(json.readTree(plan)));
      } catch (Exception unreadable) {
        log.warn("Account {}: its stored success plan cannot be read ({})", accountId, unreadable.getMessage());
        return Optional.empty();
      }
    });
  }
}
