package dev.baton.onboarding;

import dev.baton.account.Accounts;
import dev.baton.health.LatestUsage;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * "Check the latest usage" before a digital onboarding waits for adoption: a signal recorded before the wait
 * began counts too. The account's row is locked first, as recording a signal does, so a signal arriving now
 * is either read here or finds the wait committed ({@link AdoptionSignals}): none slips between.
 * {@code ${adoptionWait.check(execution)}} sets {@code adoptionShown} and {@code latestUsage}.
 */
@Component("adoptionWait")
public class AdoptionWait {

  private static final Logger log = LoggerFactory.getLogger(AdoptionWait.class);

  private final Accounts accounts;
  private final LatestUsage usage;
  private final AdoptionRule rule;

  AdoptionWait(Accounts accounts, LatestUsage usage, AdoptionRule rule) {
    this.accounts = accounts;
    this.usage = usage;
    this.rule = rule;
  }

  public void check(DelegateExecution execution) {
    String accountId = (String) execution.getVariable("accountId");
    accounts.lock(accountId);
    var latest = usage.of(accountId);
    boolean shown = latest.map(rule::shown).orElse(false);
    execution.setVariable("adoptionShown", shown);
    execution.setVariable("latestUsage", latest.map(rule::describe).orElse("no usage reported yet"));
    log.info("Account {}: usage {} adoption before the wait ({})", accountId, shown ? "already shows" : "does not show yet",
        execution.getVariable("latestUsage"));
  }
}
