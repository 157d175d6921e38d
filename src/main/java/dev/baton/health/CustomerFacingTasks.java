package dev.baton.health;

import dev.baton.calendar.BusinessTime;
import dev.baton.engine.DeclaredUserTask;
import dev.baton.engine.UserTaskExtension;
import dev.baton.engine.UserTaskListeners;
import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * User tasks that are customer contacts: a process owner marks one in Modeler with the extension property
 * {@code health.touch} whose value says what the contact is ("kickoff meeting", "value review"); completing
 * the task records it as the account's last touch for engagement (docs/health.md, "Baton's own touches").
 * No Java per step: every deployed user task is read once, like RACI's properties.
 */
@Component
class CustomerFacingTasks implements UserTaskExtension {

  static final String PROPERTY = "health.touch";
  private static final Logger log = LoggerFactory.getLogger(CustomerFacingTasks.class);

  private final BusinessTime time;
  // HealthSignals needs engine services, which need this extension: it is looked up when a task completes.
  private final ObjectProvider<HealthSignals> health;

  CustomerFacingTasks(BusinessTime time, ObjectProvider<HealthSignals> health) {
    this.time = time;
    this.health = health;
  }

  @Override
  public List<String> problems(DeclaredUserTask task) {
    String what = task.properties().get(PROPERTY);
    if (what == null) {
      return List.of();
    }
    if (what.isBlank() || what.strip().length() > 200 || "true".equalsIgnoreCase(what.strip())) {
      return List.of("has " + PROPERTY + " '" + what + "'; say what the customer contact is as staff should read it "
          + "(up to 200 characters), e.g. 'kickoff meeting'");
    }
    return List.of();
  }

  @Override
  public UserTaskListeners listeners(DeclaredUserTask task) {
    String what = task.properties().get(PROPERTY);
    if (what == null) {
      return new UserTaskListeners(null, null, null, null, null, null);
    }
    return new UserTaskListeners(null, null, completed -> touched(completed, what.strip()), null, null, null);
  }

  private void touched(DelegateTask task, String what) {
    Object accountId = task.getVariable("accountId");
    String account = accountId != null ? accountId.toString() : task.getExecution().getProcessBusinessKey();
    if (account == null) {
      log.warn("Task {} ({}) is a customer contact but its process names no account (variable accountId or "
          + "business key): no touch recorded", task.getTaskDefinitionKey(), task.getProcessDefinitionId());
      return;
    }
    health.getObject().recordTouch(account, time.now(), what);
  }
}
