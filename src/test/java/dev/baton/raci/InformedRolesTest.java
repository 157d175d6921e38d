package dev.baton.raci;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.baton.account.AccountRepository;
import dev.baton.support.BatonIntegrationTest;
import java.util.Map;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.variable.Variables;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Who hears about an automatic step is the step's raci.informed property in the model, never Java. */
@BatonIntegrationTest
class InformedRolesTest {

  @Autowired RepositoryService repository;
  @Autowired RuntimeService runtime;
  @Autowired AccountRepository accounts;

  @Test
  void aServiceTaskMailsTheAccountTeamsHoldersOfItsInformedRoles() {
    String accountId = RaciTestProcess.newAccount(accounts, Map.of("cs-lead", "cs-lead-demo", "csm", "csm-demo"));
    deploy("InformedRolesTold", "raci.informed", "cs-lead, csm");

    var instance = runtime.startProcessInstanceByKey("InformedRolesTold", Variables.putValue("accountId", accountId));

    assertThat(runtime.getVariable(instance.getId(), "told"))
        .isEqualTo("[cs-lead-demo@example.com, csm-demo@example.com]");
  }

  @Test
  void aStepWithoutThePropertyOrWithAnUnknownRoleFailsNamingTheFix() {
    deploy("InformedRolesMissing", "raci.summary", "nothing");
    deploy("InformedRolesUnknown", "raci.informed", "legal");

    assertThatThrownBy(() -> runtime.startProcessInstanceByKey("InformedRolesMissing",
        Variables.putValue("accountId", "nobody")))
        .isInstanceOf(ProcessEngineException.class).hasMessageContaining("Task_Tell has no raci.informed");
    assertThatThrownBy(() -> runtime.startProcessInstanceByKey("InformedRolesUnknown",
        Variables.putValue("accountId", "nobody")))
        .isInstanceOf(ProcessEngineException.class).hasMessageContaining("unknown role 'legal'");
  }

  private void deploy(String processId, String property, String value) {
    String xml = """
        <?xml version="1.0" encoding="UTF-8"?>
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
            xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="Definitions_%1$s" targetNamespace="http://baton.dev/bpmn">
          <bpmn:process id="%1$s" isExecutable="true" camunda:historyTimeToLive="P1D">
            <bpmn:startEvent id="StartEvent_1"/>
            <bpmn:sequenceFlow id="Flow_1" sourceRef="StartEvent_1" targetRef="Task_Tell"/>
            <bpmn:serviceTask id="Task_Tell" name="Tell" camunda:resultVariable="told"
                camunda:expression="${informedRoles.emails(execution, accountId).toString()}">
              <bpmn:extensionElements><camunda:properties>
                <camunda:property name="%2$s" value="%3$s"/>
              </camunda:properties></bpmn:extensionElements>
            </bpmn:serviceTask>
            <bpmn:sequenceFlow id="Flow_2" sourceRef="Task_Tell" targetRef="Task_Wait"/>
            <bpmn:receiveTask id="Task_Wait"/>
          </bpmn:process>
        </bpmn:definitions>
        """.formatted(processId, property, value);
    repository.createDeployment().name(processId).enableDuplicateFiltering(false)
        .addString(processId + ".bpmn", xml.strip()).deploy();
  }
}
