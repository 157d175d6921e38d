package dev.baton.handoff;

import java.util.HashMap;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/**
 * "Hand the account to onboarding": publishes {@link HandoffCompleted} with all the handoff's variables,
 * synchronously inside the engine transaction (a failing listener rolls the step back and the job or
 * task completion fails visibly instead of losing the handoff).
 */
@Component("handoffEvents")
public class HandoffEvents {

  private static final Logger log = LoggerFactory.getLogger(HandoffEvents.class);

  private final ApplicationEventPublisher events;

  HandoffEvents(ApplicationEventPublisher events) {
    this.events = events;
  }

  public void completed(DelegateExecution execution) {
    String accountId = (String) execution.getVariable(HandoffVariables.ACCOUNT_ID);
    // Unset values (e.g. no industry from a generic CRM) are left out: the event's map holds no nulls.
    Map<String, Object> variables = new HashMap<>();
    execution.getVariables().forEach((name, value) -> {
      if (value != null) {
        variables.put(name, value);
      }
    });
    events.publishEvent(new HandoffCompleted(accountId, execution.getProcessInstanceId(), variables));
    log.info("Handoff of account {} completed ({}): HandoffCompleted published", accountId,
        execution.getProcessInstanceId());
  }
}
