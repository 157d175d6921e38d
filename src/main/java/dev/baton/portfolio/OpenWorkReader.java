package dev.baton.portfolio;

import dev.baton.calendar.BusinessTime;
import dev.baton.engine.WithoutAuthorization;
import dev.baton.mail.MailOutbox;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.runtime.VariableInstance;
import org.camunda.bpm.engine.task.Task;
import org.springframework.stereotype.Component;

/**
 * Reads what is in progress per account from the running engine through its public services: the running
 * instances (business key = account id) and their open user tasks. Visibility is decided by the book of
 * business, so the engine's own authorization checks are left out here.
 */
@Component
class OpenWorkReader {

  /** The escalation of a red account (processes/RedHealthEscalation.bpmn). */
  static final String ESCALATION_PROCESS = "RedHealthEscalation";
  /** The handoff from Sales (processes/SalesToCsHandoff.bpmn). */
  static final String HANDOFF_PROCESS = "SalesToCsHandoff";
  /** Every Baton process carries its account in this variable (a handoff is keyed by its deal, not the account). */
  static final String ACCOUNT_ID = "accountId";
  /** Set on a task by RACI when its due date passes (docs/raci.md). */
  private static final String ESCALATED = "escalated";

  private final RuntimeService runtime;
  private final TaskService tasks;
  private final RepositoryService repository;
  private final BusinessTime time;

  OpenWorkReader(RuntimeService runtime, TaskService tasks, RepositoryService repository, BusinessTime time) {
    this.time = time;
    this.runtime = runtime;
    this.tasks = tasks;
    this.repository = repository;
  }

  /** Open work of the given accounts (accounts without any are left out of the map). */
  Map<String, OpenWork> of(Collection<String> accountIds) {
    Set<String> wanted = new HashSet<>(accountIds);
    if (wanted.isEmpty()) {
      return Map.of();
    }
    return WithoutAuthorization.call(() -> read(wanted));
  }

  private Map<String, OpenWork> read(Set<String> wanted) {
    // One query for the running instances and one for the open tasks, joined here (see docs/portfolio.md, scale).
    Map<String, String> accountOfInstance = new HashMap<>();
    for (VariableInstance variable : runtime.createVariableInstanceQuery().variableName(ACCOUNT_ID).list()) {
      if (variable.getTaskId() == null && wanted.contains(String.valueOf(variable.getValue()))) {
        accountOfInstance.put(variable.getProcessInstanceId(), String.valueOf(variable.getValue()));
      }
    }
    Map<String, Set<String>> processesOfAccount = new HashMap<>();
    for (ProcessInstance instance : runtime.createProcessInstanceQuery().active().list()) {
      String account = accountOfInstance.getOrDefault(instance.getId(), instance.getBusinessKey());
      String key = processKey(instance.getProcessDefinitionId());
      if (account == null || !wanted.contains(account) || MailOutbox.PROCESS_KEY.equals(key)) {
        accountOfInstance.remove(instance.getId());
        continue;
      }
      accountOfInstance.put(instance.getId(), account);
      processesOfAccount.computeIfAbsent(account, a -> new HashSet<>()).add(key);
    }
    Set<String> escalatedTasks = new HashSet<>();
    tasks.createTaskQuery().active().taskVariableValueEquals(ESCALATED, true).list()
        .forEach(t -> escalatedTasks.add(t.getId()));
    Instant now = time.now();
    Map<String, List<OpenTask>> tasksOfAccount = new HashMap<>();
    for (Task task : tasks.createTaskQuery().active().list()) {
      String account = accountOfInstance.get(task.getProcessInstanceId());
      if (account == null) {
        continue;
      }
      Instant due = task.getDueDate() == null ? null : task.getDueDate().toInstant();
      tasksOfAccount.computeIfAbsent(account, a -> new ArrayList<>()).add(new OpenTask(
          processName(task.getProcessDefinitionId()), task.getName(), task.getAssignee(), due,
          due != null && due.isBefore(now), escalatedTasks.contains(task.getId())));
    }
    Map<String, OpenWork> work = new HashMap<>();
    processesOfAccount.forEach((account, processes) -> {
      List<OpenTask> open = new ArrayList<>(tasksOfAccount.getOrDefault(account, List.of()));
      open.sort(OpenWork.URGENCY);
      work.put(account, new OpenWork(List.copyOf(open), processes.contains(ESCALATION_PROCESS),
          processes.contains(HANDOFF_PROCESS)));
    });
    return work;
  }

  private String processKey(String definitionId) {
    // The engine caches deployed definitions: no query per instance.
    return repository.getProcessDefinition(definitionId).getKey();
  }

  private String processName(String definitionId) {
    var definition = repository.getProcessDefinition(definitionId);
    return definition.getName() == null ? definition.getKey() : definition.getName();
  }
}
