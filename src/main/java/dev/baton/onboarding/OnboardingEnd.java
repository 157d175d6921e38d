package dev.baton.onboarding;

import dev.baton.account.Accounts;
import dev.baton.customer.CustomerLinks;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * An onboarding that ends before the launch: the account churned (message {@code AccountChurned}, see
 * {@link dev.baton.account.ChurnedAccountProcesses}). {@code ${onboardingEnd.churned(execution)}}.
 */
@Component("onboardingEnd")
public class OnboardingEnd {

  private static final Logger log = LoggerFactory.getLogger(OnboardingEnd.class);

  private final Onboardings onboardings;
  private final Accounts accounts;
  private final CustomerLinks links;

  OnboardingEnd(Onboardings onboardings, Accounts accounts, CustomerLinks links) {
    this.onboardings = onboardings;
    this.accounts = accounts;
    this.links = links;
  }

  /** Closes the onboarding's row as churned, marks the account, and ends the customer's open links. */
  public void churned(DelegateExecution execution) {
    String accountId = (String) execution.getVariable("accountId");
    execution.setVariable("onboardingOutcome", "churned");
    onboardings.end(execution.getProcessInstanceId(), "churned", null);
    accounts.markOnboardingChurned(accountId);
    links.withdraw(execution.getProcessInstanceId(), SuccessPlanConfirmation.MESSAGE);
    log.info("Account {} churned: onboarding {} ends before the launch", accountId, execution.getProcessInstanceId());
  }
}
