package dev.baton.onboarding;

import dev.baton.engine.WithoutAuthorization;
import dev.baton.health.UsageMeasured;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.variable.Variables;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * A recorded health signal whose usage shows adoption ({@link AdoptionRule}) ends the account's digital
 * onboarding's wait (message {@value #MESSAGE}), in the signal's transaction. No onboarding waiting (none runs,
 * or it is elsewhere) is no error: the signal is simply health's. The launch itself is its own job (the model's
 * asynchronous join), so the signal's request commits only the signal and the message.
 */
@Component
class AdoptionSignals {

  static final String MESSAGE = "AdoptionReached";
  private static final Logger log = LoggerFactory.getLogger(AdoptionSignals.class);

  private final RuntimeService runtime;
  private final AdoptionRule rule;

  AdoptionSignals(RuntimeService runtime, AdoptionRule rule) {
    this.runtime = runtime;
    this.rule = rule;
  }

  @EventListener
  public void measured(UsageMeasured usage) {
    if (!rule.shown(usage)) {
      return;
    }
    int ended = WithoutAuthorization.call(() -> runtime.createMessageCorrelation(MESSAGE)
        .processInstanceBusinessKey(usage.accountId())
        .setVariables(Variables.createVariables().putValue("adoptionShown", true)
            .putValue("latestUsage", rule.describe(usage)))
        .correlateAllWithResult().size());
    if (ended > 0) {
      log.info("Account {}: usage shows adoption ({}); its onboarding launches", usage.accountId(), rule.describe(usage));
    }
  }
}
