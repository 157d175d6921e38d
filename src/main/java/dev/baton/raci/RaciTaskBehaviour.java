package dev.baton.raci;

import dev.baton.account.Accounts;
import dev.baton.tasklist.TasklistFilters;
import dev.baton.engine.TimeoutTimers;
import java.util.Date;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * What RACI does on a user task's events: assigns it on creation (R), keeps the due-date timer in step
 * with the task's due date, marks it escalated when that date passes, and has RaciMails tell people.
 * Runs inside the engine's transaction of the event, so nothing here may fail the person's work for
 * a mail: mails are only queued (MailOutbox).
 */
@Component
class RaciTaskBehaviour {

  /** Task-local variable set to true when the task passed its due date (Tasklist filter "Escalated"). */
  static final String ESCALATED = "escalated";
  /** The identity link naming the account's holder of the task's accountable role. */
  static final String ACCOUNTABLE_LINK = "accountable";
  /** The process variable naming the account whose team the roles are resolved against. */
  static final String ACCOUNT_ID = "accountId";
  private static final Logger log = LoggerFactory.getLogger(RaciTaskBehaviour.class);

  private final Accounts accounts;
  private final RaciDueDates dueDates;
  private final RaciMails mails;

  RaciTaskBehaviour(Accounts accounts, RaciDueDates dueDates, RaciMails mails) {
    this.accounts = accounts;
    this.dueDates = dueDates;
    this.mails = mails;
  }

  void created(RaciTaskModel model, DelegateTask task) {
    String accountId = accountId(task);
    String role = model.raci().responsible();
    // An explicit camunda:assignee / candidate in the model wins over the RACI assignment.
    if (!model.modelCandidates()) {
      task.addCandidateGroup(role);
    }
    if (!model.modelAssignee() && task.getAssignee() == null) {
      accounts.teamMember(accountId, role).ifPresent(task::setAssignee);
    }
    // Who answers for the step sees it in Tasklist ("Late in my team", "Escalated to me"); the link grants no work.
    String accountable = model.raci().accountable();
    if (accountable != null && accountId != null) {
      accounts.teamMember(accountId, accountable).filter(user -> !user.equals(task.getAssignee()))
          .ifPresent(user -> task.addUserIdentityLink(user, ACCOUNTABLE_LINK));
    }
    if (task.getDueDate() == null) {
      task.setDueDate(TimeoutTimers.dueDate(task, RaciUserTasks.DUE_LISTENER_ID)
          .orElseGet(() -> dueDates.dueDate(model, task.getExecution())));
    } else {
      // camunda:dueDate was evaluated twice (timer, task) a moment apart: the task's date is the one.
      moveTimerTo(task.getDueDate(), task);
    }
    showOnTaskCard(task);
    log.info("Task '{}' ({}) of account {} is for {}: assigned to {}, due {}", model.displayTaskName(),
        task.getId(), accountId, role, task.getAssignee() == null ? "the group " + role : task.getAssignee(),
        task.getDueDate());
    mails.consulted(model, task, accountId);
  }

  /**
   * Tasklist shows the account on each card from the task's variables. Baton's staff may read process
   * variables (see engine.WorkOnlyTaskAuthorizations); the copy on the task keeps the card right where an
   * operator narrows that to Camunda's per-task READ.
   */
  private static void showOnTaskCard(DelegateTask task) {
    for (String name : TasklistFilters.CARD_VARIABLE_NAMES) {
      Object value = task.getVariable(name);
      if (value != null) {
        task.setVariableLocal(name, value);
      }
    }
  }

  /** A due date changed in Tasklist moves the escalation timer with it. */
  void updated(RaciTaskModel model, DelegateTask task) {
    Date due = task.getDueDate();
    if (due != null && moveTimerTo(due, task)) {
      log.info("Task '{}' ({}) of account {} now due {}: escalation timer moved", model.displayTaskName(),
          task.getId(), accountId(task), due);
    }
  }

  private static boolean moveTimerTo(Date due, DelegateTask task) {
    return TimeoutTimers.moveTo(task, RaciUserTasks.DUE_LISTENER_ID, due);
  }

  void completed(RaciTaskModel model, DelegateTask task) {
    mails.completed(model, task, accountId(task));
  }

  /** The timer job fired: the task is overdue. Runs once per task (a timer job, exclusive). */
  void due(RaciTaskModel model, DelegateTask task) {
    String accountId = accountId(task);
    task.setVariableLocal(ESCALATED, true);
    log.warn("Task '{}' ({}) of account {} passed its due date {}: escalated to {}", model.displayTaskName(),
        task.getId(), accountId, task.getDueDate(), model.raci().accountable());
    mails.overdue(model, task, accountId);
  }

  private static String accountId(DelegateTask task) {
    Object value = task.getVariable(ACCOUNT_ID);
    return value == null ? null : value.toString();
  }
}
