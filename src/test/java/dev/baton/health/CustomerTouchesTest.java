package dev.baton.health;

import static dev.baton.health.HealthStalenessTest.dimension;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.baton.account.AccountRepository;
import dev.baton.support.BatonIntegrationTest;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.engine.variable.Variables;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Baton's own touches (docs/health.md): a user task marked {@code health.touch} in its model is a customer
 * contact; completing it is the account's last touch, so engagement is known without a pushed
 * daysSinceLastTouch and GET .../health says what the contact was.
 */
@BatonIntegrationTest
class CustomerTouchesTest {

  static final String PROCESS = "HealthTouchTest";

  @LocalServerPort int port;
  @Autowired AccountRepository accounts;
  @Autowired RepositoryService repository;
  @Autowired RuntimeService runtime;
  @Autowired TaskService tasks;
  @Autowired ManagementService management;
  @Autowired HealthSignals health;
  @Autowired JdbcClient jdbc;
  HealthApi api;
  String account;

  @BeforeEach
  void setUp() {
    api = new HealthApi(port);
    account = HealthApi.newAccount(accounts, "touch");
  }

  @AfterEach
  void resetClock() {
    ClockUtil.reset();
  }

  @Test
  void aCompletedCustomerFacingStepMakesEngagementGreenWithoutAPushedDayCount() throws Exception {
    post("{\"timestamp\":\"%s\",\"nps\":9}");
    assertThat(dimension(api.json(api.get("/api/accounts/" + account + "/health")), "engagement").get("band").asText())
        .isEqualTo("unknown");
    deploy(model("business review"));

    String instance = runtime.startProcessInstanceByKey(PROCESS, account, Variables.putValue("accountId", account)).getId();
    tasks.complete(tasks.createTaskQuery().processInstanceId(instance).singleResult().getId());

    JsonNode engagement = dimension(api.json(api.get("/api/accounts/" + account + "/health")), "engagement");
    assertThat(engagement.get("band").asText()).isEqualTo("green");
    assertThat(engagement.get("value").asText()).isEqualTo("Last customer contact: business review, today");
    assertThat(engagement.get("inputs").get("Days since the last customer touch").asInt()).isZero();
  }

  @Test
  void aTouchRecordedByAnotherModuleAgesAndTheDailyRescoreTurnsEngagementYellow() throws Exception {
    Instant touched = Instant.now();
    post("{\"timestamp\":\"%s\",\"nps\":9}");
    assertThat(health.recordTouch(account, touched, "new champion meeting")).isPresent();

    // 31 days later the last touch has aged into the yellow band of EngagementHealth (31 to 60 days).
    DailyRescore.runAt(touched.plus(Duration.ofDays(31)), management, runtime, jdbc);

    JsonNode engagement = dimension(api.json(api.get("/api/accounts/" + account + "/health")), "engagement");
    assertThat(engagement.get("band").asText()).isEqualTo("yellow");
    assertThat(engagement.get("value").asText()).isEqualTo("Last customer contact: new champion meeting, 31 days ago");
  }

  @Test
  void aTouchBeforeTheFirstSignalIsKeptAndCountsFromTheFirstScoreOn() throws Exception {
    assertThat(health.recordTouch(account, Instant.now(), "kickoff meeting")).isEmpty();
    assertThat(api.get("/api/accounts/" + account + "/health").statusCode()).isEqualTo(404);

    JsonNode engagement = dimension(api.json(post("{\"timestamp\":\"%s\",\"nps\":9}")).get("health"), "engagement");

    assertThat(engagement.get("band").asText()).isEqualTo("green");
    assertThat(engagement.get("value").asText()).isEqualTo("Last customer contact: kickoff meeting, today");
  }

  @Test
  void aNewerPushedDayCountWinsOverAnOlderTouchInBaton() throws Exception {
    health.recordTouch(account, Instant.now().minus(Duration.ofDays(20)), "value review");

    JsonNode engagement = dimension(api.json(post("{\"timestamp\":\"%s\",\"daysSinceLastTouch\":2}")).get("health"), "engagement");

    assertThat(engagement.get("value").asText()).isEqualTo("last customer touch 2 days ago");
  }

  @Test
  void anUnknownAccountsTouchIsSkippedNotFailed() {
    assertThat(health.recordTouch("no-such-account-" + UUID.randomUUID(), Instant.now(), "value review")).isEmpty();
  }

  @Test
  void theCustomerFacingStepsOfTodaysProcessesAreMarked() {
    assertThat(touches("OnboardingKickoff")).containsEntry("Task_HoldKickoff", "kickoff meeting")
        .containsEntry("Task_ConfirmPlanByCall", "success plan call").containsEntry("Task_RunAdoptionPlay", "adoption play");
    assertThat(touches("RenewalPreparation")).containsEntry("Task_ValueReview", "value review")
        .containsEntry("Task_AddressRisk", "renewal risk call").containsEntry("Task_ReachOut", "renewal risk call");
    assertThat(touches("NpsSurvey")).containsEntry("Task_CloseTheLoop", "call with a detractor");
  }

  @Test
  void aMarkThatDoesNotSayWhatTheContactWasFailsTheDeployment() {
    assertThatThrownBy(() -> deploy(model("true")))
        .hasMessageContaining("Task_Meet").hasMessageContaining("health.touch").hasMessageContaining("kickoff meeting");
  }

  private java.net.http.HttpResponse<String> post(String template) throws Exception {
    var response = api.post(account, template.formatted(OffsetDateTime.now(ZoneOffset.UTC)));
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return response;
  }

  private Map<String, String> touches(String processKey) {
    ProcessDefinition definition = repository.createProcessDefinitionQuery().processDefinitionKey(processKey)
        .latestVersion().singleResult();
    BpmnModelInstance model = repository.getBpmnModelInstance(definition.getId());
    Map<String, String> marked = new java.util.TreeMap<>();
    for (UserTask task : model.getModelElementsByType(UserTask.class)) {
      for (CamundaProperty property : model.getModelElementsByType(CamundaProperty.class)) {
        if (property.getParentElement().getParentElement().getParentElement() == task
            && CustomerFacingTasks.PROPERTY.equals(property.getCamundaName())) {
          marked.put(task.getId(), property.getCamundaValue());
        }
      }
    }
    return marked;
  }

  private void deploy(String xml) {
    repository.createDeployment().name("health-touch-test").addString(PROCESS + ".bpmn", xml).deploy();
  }

  private static String model(String touch) {
    return """
        <?xml version="1.0" encoding="UTF-8"?>
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
            xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="Definitions_%1$s" targetNamespace="http://baton.dev/bpmn">
          <bpmn:process id="%1$s" isExecutable="true" camunda:historyTimeToLive="P1D">
            <bpmn:startEvent id="StartEvent_1"/>
            <bpmn:sequenceFlow id="Flow_1" sourceRef="StartEvent_1" targetRef="Task_Meet"/>
            <bpmn:userTask id="Task_Meet" name="Meet the customer">
              <bpmn:extensionElements><camunda:properties>
                <camunda:property name="raci.responsible" value="csm"/>
                <camunda:property name="health.touch" value="%2$s"/>
              </camunda:properties></bpmn:extensionElements>
            </bpmn:userTask>
            <bpmn:sequenceFlow id="Flow_2" sourceRef="Task_Meet" targetRef="EndEvent_1"/>
            <bpmn:endEvent id="EndEvent_1"/>
          </bpmn:process>
        </bpmn:definitions>
        """.formatted(PROCESS, touch);
  }
}
