package dev.baton.tasklist;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.account.Account;
import dev.baton.account.AccountService;
import dev.baton.support.BatonIntegrationTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Base64;
import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.ProcessEngine;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

@BatonIntegrationTest
class TasklistFiltersTest {

  @LocalServerPort int port;
  @Autowired ProcessEngine engine;
  @Autowired FilterService filters;
  @Autowired TasklistFilters tasklistFilters;
  @Autowired org.camunda.bpm.engine.RepositoryService repository;
  @Autowired org.camunda.bpm.engine.RuntimeService runtime;
  @Autowired AccountService accountService;

  @Test
  void everyRoleSeesTheSharedFiltersOnFirstLogin() throws Exception {
    for (String user : new String[] {"sales-rep-demo", "csm-demo", "cs-lead-demo"}) {
      String body = get("/engine-rest/filter?resourceType=Task", user + ":demo");
      assertThat(body).contains("\"My tasks\"", "\"My team's tasks\"", "\"Overdue\"", "\"Escalated\"",
          "\"Late in my team\"", "\"Escalated to me\"");
      assertThat(body).contains("accountName");
    }
  }

  @Test
  void aTaskCardShowsTheAccountToTheStaffMemberWorkingOnIt() throws Exception {
    repository.createDeployment().name("tasklist-card-test").enableDuplicateFiltering(true)
        .addString("TasklistCard.bpmn", TASK_FOR_CSM).deploy();
    String account = "card-" + java.util.UUID.randomUUID();
    runtime.startProcessInstanceByKey("TasklistCard", account,
        java.util.Map.of("accountId", account, "accountName", "Card Test " + account));
    String filterId = filters.createTaskFilterQuery().filterName("My team's tasks").singleResult().getId();

    HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/engine-rest/filter/" + filterId
            + "/list?firstResult=0&maxResults=1000"))
        .header("Authorization", "Basic " + Base64.getEncoder().encodeToString("csm-demo:demo".getBytes()))
        .header("Accept", "application/hal+json").header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString("{\"variableNames\": [\"accountName\", \"accountId\"]}")).build();
    String body = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString()).body();

    assertThat(body).contains("\"value\":\"Card Test " + account + "\"");
  }

  static final String TASK_FOR_CSM = """
      <?xml version="1.0" encoding="UTF-8"?>
      <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
          xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="Definitions_TasklistCard" targetNamespace="http://baton.dev/bpmn">
        <bpmn:process id="TasklistCard" isExecutable="true" camunda:historyTimeToLive="P1D">
          <bpmn:startEvent id="StartEvent_1"/>
          <bpmn:sequenceFlow id="Flow_1" sourceRef="StartEvent_1" targetRef="Task_Call"/>
          <bpmn:userTask id="Task_Call" name="Call the customer">
            <bpmn:extensionElements><camunda:properties>
              <camunda:property name="raci.responsible" value="csm"/>
            </camunda:properties></bpmn:extensionElements>
          </bpmn:userTask>
          <bpmn:sequenceFlow id="Flow_2" sourceRef="Task_Call" targetRef="EndEvent_1"/>
          <bpmn:endEvent id="EndEvent_1"/>
        </bpmn:process>
      </bpmn:definitions>
      """;

  @Test
  void aLateStepShowsToWhoAnswersForItsAccountWhoMayNotWorkIt() throws Exception {
    repository.createDeployment().name("tasklist-late-test").enableDuplicateFiltering(true)
        .addString("TasklistLate.bpmn", TASK_FOR_CSM.replace("TasklistCard", "TasklistLate").replace(
            "<camunda:property name=\"raci.responsible\" value=\"csm\"/>",
            "<camunda:property name=\"raci.responsible\" value=\"csm\"/>"
                + "<camunda:property name=\"raci.accountable\" value=\"cs-lead\"/>")).deploy();
    String account = "late-" + java.util.UUID.randomUUID();
    accountService.save(new Account(account, "Late " + account, "smb", null, null,
        java.util.Map.of("csm", "csm-demo", "cs-lead", "cs-lead-demo")));
    String other = "quiet-" + java.util.UUID.randomUUID();
    accountService.save(new Account(other, "Quiet " + other, "smb", null, null, java.util.Map.of("csm", "csm-demo")));
    String late = startTaskDueYesterday(account);
    String notMine = startTaskDueYesterday(other);

    String lead = filterList("Late in my team", "cs-lead-demo:demo");
    assertThat(lead).contains(late).doesNotContain(notMine);
    // The CSM sees both: they are hers.
    assertThat(filterList("Late in my team", "csm-demo:demo")).contains(late, notMine);
    // Answering for a step is no right to do it.
    HttpResponse<String> completed = post("/engine-rest/task/" + late + "/complete", "{}", "cs-lead-demo:demo");
    assertThat(completed.statusCode()).as(completed.body()).isEqualTo(403);
    assertThat(engine.getTaskService().createTaskQuery().taskId(late).count()).isEqualTo(1);
  }

  private String startTaskDueYesterday(String account) {
    String instance = runtime.startProcessInstanceByKey("TasklistLate", account,
        java.util.Map.of("accountId", account, "accountName", "Late " + account)).getId();
    var task = engine.getTaskService().createTaskQuery().processInstanceId(instance).singleResult();
    engine.getTaskService().setDueDate(task.getId(), java.util.Date.from(java.time.Instant.now().minusSeconds(86_400)));
    return task.getId();
  }

  private String filterList(String name, String credentials) throws Exception {
    String filterId = filters.createTaskFilterQuery().filterName(name).singleResult().getId();
    HttpResponse<String> response = post("/engine-rest/filter/" + filterId + "/list?firstResult=0&maxResults=1000",
        "{}", credentials);
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return response.body();
  }

  private HttpResponse<String> post(String path, String json, String credentials) throws Exception {
    HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
        .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes()))
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)).build();
    return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void restartingCreatesNoSecondCopyOfAFilter() {
    tasklistFilters.postProcessEngineBuild(engine);
    assertThat(filters.createTaskFilterQuery().filterName("My tasks").count()).isEqualTo(1);
    assertThat(filters.createTaskFilterQuery().filterName("Escalated").count()).isEqualTo(1);
  }

  private String get(String path, String credentials) throws Exception {
    HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
        .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes())).build();
    HttpResponse<String> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).isEqualTo(200);
    return response.body();
  }
}
