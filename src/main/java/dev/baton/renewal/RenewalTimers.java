package dev.baton.renewal;

import dev.baton.engine.ModelExpressions;
import dev.baton.engine.WithoutAuthorization;
import java.util.Date;
import java.util.List;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.management.JobDefinition;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * "Move the pending steps to the new date" (event subprocess "Renewal date moved"): every pending
 * timer of the instance whose expression uses {@code renewalDate} is evaluated again with the new date
 * ({@code ManagementService.recalculateJobDuedate}); timers already fired are gone, so completed steps
 * stay done. Other timers (the survey's answer wait, RACI due dates) are left alone. Every open task whose
 * due date in the model uses {@code renewalDate} (the invitation to the value review, the customer's
 * decision) gets its due date evaluated again, and its RACI reminder moves with it.
 */
@Component("renewalTimers")
public class RenewalTimers {

  static final String RENEWAL_DATE = "renewalDate";
  private static final Logger log = LoggerFactory.getLogger(RenewalTimers.class);

  private final ManagementService management;
  private final TaskService tasks;

  RenewalTimers(ManagementService management, TaskService tasks) {
    this.management = management;
    this.tasks = tasks;
  }

  public void move(DelegateExecution execution) {
    String processInstanceId = execution.getProcessInstanceId();
    Object renewalDate = execution.getVariable(RENEWAL_DATE);
    int moved = WithoutAuthorization.call(() -> {
      int count = 0;
      List<Job> timers = management.createJobQuery().processInstanceId(processInstanceId).timers().list();
      for (Job timer : timers) {
        if (followsRenewalDate(timer)) {
          management.recalculateJobDuedate(timer.getId(), false);
          count++;
        }
      }
      for (Task task : tasks.createTaskQuery().processInstanceId(processInstanceId).list()) {
        Date due = dueDate(execution, task.getTaskDefinitionKey());
        if (due != null && !due.equals(task.getDueDate())) {
          task.setDueDate(due);
          tasks.saveTask(task);
          count++;
        }
      }
      return count;
    });
    execution.setVariable("timersMoved", moved);
    log.info("Account {}: renewal date now {}, {} pending step(s) of renewal preparation {} moved",
        execution.getVariable("accountId"), renewalDate, moved, processInstanceId);
  }

  /** The task's due date from the model, evaluated again, if the model computes it from the renewal date. */
  private static Date dueDate(DelegateExecution execution, String taskKey) {
    if (!(execution.getBpmnModelInstance().getModelElementById(taskKey) instanceof UserTask task)
        || task.getCamundaDueDate() == null || !task.getCamundaDueDate().contains(RENEWAL_DATE)) {
      return null;
    }
    Object value = ModelExpressions.evaluate(task.getCamundaDueDate(), execution);
    return value instanceof Date date ? date : null;
  }

  private boolean followsRenewalDate(Job timer) {
    if (timer.getJobDefinitionId() == null) {
      return false;
    }
    JobDefinition definition = management.createJobDefinitionQuery().jobDefinitionId(timer.getJobDefinitionId())
        .singleResult();
    return definition != null && definition.getJobConfiguration() != null
        && definition.getJobConfiguration().contains(RENEWAL_DATE);
  }
}
