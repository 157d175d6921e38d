package dev.baton.raci;

import org.camunda.bpm.engine.delegate.Expression;
import org.camunda.bpm.engine.delegate.VariableScope;

/** The date of a user task's due-date timer: evaluated when the task's scope starts (see RaciDueDates). */
final class RaciDueDateExpression implements Expression {

  /** What Cockpit shows as the timer's configuration. */
  static final String TEXT = "RACI due date";

  private final RaciTaskModel task;
  private final RaciDueDates dueDates;

  RaciDueDateExpression(RaciTaskModel task, RaciDueDates dueDates) {
    this.task = task;
    this.dueDates = dueDates;
  }

  @Override
  public Object getValue(VariableScope scope) {
    return dueDates.dueDate(task, scope);
  }

  @Override
  public void setValue(Object value, VariableScope scope) {
    throw new UnsupportedOperationException("A RACI due date cannot be assigned");
  }

  @Override
  public String getExpressionText() {
    return TEXT;
  }

  @Override
  public boolean isLiteralText() {
    return false;
  }
}
