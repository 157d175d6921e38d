package dev.baton.account;

import dev.baton.engine.WithoutAuthorization;
import java.util.List;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.MessageCorrelationResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * The one place where churn reaches the processes: when an account churns ({@link AccountChurned},
 * published in the churning transaction, see docs/domain.md#offboarding), the message {@value #MESSAGE}
 * goes to every running instance whose business key is the account id and that waits for it. A process
 * joins by modelling that wait, with no code: an interrupting event subprocess started by the message
 * "Account churned" (OnboardingKickoff, RedHealthEscalation), or a message boundary event. Processes that
 * do not catch it carry on. Runs in the same transaction, so a failure rolls the churn back.
 */
@Component
public class ChurnedAccountProcesses {

  /** The BPMN message name a process catches to end (or react) when its account churns. */
  public static final String MESSAGE = "AccountChurned";
  /** The name red health escalations of earlier model versions still wait for. */
  static final String EARLIER_HEALTH_MESSAGE = "HealthAccountChurned";
  private static final Logger log = LoggerFactory.getLogger(ChurnedAccountProcesses.class);

  private final RuntimeService runtime;

  ChurnedAccountProcesses(RuntimeService runtime) {
    this.runtime = runtime;
  }

  @EventListener
  public void churned(AccountChurned event) {
    for (String message : List.of(MESSAGE, EARLIER_HEALTH_MESSAGE)) {
      List<MessageCorrelationResult> reached = WithoutAuthorization.call(() -> runtime
          .createMessageCorrelation(message).processInstanceBusinessKey(event.accountId()).correlateAllWithResult());
      for (MessageCorrelationResult result : reached) {
        log.info("Account {} churned: message {} reached process instance {}", event.accountId(), message,
            result.getExecution() == null ? "?" : result.getExecution().getProcessInstanceId());
      }
    }
  }
}
