package dev.baton.engine;

import dev.baton.engine.TaskFormFields.Form;
import java.util.Collection;
import java.util.Date;
import java.util.Map;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.FormService;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.variable.VariableMap;
import org.camunda.bpm.engine.variable.type.ValueType;
import org.camunda.bpm.engine.variable.value.TypedValue;

/**
 * What a person may write into a task's variables: the fields of the task's form, and no Java objects.
 * Camunda lets whoever may work a task set any variable through it (the CSM's user id on a review, the
 * flag that marks it escalated), and its per-task grant cannot be narrowed to names. Checked on what the
 * caller sends, before the task's listeners and the process run, so they may still set what they need.
 */
final class FormFieldsOnly {

  /** Throws AuthorizationException naming the first variable the task's form does not have. */
  void require(CommandContext context, String taskId, Map<String, ?> values, Collection<String> deletions) {
    boolean nothing = (values == null || values.isEmpty()) && (deletions == null || deletions.isEmpty());
    Authentication user = CheckedUser.of(context).orElse(null);
    if (nothing || user == null || taskId == null || context.getTaskManager().findTaskById(taskId) == null) {
      return;
    }
    FormService forms = context.getProcessEngineConfiguration().getFormService();
    Form form = WithoutAuthorization.call(() -> TaskFormFields.of(forms, taskId));
    if (values != null) {
      for (String name : values.keySet()) {
        requireField(user, taskId, form, name);
        // A VariableMap hands out values unwrapped, and an object still serialized cannot be.
        requireNoJavaObject(user, taskId, name,
            values instanceof VariableMap typed ? typed.getValueTyped(name) : values.get(name));
      }
    }
    if (deletions != null) {
      deletions.forEach(name -> requireField(user, taskId, form, name));
    }
  }

  private static void requireField(Authentication user, String taskId, Form form, String name) {
    if (!form.variables().contains(name)) {
      throw new AuthorizationException("The user '" + user.getUserId() + "' may not set or remove the variable '"
          + name + "' through task " + taskId + ": its form '" + form.name() + "' has no such field. A task "
          + "takes only the fields of its form.");
    }
  }

  // Objects come back to life when they are read: by Java serialization, or by Jackson into any class named.
  private static void requireNoJavaObject(Authentication user, String taskId, String name, Object value) {
    if (isJavaObject(value)) {
      throw new AuthorizationException("The user '" + user.getUserId() + "' may not set the variable '" + name
          + "' of task " + taskId + " to a Java object (type Object): send text, a number, a boolean, a date, "
          + "a file or JSON.");
    }
  }

  private static boolean isJavaObject(Object value) {
    if (value instanceof TypedValue typed) {
      return typed.getType() == null ? isJavaObject(typed.getValue()) : ValueType.OBJECT.equals(typed.getType());
    }
    return value != null && !(value instanceof String || value instanceof Number || value instanceof Boolean
        || value instanceof Date || value instanceof byte[]);
  }
}
