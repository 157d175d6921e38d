package dev.baton.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.baton.crm.DealWon;
import dev.baton.handoff.HandoffStarter;
import dev.baton.support.BatonIntegrationTest;
import dev.baton.support.CamundaRest;
import dev.baton.support.CamundaRest.Door;
import dev.baton.support.Jobs;
import java.io.ByteArrayOutputStream;
import java.io.ObjectOutputStream;
import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Staff write into a process only through the form of a task they work: completing, submitting, resolving
 * or saving a task sets the fields of its Camunda Form and nothing else, and no Java objects, by either
 * door of the REST API.
 */
@BatonIntegrationTest
class TaskFormVariablesTest {

  @LocalServerPort int port;
  @Autowired ProcessEngine engine;
  @Autowired RuntimeService runtime;
  @Autowired TaskService tasks;
  @Autowired ManagementService management;
  @Autowired HandoffStarter starter;
  @Autowired ObjectMapper json;
  String instance;

  /** A handoff of sales-rep-demo and csm-demo, at the sales rep's checklist. */
  @BeforeEach
  void aHandoffOfTheDemoTeam() {
    String account = "form-vars-" + UUID.randomUUID();
    DealWon deal = new DealWon("salesforce", "opp-" + UUID.randomUUID(), account, "Form Vars Ltd",
        new BigDecimal("12000"), "EUR", LocalDate.parse("2026-11-20"), LocalDate.parse("2026-12-01"),
        LocalDate.parse("2027-11-30"), LocalDate.parse("2027-12-01"), "sales-rep-demo@example.com",
        "csm-demo@example.com", List.of(new DealWon.Contact("Ann Buyer", "ann@" + account + ".test", "champion")));
    instance = starter.start(deal).processInstanceId();
    Jobs.executeAll(management, instance);
    assertThat(task().getTaskDefinitionKey()).isEqualTo("Task_CompleteChecklist");
    assertThat(runtime.getVariable(instance, "csmUserId")).isEqualTo("csm-demo");
  }

  @ParameterizedTest
  @EnumSource(Door.class)
  void aCsmCompletingTheirReviewWithAVariableTheFormDoesNotHaveIsRefusedAndNothingChanges(Door door) throws Exception {
    submitTheChecklist(door);
    CamundaRest csm = CamundaRest.as(door, port, "csm-demo");
    String review = task().getId();

    for (String action : List.of("complete", "submit-form")) {
      HttpResponse<String> refused = csm.send("POST", "/task/" + review + "/" + action,
          variables(Map.of("checklistReview", "accepted", "csmUserId", "csm-somebody-else")));
      assertThat(refused.statusCode()).as(refused.body()).isEqualTo(403);
      assertThat(refused.body()).contains("csmUserId", "handoff-review");
    }
    assertThat(task().getId()).isEqualTo(review);
    assertThat(runtime.getVariable(instance, "csmUserId")).isEqualTo("csm-demo");
    assertThat(runtime.getVariable(instance, "checklistReview")).isNull();

    // What Tasklist sends: the form's fields, read-only ones included.
    Map<String, Object> form = new HashMap<>();
    form.put("checklistReview", "accepted");
    form.put("accountName", "Form Vars Ltd");
    form.put("useCase", "Onboard 40 field engineers");
    HttpResponse<String> accepted = csm.send("POST", "/task/" + review + "/submit-form", variables(form));
    assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(204);
    assertThat(task().getTaskDefinitionKey()).isEqualTo("Task_KnowledgeTransfer");
  }

  @ParameterizedTest
  @EnumSource(Door.class)
  void aFieldTheFormShowsReadOnlyComesBackOnlyUnchanged(Door door) throws Exception {
    submitTheChecklist(door);
    CamundaRest csm = CamundaRest.as(door, port, "csm-demo");
    String review = task().getId();

    HttpResponse<String> refused = csm.send("POST", "/task/" + review + "/submit-form", variables(Map.of(
        "checklistReview", "accepted", "accountName", "![x](https://tracker.example/x.png)")));

    assertThat(refused.statusCode()).as(refused.body()).isEqualTo(403);
    assertThat(refused.body()).contains("accountName", "read-only");
    assertThat(task().getId()).isEqualTo(review);
    assertThat(runtime.getVariable(instance, "accountName")).isEqualTo("Form Vars Ltd");
  }

