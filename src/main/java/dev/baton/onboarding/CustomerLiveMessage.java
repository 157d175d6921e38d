package dev.baton.onboarding;

import dev.baton.account.Accounts;
import java.time.LocalDate;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/**
 * The message end event "Customer live" (message CustomerLive): publishes {@link OnboardingLaunched},
 * from which renewal preparation starts by its message start event. Its own job (asynchronous before),
 * so the CSM's "Confirm the customer is live" commits only their work and the launch's record; the event
 * is handled inside this job's transaction, so a failing start is retried, then an incident.
 */
@Component("customerLiveMessage")
public class CustomerLiveMessage implements JavaDelegate {

  private final Accounts accounts;
  private final ApplicationEventPublisher events;

  CustomerLiveMessage(Accounts accounts, ApplicationEventPublisher events) {
    this.accounts = accounts;
    this.events = events;
  }

  @Override
  public void execute(DelegateExecution execution) {
    String accountId = (String) execution.getVariable("accountId");
    events.publishEvent(new OnboardingLaunched(accountId, execution.getProcessInstanceId(),
        renewalDate(execution, accountId), text(execution.getVariable("customerContactName")),
        text(execution.getVariable("customerContactEmail"))));
  }

  /** The handoff's renewal date, else the account's. */
  private LocalDate renewalDate(DelegateExecution execution, String accountId) {
    LocalDate fromHandoff = HandoffData.date(execution.getVariable("renewalDate"));
    if (fromHandoff != null) {
      return fromHandoff;
    }
    return accounts.find(accountId).map(a -> a.renewalDate()).orElse(null);
  }

  private static String text(Object value) {
    return value == null || value.toString().isBlank() ? null : value.toString();
  }
}
