package dev.baton.identity;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import dev.baton.mail.MailOutbox;
import dev.baton.mail.OutgoingMail;
import dev.baton.support.BatonIntegrationTest;
import dev.baton.support.CamundaRest;
import dev.baton.support.TestMailServer;
import java.net.http.HttpResponse;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.BatchPermissions;
import org.camunda.bpm.engine.authorization.Permission;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.ProcessDefinitionPermissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The operator role (the CS Lead in demo mode) retries failed jobs in Cockpit, one at a time or as a batch,
 * with exactly the permissions that takes; staff and managers without the role are refused.
 */
@BatonIntegrationTest
class OperatorRetriesTest {

  @RegisterExtension static GreenMailExtension smtp = TestMailServer.create();

  @LocalServerPort int port;
  @Autowired MailOutbox outbox;
  @Autowired ManagementService management;
  @Autowired RuntimeService runtime;
  @Autowired AuthorizationService authorizations;
  final ObjectMapper json = new ObjectMapper();
  String job;

  /** A mail the SMTP server did not take, its retries spent: an incident in Cockpit. */
  @BeforeEach
  void aFailedMailJob() {
    String delivery = outbox.send(new OutgoingMail("test-notice", List.of("csm@example.com"), "Outage",
        Map.of("name", "Bo"), "acct-" + UUID.randomUUID()));
    smtp.stop();
    job = management.createJobQuery().processInstanceId(delivery).singleResult().getId();
    ClockUtil.setCurrentTime(new Date());
    for (Job due = management.createJobQuery().jobId(job).singleResult(); due.getRetries() > 0;
        due = management.createJobQuery().jobId(job).singleResult()) {
      if (due.getDuedate().after(ClockUtil.getCurrentTime())) {
        ClockUtil.setCurrentTime(due.getDuedate());
      }
      try {
        management.executeJob(job);
      } catch (RuntimeException expected) {
        // the SMTP server is down
      }
    }
    assertThat(runtime.createIncidentQuery().configuration(job).count()).isEqualTo(1);
  }

  @AfterEach
  void resetClock() {
    ClockUtil.reset();
  }

  @Test
  void theCsLeadRetriesAFailedMailJobAsCockpitDoes() throws Exception {
    HttpResponse<String> retry = CamundaRest.engineRest(port, "cs-lead-demo")
        .send("PUT", "/job/" + job + "/retries", "{\"retries\": 1}");

    assertThat(retry.statusCode()).as(retry.body()).isEqualTo(204);
    assertThat(management.createJobQuery().jobId(job).singleResult().getRetries()).isEqualTo(1);
    assertThat(runtime.createIncidentQuery().configuration(job).count()).isZero();
  }

  @Test
  void theCsLeadRetriesManyFailedJobsAtOnceWithCockpitsBatchRetry() throws Exception {
    HttpResponse<String> batch = CamundaRest.engineRest(port, "cs-lead-demo")
        .send("POST", "/job/retries", "{\"jobIds\": [\"" + job + "\"], \"retries\": 1}");

    assertThat(batch.statusCode()).as(batch.body()).isEqualTo(200);
    JsonNode created = json.readTree(batch.body());
    assertThat(created.path("type").asText()).isEqualTo("set-job-retries");
    runBatch(created);
    assertThat(management.createJobQuery().jobId(job).singleResult().getRetries()).isEqualTo(1);
    assertThat(runtime.createIncidentQuery().configuration(job).count()).isZero();
  }

  @Test
  void staffAndManagersWithoutTheOperatorRoleMayNotRetry() throws Exception {
    for (String user : List.of("csm-demo", "sales-manager-demo", "cs-executive-demo")) {
      CamundaRest rest = CamundaRest.engineRest(port, user);
      HttpResponse<String> one = rest.send("PUT", "/job/" + job + "/retries", "{\"retries\": 1}");
      assertThat(one.statusCode()).as(user + ": " + one.body()).isEqualTo(403);
      HttpResponse<String> many = rest.send("POST", "/job/retries", "{\"jobIds\": [\"" + job + "\"], \"retries\": 1}");
      assertThat(many.statusCode()).as(user + ": " + many.body()).isEqualTo(403);
    }
    assertThat(management.createJobQuery().jobId(job).singleResult().getRetries()).isZero();
  }

  @Test
  void theOperatorRoleGrantsCockpitReadingAndRetryingAndNothingElse() {
    List<Authorization> granted = authorizations.createAuthorizationQuery().groupIdIn("operator").list();
    assertThat(granted).extracting(a -> a.getResourceType() + " " + a.getResourceId() + " " + granted(a))
        .containsExactlyInAnyOrder(
            // Camunda's own default for every group: its members may read the group.
            Resources.GROUP.resourceType() + " operator [READ]",
            Resources.APPLICATION.resourceType() + " cockpit [ACCESS]",
            Resources.PROCESS_DEFINITION.resourceType() + " * [READ, READ_INSTANCE, RETRY_JOB]",
            Resources.BATCH.resourceType() + " * [CREATE_BATCH_SET_JOB_RETRIES]");
  }

  private static List<String> granted(Authorization authorization) {
    Permission[] all = authorization.getResourceType() == Resources.PROCESS_DEFINITION.resourceType()
        ? ProcessDefinitionPermissions.values()
        : authorization.getResourceType() == Resources.BATCH.resourceType() ? BatchPermissions.values()
        : Permissions.values();
    return Arrays.stream(authorization.getPermissions(all)).map(Permission::getName)
        .filter(name -> !name.equals("NONE") && !name.equals("ALL")).sorted().toList();
  }

  /** The job executor's part (off in tests): the batch's seed job, its retry jobs, then its monitor job. */
  private void runBatch(JsonNode batch) {
    for (String definition : List.of("seedJobDefinitionId", "batchJobDefinitionId", "monitorJobDefinitionId")) {
      for (Job next : management.createJobQuery().jobDefinitionId(batch.path(definition).asText()).list()) {
        management.executeJob(next.getId());
      }
    }
  }
}
