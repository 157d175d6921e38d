package dev.baton.raci;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.db.entitymanager.cache.CachedDbEntity;
import org.camunda.bpm.engine.impl.db.entitymanager.cache.DbEntityState;
import org.camunda.bpm.engine.impl.persistence.entity.VariableInstanceEntity;

/**
 * The key values of a completed task for the "informed" mail: the variables named in the task's
 * {@code raci.summary} property, or else the simple variables (text, number, yes/no, date) that the
 * completion itself set or changed, i.e. what the person filled in on the task's form.
 */
final class CompletionValues {

  /** One line of the outcome: a variable and its value as text. */
  record FormValue(String name, String value) {}

  private CompletionValues() {}

  static List<FormValue> of(RaciTaskModel model, DelegateTask task) {
    if (!model.raci().summary().isEmpty()) {
      List<FormValue> values = new ArrayList<>();
      for (String name : model.raci().summary()) {
        values.add(new FormValue(name, text(task.getVariable(name))));
      }
      return values;
    }
    Map<String, FormValue> changed = new LinkedHashMap<>();
    if (Context.getCommandContext() == null) {
      return List.of();
    }
    for (CachedDbEntity cached : Context.getCommandContext().getDbEntityManager().getDbEntityCache().getCachedEntities()) {
      if (cached.getEntity() instanceof VariableInstanceEntity variable
          && task.getProcessInstanceId().equals(variable.getProcessInstanceId())
          && isWrittenNow(cached) && isSimple(variable.getValue())
          && !RaciTaskBehaviour.ACCOUNT_ID.equals(variable.getName())
          && !RaciTaskBehaviour.ESCALATED.equals(variable.getName())) {
        changed.put(variable.getName(), new FormValue(variable.getName(), text(variable.getValue())));
      }
    }
    return changed.values().stream().sorted(Comparator.comparing(FormValue::name)).toList();
  }

  private static boolean isWrittenNow(CachedDbEntity cached) {
    return cached.getEntityState() == DbEntityState.TRANSIENT
        || cached.getEntityState() == DbEntityState.MERGED
        || cached.getEntityState() == DbEntityState.PERSISTENT && cached.isDirty();
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
