package dev.baton.raci;

import org.camunda.bpm.engine.delegate.Expression;

/**
 * One user task as the RACI mechanism sees it: where it is, its roles, and what the model itself
 * already says about assignment and due date (which then wins over the RACI defaults).
 */
record RaciTaskModel(String processKey, String processName, String taskId, String taskName, String documentation,
    RaciTask raci, boolean modelAssignee, boolean modelCandidates, Expression modelDueDate) {

  String displayTaskName() {
    return taskName == null || taskName.isBlank() ? taskId : taskName;
  }

  String displayProcessName() {
    return processName == null || processName.isBlank() ? processKey : processName;
  }
}
