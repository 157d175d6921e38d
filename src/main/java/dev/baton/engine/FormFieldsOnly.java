package dev.baton.engine;

import dev.baton.engine.TaskFormFields.Form;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Collection;
import java.util.Date;
import java.util.Map;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.FormService;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.persistence.entity.TaskEntity;
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

  private static final ObjectMapper JSON = new ObjectMapper();

  /** Throws AuthorizationException naming the first variable the task's form does not have. */
  void require(CommandContext context, String taskId, Map<String, ?> values, Collection<String> deletions) {
    boolean nothing = (values == null || values.isEmpty()) && (deletions == null || deletions.isEmpty());
    Authentication user = CheckedUser.of(context).orElse(null);
    TaskEntity task = nothing || user == null || taskId == null ? null : context.getTaskManager().findTaskById(taskId);
    if (task == null) {
      return;
    }
    FormService forms = context.getProcessEngineConfiguration().getFormService();
    Form form = WithoutAuthorization.call(() -> TaskFormFields.of(forms, taskId));
    if (values != null) {
      for (String name : values.keySet()) {
        requireField(user, taskId, form, name);
        // A VariableMap hands out values unwrapped, and an object still serialized cannot be.
        Object value = values instanceof VariableMap typed ? typed.getValueTyped(name) : values.get(name);
        requireNoJavaObject(user, taskId, name, value);
        requireAllowedValue(user, taskId, form, name, plain(value), task);
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

  /**
   * A field shown read-only may come back (Tasklist submits it) but unchanged: it shows what the process
   * knows, such as the account's name. A date or number field takes a date or a number, so that what
   * forms show of it again (in their text) is one.
   */
  private static void requireAllowedValue(Authentication user, String taskId, Form form, String name, Object value,
      TaskEntity task) {
    if (form.readOnly().contains(name)) {
      if (!same(value, plain(task.getVariableTyped(name)))) {
        throw new AuthorizationException("The user '" + user.getUserId() + "' may not change the variable '" + name
            + "' through task " + taskId + ": its form '" + form.name() + "' shows it read-only.");
      }
    } else if (form.dates().contains(name) && !blank(value) && !isDate(value)) {
      throw new AuthorizationException("The variable '" + name + "' of task " + taskId + " is a date on its form '"
          + form.name() + "': send it as yyyy-MM-dd.");
    } else if (form.numbers().contains(name) && !blank(value) && number(value) == null) {
      throw new AuthorizationException("The variable '" + name + "' of task " + taskId + " is a number on its form '"
          + form.name() + "': send a number.");
    }
  }

  private static Object plain(Object value) {
    return value instanceof TypedValue typed ? typed.getValue() : value;
  }

  private static boolean blank(Object value) {
    return value == null || value instanceof String text && text.isEmpty();
  }

  /**
   * Equal as a form shows them: nothing is nothing (an empty text, an unticked box, an empty list), numbers
   * by value, lists and objects as JSON, the rest by their text.
   */
  static boolean same(Object submitted, Object current) {
    if (empty(submitted) || empty(current)) {
      return empty(submitted) && empty(current);
    }
    BigDecimal a = number(submitted);
    BigDecimal b = number(current);
    if (a != null && b != null) {
      return a.compareTo(b) == 0;
    }
    if (current instanceof Date date) {
      return submitted instanceof Date other ? date.equals(other) : String.valueOf(submitted).startsWith(
          date.toInstant().toString().substring(0, 10));
    }
    String text = String.valueOf(submitted);
    String known = String.valueOf(current);
    if (text.equals(known)) {
      return true;
    }
    JsonNode json = json(text);
    return json != null && json.equals(json(known));
  }

  private static boolean empty(Object value) {
    if (value instanceof Collection<?> list) {
      return list.isEmpty();
    }
    String text = value == null ? "" : String.valueOf(value).strip();
    return text.isEmpty() || value instanceof Boolean b && !b || text.equals("[]") || text.equals("null");
  }

  private static JsonNode json(String text) {
    if (text.startsWith("[") || text.startsWith("{")) {
      try {
        return JSON.readTree(text);
      } catch (IOException notJson) {
        return null;
      }
    }
    return null;
  }

  private static BigDecimal number(Object value) {
    if (value instanceof Number n) {
      try {
        return new BigDecimal(n.toString());
      } catch (NumberFormatException notFinite) {
        return null;
      }
    }
    if (value instanceof String text && text.length() <= 40) {
      try {
        return new BigDecimal(text.strip());
      } catch (NumberFormatException notANumber) {
        return null;
      }
    }
    return null;
  }

  private static boolean isDate(Object value) {
    if (value instanceof Date) {
      return true;
    }
    if (value instanceof String text && text.length() >= 10) {
      try {
        LocalDate.parse(text.substring(0, 10));
        return text.length() == 10 || text.charAt(10) == 'T';
      } catch (DateTimeParseException notADate) {
        return false;
      }
    }
    return false;
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
