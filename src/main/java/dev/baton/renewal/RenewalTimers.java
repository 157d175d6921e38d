package dev.baton.renewal;

import dev.baton.engine.WithoutAuthorization;
import java.util.List;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.management.JobDefinition;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.task.Task;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * "Move the pending steps to the new date" (event subprocess "Renewal date moved"): every pending
 * timer of the instance whose expression uses {@code renewalDate} is evaluated again with the new date
 * ({@code ManagementService.recalculateJobDuedate}); timers already fired are gone, so completed steps
 * stay done. Other timers (the survey's answer wait, RACI due dates) are left alone. An open task due on
 * the renewal date (the customer's decision) gets the new date, and its RACI reminder moves with it.
 */
@Component("renewalTimers")
public class RenewalTimers {

  static final String DECISION_TASK = "Task_RecordDecision";
  private static final Logger log = LoggerFactory.getLogger(RenewalTimers.class);

  private final ManagementService management;
  private final TaskService tasks;
  private final RenewalDates dates;

  RenewalTimers(ManagementService management, TaskService tasks, RenewalDates dates) {
    this.management = management;
    this.tasks = tasks;
    this.dates = dates;
  }

  public void move(DelegateExecution execution) {
    String processInstanceId = execution.getProcessInstanceId();
    Object renewalDate = execution.getVariable("renewalDate");
    int moved = WithoutAuthorization.call(() -> {
      int count = 0;
      List<Job> timers = management.createJobQuery().processInstanceId(processInstanceId).timers().list();
      for (Job timer : timers) {
        if (followsRenewalDate(timer)) {
          management.recalculateJobDuedate(timer.getId(), false);
          count++;
        }
      }
      for (Task task : tasks.createTaskQuery().processInstanceId(processInstanceId)
          .taskDefinitionKey(DECISION_TASK).list()) {
        task.setDueDate(dates.on(renewalDate));
        tasks.saveTask(task);
      }
      return count;
    });
    execution.setVariable("timersMoved", moved);
    log.info("Account {}: renewal date now {}, {} pending step(s) of renewal preparation {} moved",
        execution.getVariable("accountId"), renewalDate, moved, processInstanceId);
  }

  private boolean followsRenewalDate(Job timer) {
    if (timer.getJobDefinitionId() == null) {
      return false;
    }
    JobDefinition definition = management.createJobDefinitionQuery().jobDefinitionId(timer.getJobDefinitionId())
        .singleResult();
    return definition != null && definition.getJobConfiguration() != null
        && definition.getJobConfiguration().contains("renewalDate");
  }
}
