package dev.baton.expansion;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.account.Account;
import dev.baton.account.AccountService;
import dev.baton.support.BatonIntegrationTest;
import java.util.Date;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * "Expansion opportunity spotted" on the NPS close-the-loop and the renewal risk forms raises an
 * ExpansionOpportunity when the task is completed with the box ticked, and nothing when it is not; the models'
 * end listeners are what is tested, so each task is started directly.
 */
@BatonIntegrationTest
class OpportunitiesSpottedInFormsTest {

  @Autowired ProcessEngine engine;
  @Autowired AccountService accountService;
  @Autowired RuntimeService runtime;
  @Autowired TaskService tasks;
  String account;

  @BeforeEach
  void account() {
    BpmnAwareTests.init(engine);
    ClockUtil.setCurrentTime(Date.from(Instant.parse("2026-11-23T10:00:00Z")));
    account = "spotted-" + UUID.randomUUID().toString().substring(0, 8);
    accountService.save(new Account(account, "Acme " + account, "enterprise", null, null,
        Map.of("csm", "csm-demo", "account-manager", "account-manager-demo")));
  }

  @AfterEach
  void resetClock() {
    ClockUtil.reset();
  }

  @Test
  void theRenewalRiskFormRaisesOneWhenTheBoxIsTicked() {
    Task risk = startAt("RenewalPreparation", "Task_AddressRisk");

    tasks.complete(risk.getId(), completion(true));

    ProcessInstance raised = raised();
    assertThat(runtime.getVariables(raised.getId())).containsEntry("expansionNeed", "A second site wants 30 seats")
        .containsEntry("raisedFrom", "RenewalPreparation").containsEntry("raisedBy", "csm-demo");
    BpmnAwareTests.assertThat(raised).isWaitingAt("Task_Qualify");
  }

  @Test
  void theNpsCloseTheLoopFormRaisesOneWhenTheBoxIsTickedAndNoneWhenItIsNot() {
    tasks.complete(startAt("NpsSurvey", "Task_CloseTheLoop").getId(), completion(false));
    assertThat(opportunities()).isEmpty();

    tasks.complete(startAt("NpsSurvey", "Task_CloseTheLoop").getId(), completion(true));

    assertThat(runtime.getVariable(raised().getId(), "raisedFrom")).isEqualTo("NpsSurvey");
  }

  private Task startAt(String process, String task) {
    ProcessInstance instance = runtime.createProcessInstanceByKey(process).businessKey(account)
        .startBeforeActivity(task)
        // What the rest of each model reads after the task (the NPS round's next timer, the renewal's dates).
        .setVariables(Map.of("accountId", account, "accountName", "Acme " + account, "renewalDate", "2027-03-31",
            "npsSurveyedOn", "2026-11-23"))
        .execute();
    List<Task> open = tasks.createTaskQuery().processInstanceId(instance.getId()).taskDefinitionKey(task).list();
    assertThat(open).hasSize(1);
    return open.get(0);
  }

  private static Map<String, Object> completion(boolean spotted) {
    Map<String, Object> values = new HashMap<>();
    values.put("riskFindings", "Budget review in March");
    values.put("riskPlan", "Value review with the CFO");
    values.put("renewalLikelihood", "unsure");
    values.put("detractorReason", "Slow reports");
    values.put("loopClosingActions", "Faster reports by January");
    values.put("expansionSpotted", spotted);
    values.put("expansionNeed", "A second site wants 30 seats");
    return values;
  }

  private List<ProcessInstance> opportunities() {
    return runtime.createProcessInstanceQuery().processDefinitionKey(ExpansionOpportunities.PROCESS_KEY)
        .processInstanceBusinessKey(account).list();
  }

  private ProcessInstance raised() {
    List<ProcessInstance> found = opportunities();
    assertThat(found).hasSize(1);
    return found.get(0);
  }
}
