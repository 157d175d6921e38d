package dev.baton.support;

import java.util.List;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.runtime.Job;

/** Runs due jobs by hand, as the job executor would (it is off in tests). */
public final class Jobs {

  private Jobs() {}

  /** Executes every executable job of the process instances, failures included, until none is left. */
  public static void executeAll(ManagementService management, String... processInstanceIds) {
    for (int round = 0; round < 20; round++) {
      List<Job> jobs = new java.util.ArrayList<>();
      for (String id : processInstanceIds) {
        jobs.addAll(management.createJobQuery().processInstanceId(id).executable().list());
      }
      if (jobs.isEmpty()) {
        return;
      }
      for (Job job : jobs) {
        try {
          management.executeJob(job.getId());
        } catch (RuntimeException failed) {
          // A failed job keeps its (decremented) retries; the caller asserts on that.
        }
      }
    }
  }
}
