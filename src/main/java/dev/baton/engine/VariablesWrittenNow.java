package dev.baton.engine;

import java.util.LinkedHashMap;
import java.util.Map;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.db.entitymanager.cache.CachedDbEntity;
import org.camunda.bpm.engine.impl.db.entitymanager.cache.DbEntityState;
import org.camunda.bpm.engine.impl.persistence.entity.VariableInstanceEntity;

/**
 * The variables the running command created or changed in one process instance, e.g. what a task's
 * completion filled in. Only the command's entity cache knows that; no history level is required.
 */
public final class VariablesWrittenNow {

  private VariablesWrittenNow() {}

  /** Name to value, empty outside a command. */
  public static Map<String, Object> of(String processInstanceId) {
    Map<String, Object> written = new LinkedHashMap<>();
    if (Context.getCommandContext() == null) {
      return written;
    }
    for (CachedDbEntity cached : Context.getCommandContext().getDbEntityManager().getDbEntityCache().getCachedEntities()) {
      if (cached.getEntity() instanceof VariableInstanceEntity variable
          && processInstanceId.equals(variable.getProcessInstanceId()) && isWrittenNow(cached)) {
        written.put(variable.getName(), variable.getValue());
      }
    }
    return written;
  }

  private static boolean isWrittenNow(CachedDbEntity cached) {
    return cached.getEntityState() == DbEntityState.TRANSIENT
        || cached.getEntityState() == DbEntityState.MERGED
        || cached.getEntityState() == DbEntityState.PERSISTENT && cached.isDirty();
  }
}
