package dev.baton.drills;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;

/**
 * The backoff the engine gives failed jobs (camunda.bpm ... failed-job-retry-time-cycle, e.g.
 * PT30S,PT2M,PT5M,PT15M): the waits after the first, second, ... failure; after the last wait comes the
 * last attempt, and its failure is an incident. Read from the running engine, so a drill checks what is
 * configured, not a copy of it.
 */
record RetrySchedule(List<Duration> waits) {

  static RetrySchedule of(ProcessEngine engine) {
    String cycle = ((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration()).getFailedJobRetryTimeCycle();
    return new RetrySchedule(Arrays.stream(cycle.split(",")).map(String::trim).map(Duration::parse).toList());
  }

  /** Attempts before the incident: the first one and one after each wait. */
  int attempts() {
    return waits.size() + 1;
  }

  /** The wait after the n-th failed attempt (1-based). */
  Duration waitAfter(int failures) {
    return waits.get(failures - 1);
  }

  /** From the first attempt to the last one. */
  Duration untilLastAttempt() {
    return waits.stream().reduce(Duration.ZERO, Duration::plus);
  }
}
