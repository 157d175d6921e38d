package dev.baton.raci;

import dev.baton.engine.VariablesWrittenNow;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateTask;

/**
 * The key values of a completed task for the "informed" mail: the variables named in the task's
 * {@code raci.summary} property, or else the simple variables (text, number, yes/no, date) that the
 * completion itself set or changed, i.e. what the person filled in on the task's form.
 */
final class CompletionValues {

  /**
   * One line of the outcome: the field's label and its value as the person read them; a decision is a
   * choice among a select's or radio group's options, named by the chosen option's label.
   */
  record FormValue(String name, String value, boolean decision) {}

  private CompletionValues() {}

  static List<FormValue> of(RaciTaskModel model, DelegateTask task, TaskForm form) {
    if (!model.raci().summary().isEmpty()) {
      List<FormValue> values = new ArrayList<>();
      for (String name : model.raci().summary()) {
        values.add(value(form, name, task.getVariable(name)));
      }
      return values;
    }
    Map<String, FormValue> changed = new LinkedHashMap<>();
    VariablesWrittenNow.of(task.getProcessInstanceId()).forEach((name, value) -> {
      if (isSimple(value) && !RaciTaskBehaviour.ACCOUNT_ID.equals(name) && !RaciTaskBehaviour.ESCALATED.equals(name)) {
        changed.put(name, value(form, name, value));
      }
    });
    return changed.values().stream().sorted(Comparator.comparing(FormValue::name, String.CASE_INSENSITIVE_ORDER)).toList();
  }

  /** The first decision among the values, if any: what a completion mail's subject names. */
  static java.util.Optional<FormValue> decision(List<FormValue> values) {
    return values.stream().filter(FormValue::decision).findFirst();
  }

  private static FormValue value(TaskForm form, String key, Object value) {
    var field = form.field(key);
    String option = value == null ? null : field.map(f -> f.options().get(value.toString())).orElse(null);
    if (option != null) {
      return new FormValue(form.label(key), option, field.get().choice());
    }
    return new FormValue(form.label(key), text(value), false);
  }

  private static boolean isSimple(Object value) {
    return value == null || value instanceof String || value instanceof Number || value instanceof Boolean
        || value instanceof Date;
  }

  private static String text(Object value) {
    if (value == null) {
      return "(empty)";
    }
    if (value instanceof Boolean yes) {
      return yes ? "yes" : "no";
    }
    if (value instanceof Date date) {
      return RaciMails.TIME.format(date.toInstant());
    }
    return value.toString();
  }
}
