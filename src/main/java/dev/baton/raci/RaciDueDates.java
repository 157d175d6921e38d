package dev.baton.raci;

import dev.baton.engine.DueDateCalendar;
import java.util.Date;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.springframework.stereotype.Component;

/**
 * A user task's due date: the model's {@code camunda:dueDate} (a date, an ISO-8601 date string or a
 * duration such as {@code P3D}), else the configured default for the task's responsible role.
 */
@Component
class RaciDueDates {

  private final RaciSettings settings;

  RaciDueDates(RaciSettings settings) {
    this.settings = settings;
  }

  Date dueDate(RaciTaskModel task, VariableScope scope) {
    if (task.modelDueDate() != null) {
      Object value = task.modelDueDate().getValue(scope);
      if (value instanceof Date date) {
        return date;
      }
      if (value instanceof String text && !text.isBlank()) {
        return DueDateCalendar.resolve(text);
      }
      if (value != null) {
        throw new ProcessEngineException("camunda:dueDate of user task " + task.taskId() + " is a "
            + value.getClass().getSimpleName() + "; it must be a date, an ISO-8601 date or a duration like P2D");
      }
    }
    return DueDateCalendar.resolve(settings.dueFor(task.raci().responsible()));
  }
}
