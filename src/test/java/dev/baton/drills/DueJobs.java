package dev.baton.drills;

import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;

/**
 * The job executor (off in tests) played by hand on the engine's clock: at the current ClockUtil time,
 * runs every job of the given process instances that is due, as acquisition would, and reports each
 * attempt. A failed job waits for its next due date (the retry backoff), so the drills move the clock
 * across that schedule instead of waiting minutes.
 */
final class DueJobs {

  /** One execution of a job: when (engine time), of which instance, how long it took, the failure if it failed. */
  record Attempt(String jobId, String processInstanceId, Date at, long millis, String failure) {
    boolean failed() {
      return failure != null;
    }
  }

  private final ManagementService management;

  DueJobs(ManagementService management) {
    this.management = management;
  }

  /**
   * Runs the due jobs of the instances the supplier names until none is due now; asked again after
   * each round, so instances started by a job (a mail queued by a timer) get their first attempt now too.
   */
  List<Attempt> run(Supplier<Set<String>> processInstanceIds) {
    List<Attempt> attempts = new ArrayList<>();
    for (int round = 0; round < 20; round++) {
      Set<String> ids = processInstanceIds.get();
      List<Job> due = ids.isEmpty() ? List.of()
          : management.createJobQuery().processInstanceIds(ids).executable().list();
      if (due.isEmpty()) {
        return attempts;
      }
      for (Job job : due) {
        attempts.add(execute(job));
      }
    }
    throw new AssertionError("Jobs still due after 20 rounds: " + attempts);
  }

  private Attempt execute(Job job) {
    Date at = ClockUtil.getCurrentTime();
    long started = System.nanoTime();
    try {
      management.executeJob(job.getId());
      return new Attempt(job.getId(), job.getProcessInstanceId(), at, millisSince(started), null);
    } catch (RuntimeException failed) {
      // The engine recorded the failure on the job (retries, next due date, incident); the drill checks those.
      return new Attempt(job.getId(), job.getProcessInstanceId(), at, millisSince(started), causes(failed));
    }
  }

  /** The exception and its causes, as the stack trace in Cockpit shows them. */
  private static String causes(Throwable failed) {
    StringBuilder text = new StringBuilder(failed.toString());
    for (Throwable cause = failed.getCause(); cause != null && cause != cause.getCause(); cause = cause.getCause()) {
      text.append(" <- ").append(cause);
    }
    return text.toString();
  }

  private static long millisSince(long nanos) {
    return (System.nanoTime() - nanos) / 1_000_000;
  }
}
