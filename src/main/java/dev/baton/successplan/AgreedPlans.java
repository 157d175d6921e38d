package dev.baton.successplan;

import java.util.Optional;

/**
 * The plan agreed at onboarding, for accounts whose plan was confirmed before versions were kept: it becomes
 * their version 1 on first read, so no account loses its plan. Implemented by the onboarding module (which
 * owns the table the plan was kept in), so this module does not depend on it.
 */
public interface AgreedPlans {

  /** The confirmed plan (JSON with objectives and milestones) of the account's latest onboarding, if any. */
  Optional<String> agreedPlan(String accountId);
}