  @Test
  void aDateFieldOfTheFormTakesOnlyADate() throws Exception {
    CamundaRest salesRep = CamundaRest.engineRest(port, "sales-rep-demo");
    String task = "/task/" + task().getId();

    assertRefused(salesRep.send("PUT", task + "/variables/contractStart",
        "{\"value\":\"![x](https://tracker.example/x.png)\"}"), "contractStart");
    assertThat(salesRep.send("PUT", task + "/variables/contractStart", "{\"value\":\"2026-12-02\"}").statusCode())
        .isEqualTo(204);
  }

  @ParameterizedTest
  @EnumSource(Door.class)
  void onTheirOwnTaskStaffSetNoVariableOutsideItsFormByAnyPath(Door door) throws Exception {
    CamundaRest salesRep = CamundaRest.as(door, port, "sales-rep-demo");
    String task = "/task/" + task().getId();
    String csmUserId = "{\"value\":\"sales-rep-demo\"}";

    assertRefused(salesRep.send("PUT", task + "/variables/csmUserId", csmUserId), "csmUserId");
    assertRefused(salesRep.send("POST", task + "/variables",
        "{\"modifications\":{\"csmUserId\":" + csmUserId + "}}"), "csmUserId");
    assertRefused(salesRep.send("POST", task + "/variables", "{\"deletions\":[\"accountId\"]}"), "accountId");
    assertRefused(salesRep.send("DELETE", task + "/variables/accountId", null), "accountId");
    assertRefused(salesRep.send("PUT", task + "/localVariables/escalated", "{\"value\":false}"), "escalated");
    assertRefused(salesRep.send("POST", task + "/resolve", variables(Map.of("csmUserId", "sales-rep-demo"))),
        "csmUserId");
    assertRefused(salesRep.send("POST", task + "/bpmnError",
        "{\"errorCode\":\"x\",\"variables\":{\"csmUserId\":" + csmUserId + "}}"), "csmUserId");
    assertThat(runtime.getVariable(instance, "csmUserId")).isEqualTo("csm-demo");
    assertThat(runtime.getVariable(instance, "accountId")).isNotNull();

    // A field of the checklist's form may be kept on the task before it is completed.
    assertThat(salesRep.send("PUT", task + "/variables/useCase", "{\"value\":\"Field service\"}").statusCode())
        .isEqualTo(204);
    assertThat(runtime.getVariable(instance, "useCase")).isEqualTo("Field service");
  }

  // (variable-instance is read-only in Camunda's API: it has no path that writes.)
  @ParameterizedTest
  @EnumSource(Door.class)
  void staffWriteNoProcessVariablesOutsideATask(Door door) throws Exception {
    CamundaRest salesRep = CamundaRest.as(door, port, "sales-rep-demo");
    String value = "{\"value\":\"sales-rep-demo\"}";

    assertThat(salesRep.send("PUT", "/process-instance/" + instance + "/variables/csmUserId", value).statusCode())
        .isEqualTo(403);
    assertThat(salesRep.send("POST", "/process-instance/" + instance + "/variables",
        "{\"modifications\":{\"csmUserId\":" + value + "}}").statusCode()).isEqualTo(403);
    assertThat(salesRep.send("PUT", "/execution/" + instance + "/localVariables/csmUserId", value).statusCode())
        .isEqualTo(403);
    assertThat(runtime.getVariable(instance, "csmUserId")).isEqualTo("csm-demo");
  }

