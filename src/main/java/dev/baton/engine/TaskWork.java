package dev.baton.engine;

import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.impl.cfg.CommandChecker;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.persistence.entity.AttachmentEntity;
import org.camunda.bpm.engine.impl.persistence.entity.TaskEntity;

/**
 * Commenting on a task, attaching a file to it and deleting its attachments are work on the task, allowed
 * to whoever may work it: RACI's per-task grant, as for claiming and completing. Camunda's own commands
 * for these check no permission at all (editing and deleting a comment do: TASK_WORK), so every member of
 * any role could write on every task; this asks Camunda's question for task work before them.
 */
final class TaskWork {

  /**
   * Throws AuthorizationException unless the current user may work on the task, and, if the call also
   * names a process instance other than the task's, update that instance. A call naming only a process
   * instance needs UPDATE on it (as deleting its comments does).
   */
  void require(CommandContext context, String taskId, String processInstanceId) {
    if (CheckedUser.of(context).isEmpty()) {
      return;
    }
    if (taskId != null) {
      TaskEntity task = context.getTaskManager().findTaskById(taskId);
      if (task == null) {
        throw new AuthorizationException("The user '" + context.getAuthenticatedUserId() + "' may not comment on or "
            + "attach to task '" + taskId + "': it is not open, and only the people working an open task may.");
      }
      checkers(context).forEach(checker -> checker.checkTaskWork(task));
      if (processInstanceId == null || processInstanceId.equals(task.getProcessInstanceId())) {
        return;
      }
    }
    if (processInstanceId != null) {
      checkers(context).forEach(checker -> checker.checkUpdateProcessInstanceById(processInstanceId));
    }
  }

  /** As {@link #require}, for the task or process instance that holds the attachment (if it exists). */
  void requireForAttachment(CommandContext context, String attachmentId) {
    AttachmentEntity attachment = attachmentId == null ? null
        : context.getDbEntityManager().selectById(AttachmentEntity.class, attachmentId);
    if (attachment != null) {
      require(context, attachment.getTaskId(), attachment.getProcessInstanceId());
    }
  }

  private static Iterable<CommandChecker> checkers(CommandContext context) {
    return context.getProcessEngineConfiguration().getCommandCheckers();
  }
}
