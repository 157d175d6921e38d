package dev.baton.portfolio;

import dev.baton.calendar.BusinessTime;
import dev.baton.engine.WithoutAuthorization;
import dev.baton.mail.MailOutbox;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
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

  /** Up to this many accounts (a page's) are read by their own instances; more read every running instance. */
  private static final int PAGE = 200;
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
  private final CamundaTablesSql tables;

  OpenWorkReader(RuntimeService runtime, TaskService tasks, RepositoryService repository, BusinessTime time,
      CamundaTablesSql tables) {
    this.tables = tables;
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
    return WithoutAuthorization.call(() -> wanted.size() <= PAGE ? readFew(wanted) : read(wanted));
  }

  /**
   * A page's accounts: their running instances by business key, in one query (every account's process is keyed
   * by its account; a handoff by its deal, so the few running handoffs are read too) and only those instances'
   * tasks, instead of the whole running engine.
   */
  private Map<String, OpenWork> readFew(Set<String> wanted) {
    Map<String, ProcessInstance> instances = new HashMap<>();
    tables.activeInstancesWithBusinessKeys(wanted).forEach(instance -> instances.put(instance.getId(), instance));
    runtime.createProcessInstanceQuery().processDefinitionKey(HANDOFF_PROCESS).active().list()
        .forEach(instance -> instances.put(instance.getId(), instance));
    List<VariableInstance> variables = new ArrayList<>();
    List<Task> open = new ArrayList<>();
    Set<String> escalatedTasks = new HashSet<>();
    for (List<String> batch : batches(instances.keySet())) {
      String[] ids = batch.toArray(String[]::new);
      variables.addAll(runtime.createVariableInstanceQuery().variableName(ACCOUNT_ID).processInstanceIdIn(ids)
          .disableBinaryFetching().disableCustomObjectDeserialization().list());
      open.addAll(tasks.createTaskQuery().active().processInstanceIdIn(ids).list());
      tasks.createTaskQuery().active().processInstanceIdIn(ids).taskVariableValueEquals(ESCALATED, true).list()
          .forEach(t -> escalatedTasks.add(t.getId()));
    }
    return work(wanted, variables, instances.values(), open, escalatedTasks);
  }

  /**
   * The accounts the risk order and the stage filter need from the engine, read narrowly: the late open steps,
   * the running escalations and handoffs (few, against every running instance), each mapped to its account as
   * {@link #of} maps it.
   */
  Attention attention() {
    return WithoutAuthorization.call(() -> {
      // One native query for the instances (CamundaTablesSql), one for their account variables.
      List<CamundaTablesSql.NeedingAttention> instances = tables.instancesNeedingAttention(Date.from(time.now()),
          MailOutbox.PROCESS_KEY, List.of(ESCALATION_PROCESS, HANDOFF_PROCESS));
      Map<String, String> accountVariable = new HashMap<>();
      for (List<String> batch : batches(instances.stream().map(CamundaTablesSql.NeedingAttention::instanceId)
          .distinct().toList())) {
        for (VariableInstance variable : runtime.createVariableInstanceQuery().variableName(ACCOUNT_ID)
            .processInstanceIdIn(batch.toArray(String[]::new)).disableBinaryFetching()
            .disableCustomObjectDeserialization().list()) {
          if (variable.getTaskId() == null) {
            accountVariable.put(variable.getProcessInstanceId(), String.valueOf(variable.getValue()));
          }
        }
      }
      Set<String> late = new HashSet<>();
      Set<String> escalated = new HashSet<>();
      Set<String> inHandoff = new HashSet<>();
      for (CamundaTablesSql.NeedingAttention instance : instances) {
        String account = accountVariable.getOrDefault(instance.instanceId(), instance.businessKey());
        if (account == null) {
          continue;
        }
        if (instance.late()) {
          late.add(account);
        } else if (ESCALATION_PROCESS.equals(instance.processKey())) {
          escalated.add(account);
        } else if (HANDOFF_PROCESS.equals(instance.processKey())) {
          inHandoff.add(account);
        }
      }
      return new Attention(late, escalated, inHandoff);
    });
  }

  /** Accounts with a late open step, with an escalation running, with a handoff running. */
  record Attention(Set<String> late, Set<String> escalated, Set<String> inHandoff) {}

  private static List<List<String>> batches(Collection<String> ids) {
    List<String> all = new ArrayList<>(ids);
    List<List<String>> batches = new ArrayList<>();
    for (int i = 0; i < all.size(); i += 1000) {
      batches.add(all.subList(i, Math.min(i + 1000, all.size())));
    }
    return batches;
  }

  /**
   * Open work of the accounts that have some and that {@code visibleAmong} keeps: it is given every account a
   * running instance names (its account variable or business key) and answers those the viewer sees. The same as
   * {@link #of} for the viewer's accounts, without knowing them all first (a report counts them in SQL).
   */
  Map<String, OpenWork> ofAccountsAmong(Function<Set<String>, Set<String>> visibleAmong) {
    return WithoutAuthorization.call(() -> {
      List<VariableInstance> variables = runtime.createVariableInstanceQuery().variableName(ACCOUNT_ID).list();
      List<ProcessInstance> instances = runtime.createProcessInstanceQuery().active().list();
      Set<String> named = new HashSet<>();
      variables.stream().filter(variable -> variable.getTaskId() == null)
          .forEach(variable -> named.add(String.valueOf(variable.getValue())));
      instances.forEach(instance -> named.add(instance.getBusinessKey()));
      named.remove(null);
      Set<String> wanted = named.isEmpty() ? Set.of() : Set.copyOf(visibleAmong.apply(named));
      if (wanted.isEmpty()) {
        return Map.<String, OpenWork>of();
      }
      Set<String> escalatedTasks = new HashSet<>();
      tasks.createTaskQuery().active().taskVariableValueEquals(ESCALATED, true).list()
          .forEach(t -> escalatedTasks.add(t.getId()));
      return work(wanted, variables, instances, tasks.createTaskQuery().active().list(), escalatedTasks);
    });
  }

  private Map<String, OpenWork> read(Set<String> wanted) {
    // One query for the running instances and one for the open tasks, joined here (see docs/portfolio.md, scale).
    Set<String> escalatedTasks = new HashSet<>();
    tasks.createTaskQuery().active().taskVariableValueEquals(ESCALATED, true).list()
        .forEach(t -> escalatedTasks.add(t.getId()));
    return work(wanted, runtime.createVariableInstanceQuery().variableName(ACCOUNT_ID).list(),
        runtime.createProcessInstanceQuery().active().list(), tasks.createTaskQuery().active().list(), escalatedTasks);
  }

  /** The open work of the wanted accounts, from running instances, their account variables and open tasks. */
  private Map<String, OpenWork> work(Set<String> wanted, Collection<VariableInstance> variables,
      Collection<ProcessInstance> instances, Collection<Task> openTasks, Set<String> escalatedTasks) {
    Map<String, String> accountOfInstance = new HashMap<>();
    for (VariableInstance variable : variables) {
      if (variable.getTaskId() == null && wanted.contains(String.valueOf(variable.getValue()))) {
        accountOfInstance.put(variable.getProcessInstanceId(), String.valueOf(variable.getValue()));
      }
    }
    Map<String, Set<String>> processesOfAccount = new HashMap<>();
    for (ProcessInstance instance : instances) {
      String account = accountOfInstance.getOrDefault(instance.getId(), instance.getBusinessKey());
      String key = processKey(instance.getProcessDefinitionId());
      if (account == null || !wanted.contains(account) || MailOutbox.PROCESS_KEY.equals(key)) {
        accountOfInstance.remove(instance.getId());
        continue;
      }
      accountOfInstance.put(instance.getId(), account);
      processesOfAccount.computeIfAbsent(account, a -> new HashSet<>()).add(key);
    }
    Instant now = time.now();
    Map<String, List<OpenTask>> tasksOfAccount = new HashMap<>();
    for (Task task : openTasks) {
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
