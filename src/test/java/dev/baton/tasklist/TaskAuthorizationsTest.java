package dev.baton.tasklist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.baton.support.BatonIntegrationTest;
import dev.baton.support.CamundaRest;
import dev.baton.support.CamundaRest.Door;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.task.Attachment;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Staff read every task of Baton's processes, and work only on those RACI gives them. */
@BatonIntegrationTest
class TaskAuthorizationsTest {

  @LocalServerPort int port;
  @Autowired RepositoryService repository;
  @Autowired RuntimeService runtime;
  @Autowired TaskService tasks;
  @Autowired AuthorizationService authorizations;
  @Autowired DataSource dataSource;
  final HttpClient http = HttpClient.newHttpClient();
  Task salesTask;

  @BeforeEach
  void aTaskForTheSalesRepRole() throws Exception {
    String template;
    try (InputStream in = getClass().getResourceAsStream("/tasklist/TasklistLoad.bpmn")) {
      template = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    repository.createDeployment().name("task-authorizations-test").enableDuplicateFiltering(true)
        .addString("TaskAuthorizations.bpmn", template.replace("PROCESS_KEY", "TaskAuthorizations_SalesRep")
            .replace("RESPONSIBLE_ROLE", "sales-rep")).deploy();
    String account = "task-auth-" + UUID.randomUUID();
    String instance = runtime.startProcessInstanceByKey("TaskAuthorizations_SalesRep", account,
        Map.of("accountId", account, "accountName", "Task Auth Ltd")).getId();
    salesTask = tasks.createTaskQuery().processInstanceId(instance).singleResult();
  }

  @Test
  void staffOfAnotherRoleMayReadATaskButNotClaimOrCompleteIt() throws Exception {
    assertThat(send("GET", "/engine-rest/task/" + salesTask.getId(), "csm-demo").statusCode()).isEqualTo(200);
    assertThat(send("POST", "/engine-rest/task/" + salesTask.getId() + "/claim", "csm-demo",
        "{\"userId\":\"csm-demo\"}").statusCode()).isEqualTo(403);
    assertThat(send("POST", "/engine-rest/task/" + salesTask.getId() + "/complete", "csm-demo", "{}").statusCode())
        .isEqualTo(403);
    assertThat(tasks.createTaskQuery().taskId(salesTask.getId()).singleResult().getAssignee()).isNull();
  }

  @Test
  void theResponsibleRoleClaimsAndCompletesItsTask() throws Exception {
    assertThat(send("POST", "/engine-rest/task/" + salesTask.getId() + "/claim", "sales-rep-demo",
        "{\"userId\":\"sales-rep-demo\"}").statusCode()).isEqualTo(204);
    assertThat(send("POST", "/engine-rest/task/" + salesTask.getId() + "/complete", "sales-rep-demo", "{}")
        .statusCode()).isEqualTo(204);
    assertThat(tasks.createTaskQuery().taskId(salesTask.getId()).count()).isZero();
  }

  // Camunda's own commands for adding comments and attachments check no authorization at all.
  @ParameterizedTest
  @EnumSource(Door.class)
  void staffOfAnotherRoleMayNotCommentOnAttachToOrDeleteAttachmentsOfATask(Door door) throws Exception {
    Attachment existing = tasks.createAttachment("text/plain", salesTask.getId(), null, "agenda.txt", null,
        "https://example.com/agenda.txt");
    CamundaRest csm = CamundaRest.as(door, port, "csm-demo");
    String task = "/task/" + salesTask.getId();

    HttpResponse<String> comment = csm.send("POST", task + "/comment/create", "{\"message\":\"not my task\"}");
    assertThat(comment.statusCode()).as(comment.body()).isEqualTo(403);
    assertThat(comment.body()).contains("AuthorizationException", "csm-demo");
    HttpResponse<String> attach = csm.postMultipart(task + "/attachment/create",
        Map.of("attachment-name", "evil.txt", "content", "not my task"));
    assertThat(attach.statusCode()).as(attach.body()).isEqualTo(403);
    HttpResponse<String> delete = csm.send("DELETE", task + "/attachment/" + existing.getId(), null);
    assertThat(delete.statusCode()).as(delete.body()).isEqualTo(403);

    assertThat(tasks.getTaskComments(salesTask.getId())).isEmpty();
    assertThat(tasks.getTaskAttachments(salesTask.getId())).extracting(Attachment::getId).containsExactly(existing.getId());
  }

  @ParameterizedTest
  @EnumSource(Door.class)
  void theResponsibleRoleCommentsOnAttachesToAndDeletesAttachmentsOfItsTask(Door door) throws Exception {
    CamundaRest salesRep = CamundaRest.as(door, port, "sales-rep-demo");
    String task = "/task/" + salesTask.getId();

    assertThat(salesRep.send("POST", task + "/comment/create", "{\"message\":\"Called, back on Monday\"}")
        .statusCode()).isEqualTo(200);
    HttpResponse<String> attach = salesRep.postMultipart(task + "/attachment/create",
        Map.of("attachment-name", "notes.txt", "content", "call notes"));
    assertThat(attach.statusCode()).as(attach.body()).isEqualTo(200);
    Attachment attachment = tasks.getTaskAttachments(salesTask.getId()).get(0);
    assertThat(salesRep.send("DELETE", task + "/attachment/" + attachment.getId(), null).statusCode()).isEqualTo(204);

    assertThat(tasks.getTaskComments(salesTask.getId())).extracting(c -> c.getFullMessage())
        .containsExactly("Called, back on Monday");
    assertThat(tasks.getTaskAttachments(salesTask.getId())).isEmpty();
  }

  // Tasklist's query joins every task of a role group against the group's readable grants: per-task
  // grants that carried READ made it quadratic in the number of open tasks (docs/benchmarks.md).
  @Test
  void perTaskGrantsCarryTheRightToWorkButNotToRead() {
    List<Authorization> grants = authorizations.createAuthorizationQuery()
        .resourceType(Resources.TASK).resourceId(salesTask.getId()).list();
    assertThat(grants).isNotEmpty().allSatisfy(grant -> {
      assertThat(grant.isPermissionGranted(Permissions.UPDATE)).isTrue();
      assertThat(grant.isPermissionGranted(Permissions.READ)).isFalse();
    });
    assertThat(grants).extracting(Authorization::getGroupId).contains("sales-rep");
  }

  @Test
  void postgresPlansTasklistQueriesForTheirActualValues() throws Exception {
    try (Connection connection = dataSource.getConnection()) {
      assumeTrue(connection.getMetaData().getDatabaseProductName().equals("PostgreSQL"), "PostgreSQL only");
      try (var statement = connection.createStatement(); ResultSet rs = statement.executeQuery("show plan_cache_mode")) {
        rs.next();
        assertThat(rs.getString(1)).isEqualTo("force_custom_plan");
      }
    }
  }

  private HttpResponse<String> send(String method, String path, String user) throws Exception {
    return send(method, path, user, null);
  }

  private HttpResponse<String> send(String method, String path, String user, String json) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
        .header("Authorization", "Basic " + Base64.getEncoder().encodeToString((user + ":demo").getBytes()));
    if (json == null) {
      request.method(method, HttpRequest.BodyPublishers.noBody());
    } else {
      request.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(json));
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }
}
