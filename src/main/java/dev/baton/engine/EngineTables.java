package dev.baton.engine;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;

/** Where Camunda's tables are, for Baton's own SQL on them; only the engine's configuration knows. */
public final class EngineTables {

  private EngineTables() {}

  /** The prefix of Camunda's table names (empty, or a schema such as {@code camunda.}). */
  public static String prefix(ProcessEngine engine) {
    return ((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration()).getDatabaseTablePrefix();
  }
}
