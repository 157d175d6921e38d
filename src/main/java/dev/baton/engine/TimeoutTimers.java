package dev.baton.engine;

import java.util.Date;
import java.util.Optional;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.impl.jobexecutor.TimerTaskListenerJobHandler;
import org.camunda.bpm.engine.impl.persistence.entity.ExecutionEntity;
import org.camunda.bpm.engine.impl.persistence.entity.TimerEntity;

/**
 * The timer of a task's timeout listener (see {@link UserTaskListeners}), read and moved inside the
 * task's own command: it was created in that command, so no job query can see it yet.
 */
public final class TimeoutTimers {

  private TimeoutTimers() {}

  /** When the task's timeout listener {@code timeoutId} fires, if its timer exists. */
  public static Optional<Date> dueDate(DelegateTask task, String timeoutId) {
    return timer(task, timeoutId).map(TimerEntity::getDuedate);
  }

  /** Moves the timer to {@code due}; true if there was a timer and its date changed. */
  public static boolean moveTo(DelegateTask task, String timeoutId, Date due) {
    Optional<TimerEntity> timer = timer(task, timeoutId)
        .filter(t -> t.getDuedate() == null || t.getDuedate().getTime() != due.getTime());
    timer.ifPresent(t -> t.setDuedate(due));
    return timer.isPresent();
  }

  private static Optional<TimerEntity> timer(DelegateTask task, String timeoutId) {
    if (!(task.getExecution() instanceof ExecutionEntity execution)) {
      return Optional.empty();
    }
    return execution.getJobs().stream()
        .filter(TimerEntity.class::isInstance).map(TimerEntity.class::cast)
        .filter(job -> TimerTaskListenerJobHandler.TYPE.equals(job.getJobHandlerType()))
        .filter(job -> job.getJobHandlerConfigurationRaw() != null
            && job.getJobHandlerConfigurationRaw().endsWith(timeoutId))
        .findFirst();
  }
}
