package dev.baton.drills;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.model.bpmn.instance.BaseElement;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaFailedJobRetryTimeCycle;

/**
 * The backoff the engine gives failed jobs (camunda.bpm ... failed-job-retry-time-cycle, e.g.
 * PT30S,PT2M,PT5M,PT15M): the waits after the first, second, ... failure; after the last wait comes the
 * last attempt, and its failure is an incident. Read from the running engine, so a drill checks what is
 * configured, not a copy of it; a task may set its own (MailDelivery's Task_SendMail does).
 */
record RetrySchedule(List<Duration> waits) {

  static RetrySchedule of(ProcessEngine engine) {
    return parse(((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration()).getFailedJobRetryTimeCycle());
  }

  /** The schedule a task of the deployed model sets for itself (camunda:failedJobRetryTimeCycle). */
  static RetrySchedule of(ProcessEngine engine, String processKey, String activityId) {
    RepositoryService repository = engine.getRepositoryService();
    String definition = repository.createProcessDefinitionQuery().processDefinitionKey(processKey).latestVersion()
        .singleResult().getId();
    BaseElement task = repository.getBpmnModelInstance(definition).getModelElementById(activityId);
    return parse(task.getExtensionElements().getElementsQuery().filterByType(CamundaFailedJobRetryTimeCycle.class)
        .singleResult().getTextContent());
  }

  private static RetrySchedule parse(String cycle) {
    return new RetrySchedule(Arrays.stream(cycle.split(",")).map(String::trim).map(Duration::parse).toList());
  }

  /** Attempts before the incident: the first one and one after each wait. */
  int attempts() {
    return waits.size() + 1;
  }

  /** The wait after the n-th failed attempt (1-based). */
  Duration waitAfter(int failures) {
    return waits.get(failures - 1);
  }

  /** From the first attempt to the last one. */
  Duration untilLastAttempt() {
    return waits.stream().reduce(Duration.ZERO, Duration::plus);
  }
}