  @Test
  void aSerializedJavaObjectIsRefusedEvenForAFieldOfTheForm() throws Exception {
    CamundaRest salesRep = CamundaRest.engineRest(port, "sales-rep-demo");
    String task = "/task/" + task().getId();
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(new HashMap<>(Map.of("a", "b")));
    }
    String javaObject = "{\"type\":\"Object\",\"value\":\"" + Base64.getEncoder().encodeToString(bytes.toByteArray())
        + "\",\"valueInfo\":{\"objectTypeName\":\"java.util.HashMap\","
        + "\"serializationDataFormat\":\"application/x-java-serialized-object\"}}";
    String jsonObject = "{\"type\":\"Object\",\"value\":\"{}\",\"valueInfo\":{\"objectTypeName\":"
        + "\"com.sun.rowset.JdbcRowSetImpl\",\"serializationDataFormat\":\"application/json\"}}";

    assertRefused(salesRep.send("POST", task + "/complete", "{\"variables\":{\"useCase\":" + javaObject + "}}"),
        "useCase");
    assertRefused(salesRep.send("PUT", task + "/variables/useCase", jsonObject), "useCase");
    assertThat(task().getTaskDefinitionKey()).isEqualTo("Task_CompleteChecklist");
    assertThat(runtime.getVariable(instance, "useCase")).isNull();
  }

  @Test
  void theEngineDeserializesOnlyAllowedTypes() {
    ProcessEngineConfigurationImpl configuration = (ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration();
    assertThat(configuration.isDeserializationTypeValidationEnabled()).isTrue();
    assertThat(configuration.isJavaSerializationFormatEnabled()).isFalse();
    assertThat(configuration.getDeserializationTypeValidator().validate("java.util.ArrayList")).isTrue();
    assertThat(configuration.getDeserializationTypeValidator().validate("com.sun.rowset.JdbcRowSetImpl")).isFalse();
    assertThat(configuration.getDeserializationTypeValidator().validate("dev.baton.account.Account")).isFalse();
  }

  /** The sales rep submits the checklist's form as Tasklist does. */
  private void submitTheChecklist(Door door) throws Exception {
    Map<String, Object> checklist = new LinkedHashMap<>();
    checklist.put("useCase", "Onboard 40 field engineers");
    checklist.put("pricingPlan", "Growth");
    checklist.put("painPoints", "Spreadsheets for every hand-over");
    checklist.put("contractStart", "2026-12-01");
    checklist.put("contractEnd", "2027-11-30");
    checklist.put("renewalDate", "2027-11-30");
    checklist.put("scopeModules", "Core, Reporting");
    checklist.put("champions", "Ann Buyer");
    checklist.put("decisionMakers", "Carl CFO");
    checklist.put("customerAsks", "SSO in the first month");
    checklist.put("goalsShortTerm", "Live in 6 weeks");
    checklist.put("successMeasures", "Hand-over time halved");
    checklist.put("roiAnalysis", "Saves 2 FTE");
    checklist.put("deploymentTimeline", "Pilot in January, rollout in February");
    checklist.put("renewalLikelihood", "likely");
    checklist.put("salesPerceptions", "Easy sale, procurement is slow");
    checklist.put("othersInvolved", "IT security lead, procurement");
    checklist.put("canServeToday", "partly");
    checklist.put("salesKickoffSignOff", "The Sales Rep");
    checklist.put("accountName", "Form Vars Ltd");
    checklist.put("dealValue", "€12,000");
    HttpResponse<String> submitted = CamundaRest.as(door, port, "sales-rep-demo")
        .send("POST", "/task/" + task().getId() + "/submit-form", variables(checklist));
    assertThat(submitted.statusCode()).as(submitted.body()).isEqualTo(204);
    Jobs.executeAll(management, instance);
    assertThat(task().getTaskDefinitionKey()).isEqualTo("Task_ReviewChecklist");
  }

  private String variables(Map<String, Object> values) throws Exception {
    Map<String, Object> variables = new LinkedHashMap<>();
    values.forEach((name, value) -> variables.put(name, Map.of("value", value)));
    return json.writeValueAsString(Map.of("variables", variables));
  }

  private static void assertRefused(HttpResponse<String> response, String variable) {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(403);
    assertThat(response.body()).contains("'" + variable + "'");
  }

  private Task task() {
    return tasks.createTaskQuery().processInstanceId(instance).singleResult();
  }
}
