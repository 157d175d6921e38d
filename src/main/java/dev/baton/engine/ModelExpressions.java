package dev.baton.engine;

import org.camunda.bpm.engine.delegate.VariableScope;
import org.camunda.bpm.engine.impl.context.Context;

/**
 * Evaluates an expression the model holds as text (e.g. a {@code camunda:dueDate}) again, with the
 * engine's own expression manager so it means what it meant when the engine evaluated it.
 */
public final class ModelExpressions {

  private ModelExpressions() {}

  /** Only inside an engine command (a delegate, a listener). */
  public static Object evaluate(String expression, VariableScope scope) {
    return Context.getProcessEngineConfiguration().getExpressionManager().createExpression(expression)
        .getValue(scope);
  }
}
