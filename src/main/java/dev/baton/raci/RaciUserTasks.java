package dev.baton.raci;

import dev.baton.engine.DeclaredUserTask;
import dev.baton.engine.UserTaskExtension;
import dev.baton.engine.UserTaskListeners;
import dev.baton.identity.RoleCatalogue;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Gives every user task of every deployed BPMN its RACI behaviour, from the task's extension properties
 * alone: checks the roles (a broken task fails the deployment), and adds create, update and complete
 * listeners plus a timeout listener at the task's due date, exactly as if the model declared
 * {@code <camunda:taskListener event="timeout">} with a timer at that date (docs/raci.md).
 */
@Component
class RaciUserTasks implements UserTaskExtension {

  /** The id of the timeout listener (and the suffix of its timer job's configuration). */
  static final String DUE_LISTENER_ID = "baton-raci-due";

  private final RoleCatalogue roles;
  private final RaciDueDates dueDates;
  private final ObjectProvider<RaciTaskBehaviour> behaviour;

  // The behaviour needs engine services, which need this extension: it is looked up when a task runs.
  RaciUserTasks(RoleCatalogue roles, RaciDueDates dueDates, ObjectProvider<RaciTaskBehaviour> behaviour) {
    this.roles = roles;
    this.dueDates = dueDates;
    this.behaviour = behaviour;
  }

  @Override
  public List<String> problems(DeclaredUserTask task) {
    return RaciTask.from(task.properties()).problems(roles.ids());
  }

  @Override
  public UserTaskListeners listeners(DeclaredUserTask task) {
    RaciTaskModel model = new RaciTaskModel(task.processKey(), task.processName(), task.taskId(), task.taskName(),
        task.documentation(), RaciTask.from(task.properties()), task.modelAssignee(), task.modelCandidates(),
        task.modelDueDate());
    return new UserTaskListeners(
        t -> behaviour.getObject().created(model, t),
        t -> behaviour.getObject().updated(model, t),
        t -> behaviour.getObject().completed(model, t),
        DUE_LISTENER_ID,
        t -> behaviour.getObject().due(model, t),
        new RaciDueDateExpression(model, dueDates));
  }
}
