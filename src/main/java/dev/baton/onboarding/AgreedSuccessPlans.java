package dev.baton.onboarding;

import dev.baton.successplan.AgreedPlans;
import java.util.Optional;
import org.springframework.stereotype.Component;

/** The plan confirmed at onboarding, as the living success plan's version 1 for accounts launched before it was kept. */
@Component
class AgreedSuccessPlans implements AgreedPlans {

  private final Onboardings onboardings;

  AgreedSuccessPlans(Onboardings onboardings) {
    this.onboardings = onboardings;
  }

  @Override
  public Optional<String> agreedPlan(String accountId) {
    return onboardings.confirmedPlan(accountId);
  }
}
