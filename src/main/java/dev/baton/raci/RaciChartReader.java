package dev.baton.raci;

import dev.baton.engine.WithoutAuthorization;
import dev.baton.identity.RoleCatalogue;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.Activity;
import org.camunda.bpm.model.bpmn.instance.BoundaryEvent;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.camunda.bpm.model.bpmn.instance.StartEvent;
import org.camunda.bpm.model.bpmn.instance.SubProcess;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaProperties;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaProperty;
import org.camunda.bpm.model.xml.instance.ModelElementInstance;
import org.springframework.stereotype.Component;

/**
 * Builds the RACI chart from the BPMN models the engine runs (the latest version of each deployed
 * process), reading the same raci.* properties as RaciUserTasks, so chart and behaviour agree.
 */
@Component
public class RaciChartReader {

  private final RepositoryService repository;
  private final RoleCatalogue roles;

  public RaciChartReader(RepositoryService repository, RoleCatalogue roles) {
    this.repository = repository;
    this.roles = roles;
  }

  public RaciChart read() {
    List<RaciChart.Role> columns = roles.ids().stream()
        .map(id -> new RaciChart.Role(id, roles.displayName(id))).toList();
    List<ProcessDefinition> definitions = WithoutAuthorization.call(() ->
        repository.createProcessDefinitionQuery().latestVersion().list());
    List<RaciChart.Process> processes = new ArrayList<>();
    for (ProcessDefinition definition : definitions) {
      BpmnModelInstance model = WithoutAuthorization.call(() -> repository.getBpmnModelInstance(definition.getId()));
      List<RaciChart.Row> rows = new ArrayList<>();
      for (UserTask task : userTasksInFlowOrder(model, definition.getKey())) {
        RaciTask raci = RaciTask.from(properties(task));
        Map<String, String> cells = new LinkedHashMap<>();
        for (String role : roles.ids()) {
          List<String> letters = raci.letters(role);
          if (!letters.isEmpty()) {
            cells.put(role, String.join("/", letters));
          }
        }
        rows.add(new RaciChart.Row(task.getId(), task.getName() == null ? task.getId() : task.getName(), cells));
      }
      if (!rows.isEmpty()) {
        processes.add(new RaciChart.Process(definition.getKey(),
            definition.getName() == null ? definition.getKey() : definition.getName(), definition.getVersion(), rows));
      }
    }
    processes.sort(Comparator.comparing(RaciChart.Process::name, String.CASE_INSENSITIVE_ORDER)
        .thenComparing(RaciChart.Process::key));
    return new RaciChart(columns, processes);
  }

  /**
   * The user tasks in flow order: a topological walk from the start events (a join waits for all
   * its branches, loops back are ignored), with sub-processes expanded where they stand and boundary
   * events following their activity; tasks no flow reaches (event sub-processes) come last.
   */
  static List<UserTask> userTasksInFlowOrder(BpmnModelInstance model, String processKey) {
    org.camunda.bpm.model.bpmn.instance.Process process = model.getModelElementById(processKey);
    Map<Activity, List<BoundaryEvent>> boundaries = new HashMap<>();
    for (BoundaryEvent boundary : model.getModelElementsByType(BoundaryEvent.class)) {
      boundaries.computeIfAbsent(boundary.getAttachedTo(), a -> new ArrayList<>()).add(boundary);
    }
    List<UserTask> ordered = new ArrayList<>();
    walk(process, boundaries, ordered);
    for (UserTask task : allUserTasks(process)) {
      if (!ordered.contains(task)) {
        ordered.add(task);
      }
    }
    return ordered;
  }

  private static void walk(ModelElementInstance scope, Map<Activity, List<BoundaryEvent>> boundaries,
      List<UserTask> ordered) {
    List<FlowNode> starts = new ArrayList<>(scope.getChildElementsByType(StartEvent.class));
    // Edges that close a loop (found depth-first) do not count: the loop's entry is not waiting on itself.
    Set<String> backEdges = new HashSet<>();
    Set<FlowNode> reachable = new LinkedHashSet<>();
    for (FlowNode start : starts) {
      findBackEdges(start, boundaries, new HashSet<>(), reachable, backEdges);
    }
    Map<FlowNode, Integer> waitingFor = new HashMap<>();
    for (FlowNode node : reachable) {
      for (FlowNode next : successors(node, boundaries)) {
        if (!backEdges.contains(edge(node, next))) {
          waitingFor.merge(next, 1, Integer::sum);
        }
      }
    }
    Deque<FlowNode> ready = new ArrayDeque<>(starts);
    Set<FlowNode> done = new HashSet<>();
    while (!ready.isEmpty()) {
      FlowNode node = ready.poll();
      if (!done.add(node)) {
        continue;
      }
      if (node instanceof UserTask task) {
        ordered.add(task);
      }
      if (node instanceof SubProcess subProcess && !subProcess.triggeredByEvent()) {
        walk(subProcess, boundaries, ordered);
      }
      for (FlowNode next : successors(node, boundaries)) {
        if (!backEdges.contains(edge(node, next)) && waitingFor.merge(next, -1, Integer::sum) <= 0) {
          ready.add(next);
        }
      }
    }
  }

  private static void findBackEdges(FlowNode node, Map<Activity, List<BoundaryEvent>> boundaries,
      Set<FlowNode> onPath, Set<FlowNode> seen, Set<String> backEdges) {
    seen.add(node);
    onPath.add(node);
    for (FlowNode next : successors(node, boundaries)) {
      if (onPath.contains(next)) {
        backEdges.add(edge(node, next));
      } else if (!seen.contains(next)) {
        findBackEdges(next, boundaries, onPath, seen, backEdges);
      }
    }
    onPath.remove(node);
  }

  private static List<FlowNode> successors(FlowNode node, Map<Activity, List<BoundaryEvent>> boundaries) {
    List<FlowNode> next = new ArrayList<>();
    node.getOutgoing().forEach(flow -> next.add(flow.getTarget()));
    if (node instanceof Activity activity) {
      next.addAll(boundaries.getOrDefault(activity, List.of()));
    }
    return next;
  }

  private static String edge(FlowNode from, FlowNode to) {
    return from.getId() + "->" + to.getId();
  }

  private static List<UserTask> allUserTasks(ModelElementInstance scope) {
    List<UserTask> tasks = new ArrayList<>(scope.getChildElementsByType(UserTask.class));
    scope.getChildElementsByType(SubProcess.class).forEach(sub -> tasks.addAll(allUserTasks(sub)));
    return tasks;
  }

  private static Map<String, String> properties(UserTask task) {
    Map<String, String> properties = new HashMap<>();
    if (task.getExtensionElements() == null) {
      return properties;
    }
    for (CamundaProperties group : task.getExtensionElements().getElementsQuery()
        .filterByType(CamundaProperties.class).list()) {
      for (CamundaProperty property : group.getCamundaProperties()) {
        properties.put(property.getCamundaName(), property.getCamundaValue());
      }
    }
    return properties;
  }
}
