package dev.baton.handoff;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/**
 * The message end event "Account handed over to CS" (message AccountHandedOver): publishes
 * {@link HandoffCompleted}, from which onboarding starts by its message start event. It runs as its own
 * job (asynchronous before), so the sales rep's last step commits only their work; the event is handled
 * synchronously inside this job's transaction, so a failing start fails the job visibly (retries, then an
 * incident) and nothing is lost. A retried job starts no second onboarding (OnboardingStarter checks).
 */
@Component("accountHandOver")
public class AccountHandOver implements JavaDelegate {

  /** Name of the BPMN message between SalesToCsHandoff and OnboardingKickoff. */
  public static final String MESSAGE = "AccountHandedOver";
  private static final Logger log = LoggerFactory.getLogger(AccountHandOver.class);

  private final ApplicationEventPublisher events;

  AccountHandOver(ApplicationEventPublisher events) {
    this.events = events;
  }

  @Override
  public void execute(DelegateExecution execution) {
    String accountId = (String) execution.getVariable(HandoffVariables.ACCOUNT_ID);
    events.publishEvent(HandoffCompleted.of(accountId, execution.getProcessInstanceId(), execution.getVariables()));
    log.info("Handoff of account {} completed ({}): account handed over to CS", accountId,
        execution.getProcessInstanceId());
  }
}
