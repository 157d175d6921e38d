package dev.baton.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.baton.support.BatonIntegrationTest;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * A process owner deploys from Camunda Modeler exactly as the Modeler does it (multipart POST to
 * /engine-rest/deployment/create with deployment-name, deployment-source, deploy-changed-only and
 * Basic auth): new instances use the new version, running ones finish on theirs.
 */
@BatonIntegrationTest
class ModelerRoundTripTest {

  static final String FILE = "ModelerRoundTrip.bpmn";

  @LocalServerPort int port;
  @Autowired RepositoryService repository;
  @Autowired RuntimeService runtime;
  @Autowired TaskService tasks;
  @Autowired ObjectMapper json;

  @Test
  void aChangedModelDeployedFromModelerServesNewInstancesWhileRunningOnesKeepTheirVersion() throws Exception {
    HttpResponse<String> first = deploy(model("Call the customer", "csm"), "demo:demo");
    assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
    String v1 = definitionId(first);
    ProcessInstance running = start();
    assertThat(running.getProcessDefinitionId()).isEqualTo(v1);

    HttpResponse<String> second = deploy(model("Call the customer's champion", "csm"), "demo:demo");
    assertThat(second.statusCode()).as(second.body()).isEqualTo(200);
    String v2 = definitionId(second);
    assertThat(v2).isNotEqualTo(v1);
    assertThat(repository.getProcessDefinition(v2).getVersion())
        .isEqualTo(repository.getProcessDefinition(v1).getVersion() + 1);

    ProcessInstance fresh = start();
    assertThat(fresh.getProcessDefinitionId()).isEqualTo(v2);
    assertThat(tasks.createTaskQuery().processInstanceId(fresh.getId()).singleResult().getName())
        .isEqualTo("Call the customer's champion");
    // The instance started before the change finishes on its own version.
    var oldTask = tasks.createTaskQuery().processInstanceId(running.getId()).singleResult();
    assertThat(oldTask.getName()).isEqualTo("Call the customer");
    assertThat(oldTask.getProcessDefinitionId()).isEqualTo(v1);
    tasks.complete(oldTask.getId());
    assertThat(runtime.createProcessInstanceQuery().processInstanceId(running.getId()).count()).isZero();
  }

  @Test
  void deployingTheSameFileAgainCreatesNoNewVersion() throws Exception {
    String model = model("Check the contract", "account-manager");
    deploy(model, "demo:demo");
    long versions = repository.createProcessDefinitionQuery().processDefinitionKey("ModelerRoundTrip").count();

    HttpResponse<String> again = deploy(model, "demo:demo");

    assertThat(again.statusCode()).isEqualTo(200);
    assertThat(json.readTree(again.body()).path("deployedProcessDefinitions").size()).isZero();
    assertThat(repository.createProcessDefinitionQuery().processDefinitionKey("ModelerRoundTrip").count())
        .isEqualTo(versions);
  }

  @Test
  void aModelWithAnUnknownRoleIsRefusedNamingTheTask() throws Exception {
    HttpResponse<String> refused = deploy(model("Call the customer", "customer-hero"), "demo:demo");

    assertThat(refused.statusCode()).isEqualTo(400);
    assertThat(refused.body()).contains("Task_CallCustomer", "customer-hero");
  }

  @Test
  void deployingNeedsCredentialsAndTheRightToDeploy() throws Exception {
    String model = model("Call the customer", "csm");
    assertThat(deploy(model, null).statusCode()).isEqualTo(401);
    HttpResponse<String> salesRep = deploy(model, "sales-rep-demo:demo");
    assertThat(salesRep.statusCode()).isEqualTo(403);
  }

  private ProcessInstance start() {
    String account = "modeler-" + UUID.randomUUID();
    return runtime.startProcessInstanceByKey("ModelerRoundTrip", account, Map.of("accountId", account));
  }

  private String model(String taskName, String responsible) throws Exception {
    try (var in = getClass().getResourceAsStream("/deployment/" + FILE)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8)
          .replace("TASK_NAME", taskName.replace("'", "&#39;")).replace("RESPONSIBLE_ROLE", responsible);
    }
  }

  private String definitionId(HttpResponse<String> deployment) throws Exception {
    JsonNode definitions = json.readTree(deployment.body()).path("deployedProcessDefinitions");
    assertThat(definitions.size()).as(deployment.body()).isEqualTo(1);
    return definitions.fieldNames().next();
  }

  /** The request Camunda Modeler 5 sends for "Deploy current diagram" to a Camunda 7 engine. */
  private HttpResponse<String> deploy(String model, String credentials) throws Exception {
    String boundary = "----BatonModelerTest" + UUID.randomUUID();
    Map<String, String> fields = new LinkedHashMap<>();
    fields.put("deployment-name", "Modeler round trip");
    fields.put("deployment-source", "Camunda Modeler");
    fields.put("deploy-changed-only", "true");
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    for (var field : fields.entrySet()) {
      body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + field.getKey()
          + "\"\r\n\r\n" + field.getValue() + "\r\n").getBytes(StandardCharsets.UTF_8));
    }
    body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + FILE + "\"; filename=\""
        + FILE + "\"\r\nContent-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.UTF_8));
    body.writeBytes(model.getBytes(StandardCharsets.UTF_8));
    body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));

    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/engine-rest/deployment/create"))
        .header("Content-Type", "multipart/form-data; boundary=" + boundary)
        .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()));
    if (credentials != null) {
      request.header("Authorization", "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes()));
    }
    return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
  }
}
