package dev.baton.raci;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.baton.support.BatonIntegrationTest;
import java.util.Map;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.management.JobDefinition;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Deploying BPMN: the RACI properties of every user task are checked by the engine itself. */
@BatonIntegrationTest
class RaciParseListenerTest {

  @Autowired RepositoryService repository;
  @Autowired ManagementService management;

  @Test
  void aTaskWithValidRolesDeploysWithItsDueDateTimerDefinition() {
    String model = RaciTestProcess.oneTaskModel("RaciParseValid", "Task_Valid", "",
        Map.of("raci.responsible", "csm", "raci.accountable", "cs-lead", "raci.consulted", "support,account-manager",
            "raci.informed", "sales-rep"));

    repository.createDeployment().name("raci-parse-test").enableDuplicateFiltering(false)
        .addString("processes/RaciParseValid.bpmn", model).deploy();

    ProcessDefinition definition = repository.createProcessDefinitionQuery().processDefinitionKey("RaciParseValid")
        .latestVersion().singleResult();
    JobDefinition timer = management.createJobDefinitionQuery().processDefinitionId(definition.getId())
        .activityIdIn("Task_Valid").singleResult();
    assertThat(timer.getJobType()).isEqualTo("timer-task-listener");
    assertThat(timer.getJobConfiguration()).isEqualTo("DATE: RACI due date");
  }

  @Test
  void aTaskWithoutResponsibleFailsTheDeploymentNamingFileTaskAndFix() {
    String model = RaciTestProcess.oneTaskModel("RaciParseNoR", "Task_NoOwner", "",
        Map.of("raci.accountable", "cs-lead"));

    assertThatThrownBy(() -> repository.createDeployment().name("raci-parse-test")
        .addString("processes/RaciParseNoR.bpmn", model).deploy())
        .isInstanceOf(ProcessEngineException.class)
        .hasMessageContaining("processes/RaciParseNoR.bpmn: user task Task_NoOwner has no raci.responsible; "
            + "add a camunda property raci.responsible with one role of: sales-rep, sales-manager");
    assertThat(repository.createProcessDefinitionQuery().processDefinitionKey("RaciParseNoR").count()).isZero();
  }

  @Test
  void aTaskWithoutAnyPropertiesFailsTheDeployment() {
    String model = RaciTestProcess.oneTaskModel("RaciParseBare", "Task_Bare", "", Map.of());

    assertThatThrownBy(() -> repository.createDeployment().addString("processes/RaciParseBare.bpmn", model).deploy())
        .hasMessageContaining("processes/RaciParseBare.bpmn: user task Task_Bare has no raci.responsible");
  }

  @Test
  void anUnknownRoleFailsTheDeploymentNamingEveryBadRole() {
    String model = RaciTestProcess.oneTaskModel("RaciParseUnknown", "Task_Unknown", "",
        Map.of("raci.responsible", "csm", "raci.consulted", "support,legal", "raci.informed", "ceo"));

    assertThatThrownBy(() -> repository.createDeployment()
        .addString("processes/RaciParseUnknown.bpmn", model).deploy())
        .isInstanceOf(ProcessEngineException.class)
        .hasMessageContaining("processes/RaciParseUnknown.bpmn: user task Task_Unknown has raci.consulted naming "
            + "the unknown role 'legal'; use one of: sales-rep")
        .hasMessageContaining("user task Task_Unknown has raci.informed naming the unknown role 'ceo'");
  }

  @Test
  void severalResponsibleRolesFailTheDeployment() {
    String model = RaciTestProcess.oneTaskModel("RaciParseTwoR", "Task_TwoOwners", "",
        Map.of("raci.responsible", "csm,support"));

    assertThatThrownBy(() -> repository.createDeployment().addString("processes/RaciParseTwoR.bpmn", model).deploy())
        .hasMessageContaining("user task Task_TwoOwners has raci.responsible 'csm,support' naming several roles");
  }
}
