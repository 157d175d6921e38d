package dev.baton.engine;

import org.camunda.bpm.engine.spring.SpringProcessEngineConfiguration;

/**
 * The name a node writes into the job locks it takes ({@code ACT_RU_JOB.LOCK_OWNER_}). Only the job
 * executor holds it; neither the public configuration nor the Spring Boot starter's properties set it.
 */
public final class JobLockOwners {

  private JobLockOwners() {}

  /** Names this node's job locks {@code owner}; false when the engine runs no job executor. */
  public static boolean name(SpringProcessEngineConfiguration configuration, String owner) {
    if (configuration.getJobExecutor() == null) {
      return false;
    }
    configuration.getJobExecutor().setLockOwner(owner);
    return true;
  }
}
