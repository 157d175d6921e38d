package dev.baton.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Runs processes/HealthStaleness.bpmn as its timer would (the job executor is off in tests): every job to the end. */
final class DailyRescore {

  private DailyRescore() {}

  /** At that moment, the last run having been the day before; the re-score runs to its end. */
  static void runAt(Instant at, ManagementService management, RuntimeService runtime, JdbcClient jdbc) {
    jdbc.sql("delete from baton_health_rescore").update();
    jdbc.sql("insert into baton_health_rescore (id, last_run_at) values (1, ?)")
        .param(Timestamp.from(at.minus(Duration.ofDays(1)))).update();
    ClockUtil.setCurrentTime(Date.from(at));
    Job timer = management.createJobQuery().processDefinitionKey("HealthStaleness").timers().singleResult();
    management.executeJob(timer.getId());
    // Each account is a job of its own (sequential multi-instance): run them until the instance ends.
    for (int i = 0; i < 10_000; i++) {
      List<Job> jobs = management.createJobQuery().processDefinitionKey("HealthStaleness").messages().list();
      if (jobs.isEmpty()) {
        break;
      }
      jobs.forEach(job -> management.executeJob(job.getId()));
    }
    assertThat(runtime.createProcessInstanceQuery().processDefinitionKey("HealthStaleness").count())
        .as("no daily re-score left unfinished").isZero();
  }
}
