package dev.baton.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.support.BatonIntegrationTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.text.SimpleDateFormat;
import java.time.Duration;
import java.util.Base64;
import java.util.Date;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Cockpit's Retry of a job whose retries are spent runs it at the job executor's next pass, not a whole
 * backoff step (PT15M) after its last failure; a due date the operator chooses in the dialog still wins.
 */
@BatonIntegrationTest
class FailedJobIncidentsTest {

  static final String PROCESS = "FailedJobIncidentsTest";

  @LocalServerPort int port;
  @Autowired RepositoryService repository;
  @Autowired RuntimeService runtime;
  @Autowired ManagementService management;
  String job;

  @BeforeEach
  void aJobWhoseRetriesAreSpent() {
    repository.createDeployment().name(PROCESS).enableDuplicateFiltering(true)
        .addModelInstance(PROCESS + ".bpmn", Bpmn.createExecutableProcess(PROCESS).camundaHistoryTimeToLive(1)
            .startEvent().serviceTask("Task_Fail").camundaAsyncBefore().camundaExpression("${noSuchBean.run()}")
            .endEvent().done())
        .deploy();
    ClockUtil.setCurrentTime(new Date());
    String instance = runtime.startProcessInstanceByKey(PROCESS).getId();
    job = management.createJobQuery().processInstanceId(instance).singleResult().getId();
    for (int attempt = 0; attempt < 5; attempt++) {
      Job due = management.createJobQuery().jobId(job).singleResult();
      if (due.getDuedate() != null && due.getDuedate().after(ClockUtil.getCurrentTime())) {
        ClockUtil.setCurrentTime(due.getDuedate());
      }
      try {
        management.executeJob(job);
      } catch (RuntimeException expected) {
        // fails every time
      }
    }
  }

  @AfterEach
  void resetClock() {
    ClockUtil.reset();
  }

  @Test
  void retryingTheIncidentInCockpitRunsTheJobNow() throws Exception {
    Job failed = management.createJobQuery().jobId(job).singleResult();
    assertThat(failed.getRetries()).isZero();
    assertThat(runtime.createIncidentQuery().configuration(job).count()).isEqualTo(1);
    assertThat(failed.getDuedate()).isEqualTo(ClockUtil.getCurrentTime());

    assertThat(retry("{\"retries\": 1}")).isEqualTo(204);

    assertThat(management.createJobQuery().jobId(job).executable().count()).isEqualTo(1);
    assertThat(runtime.createIncidentQuery().configuration(job).count()).isZero();
  }

  @Test
  void aDueDateChosenInCockpitsRetryDialogIsKept() throws Exception {
    Date tomorrow = new Date(ClockUtil.getCurrentTime().getTime() + Duration.ofDays(1).toMillis());
    String dueDate = new SimpleDateFormat("yyyy-MM-dd'T'HH:mm:ss.SSSZ").format(tomorrow);

    assertThat(retry("{\"retries\": 1, \"dueDate\": \"" + dueDate + "\"}")).isEqualTo(204);

    assertThat(management.createJobQuery().jobId(job).executable().count()).isZero();
    assertThat(management.createJobQuery().jobId(job).singleResult().getDuedate()).isEqualTo(tomorrow);
  }

  /** Cockpit's retry dialog: PUT job/{id}/retries as the administrator. */
  private int retry(String body) throws Exception {
    return HttpClient.newHttpClient().send(HttpRequest.newBuilder(
            URI.create("http://localhost:" + port + "/engine-rest/job/" + job + "/retries"))
        .header("Authorization", "Basic " + Base64.getEncoder().encodeToString("demo:demo".getBytes()))
        .header("Content-Type", "application/json")
        .PUT(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString()).statusCode();
  }
}
