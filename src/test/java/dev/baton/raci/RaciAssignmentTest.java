package dev.baton.raci;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.account.AccountRepository;
import dev.baton.support.BatonIntegrationTest;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.variable.Variables;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** R: the role's group is the candidate, the account team's holder of the role the assignee. */
@BatonIntegrationTest
class RaciAssignmentTest {

  @Autowired RepositoryService repository;
  @Autowired RuntimeService runtime;
  @Autowired TaskService tasks;
  @Autowired ManagementService management;
  @Autowired AccountRepository accounts;

  @BeforeEach
  void deploy() {
    RaciTestProcess.deploy(repository);
  }

  @Test
  void theAccountTeamsResponsiblePersonGetsTheTask() {
    String account = RaciTestProcess.newAccount(accounts, Map.of("csm", "csm-demo"));
    String instance = RaciTestProcess.start(runtime, account).getId();

    Task task = tasks.createTaskQuery().processInstanceId(instance).singleResult();
    assertThat(task.getTaskDefinitionKey()).isEqualTo("Task_ReviewNotes");
    assertThat(task.getAssignee()).isEqualTo("csm-demo");
    assertThat(candidateGroups(task)).containsExactly("csm");
  }

  @Test
  void withoutATeamMemberTheTaskGoesToTheRolesGroup() {
    String account = RaciTestProcess.newAccount(accounts, Map.of("support", "support-demo"));
    String instance = RaciTestProcess.start(runtime, account).getId();

    Task task = tasks.createTaskQuery().processInstanceId(instance).singleResult();
    assertThat(task.getAssignee()).isNull();
    assertThat(tasks.createTaskQuery().processInstanceId(instance).taskCandidateGroup("csm").count()).isEqualTo(1);
  }

  @Test
  void everyTaskGetsTheDefaultDueDateOfItsRoleAndATimerAtThatDate() {
    Instant before = Instant.now();
    String instance = RaciTestProcess.start(runtime, "no-such-account-" + UUID.randomUUID()).getId();

    Task task = tasks.createTaskQuery().processInstanceId(instance).singleResult();
    // baton.raci.default-due: P2D (csm has no override)
    assertThat(task.getDueDate().toInstant()).isBetween(before.plus(Duration.ofDays(2)).minusSeconds(1),
        Instant.now().plus(Duration.ofDays(2)));
    Job timer = management.createJobQuery().processInstanceId(instance).timers().singleResult();
    assertThat(timer.getDuedate()).isEqualTo(task.getDueDate());
  }

  @Test
  void aRoleWithItsOwnDefaultGetsThatDueDate() {
    // baton.raci.due-by-role.support: P1D
    repository.createDeployment().name("raci-test-support").enableDuplicateFiltering(false)
        .addString("raci/RaciSupportDue.bpmn", RaciTestProcess.oneTaskModel("RaciSupportDue", "Task_Answer", "",
            Map.of("raci.responsible", "support"))).deploy();
    Instant before = Instant.now();

    String instance = runtime.startProcessInstanceByKey("RaciSupportDue").getId();

    Task task = tasks.createTaskQuery().processInstanceId(instance).singleResult();
    assertThat(task.getDueDate().toInstant()).isBetween(before.plus(Duration.ofDays(1)).minusSeconds(1),
        Instant.now().plus(Duration.ofDays(1)));
  }

  @Test
  void theModelsDueDateWinsOverTheDefault() {
    String account = RaciTestProcess.newAccount(accounts, Map.of("csm", "csm-demo"));
    String instance = RaciTestProcess.start(runtime, account).getId();
    tasks.complete(tasks.createTaskQuery().processInstanceId(instance).singleResult().getId());

    Task approve = tasks.createTaskQuery().processInstanceId(instance).singleResult();
    assertThat(approve.getTaskDefinitionKey()).isEqualTo("Task_ApprovePlan");
    assertThat(Duration.between(Instant.now(), approve.getDueDate().toInstant())).isBetween(
        Duration.ofDays(5).minusMinutes(1), Duration.ofDays(5));
    assertThat(management.createJobQuery().processInstanceId(instance).timers().singleResult().getDuedate())
        .isEqualTo(approve.getDueDate());
  }

  @Test
  void aDueDateChangedInTasklistMovesTheEscalationTimer() {
    String instance = RaciTestProcess.start(runtime, "no-such-account-" + UUID.randomUUID()).getId();
    Task task = tasks.createTaskQuery().processInstanceId(instance).singleResult();
    java.util.Date later = java.util.Date.from(Instant.now().plus(Duration.ofDays(10)));
    task.setDueDate(later);
    tasks.saveTask(task);

    assertThat(management.createJobQuery().processInstanceId(instance).timers().singleResult().getDuedate()
        .getTime()).isEqualTo(later.getTime());
  }

  @Test
  void anExplicitAssigneeAndCandidateGroupInTheModelWin() {
    String model = RaciTestProcess.oneTaskModel("RaciExplicitAssignee", "Task_Explicit",
        "camunda:assignee=\"demo\" camunda:candidateGroups=\"cs-lead\"", Map.of("raci.responsible", "csm"));
    repository.createDeployment().name("raci-test-explicit").enableDuplicateFiltering(false)
        .addString("raci/RaciExplicitAssignee.bpmn", model).deploy();
    String account = RaciTestProcess.newAccount(accounts, Map.of("csm", "csm-demo"));

    String instance = runtime.startProcessInstanceByKey("RaciExplicitAssignee",
        Variables.putValue("accountId", account)).getId();

    Task task = tasks.createTaskQuery().processInstanceId(instance).singleResult();
    assertThat(task.getAssignee()).isEqualTo("demo");
    assertThat(candidateGroups(task)).containsExactly("cs-lead");
  }

  private java.util.List<String> candidateGroups(Task task) {
    return tasks.getIdentityLinksForTask(task.getId()).stream()
        .filter(link -> "candidate".equals(link.getType())).map(IdentityLink::getGroupId).toList();
  }
}
