package dev.baton.raci;

import dev.baton.engine.WithoutAuthorization;
import dev.baton.identity.RoleCatalogue;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
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
 * process), reading the same raci.* properties as RaciParseListener, so chart and behaviour agree.
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
   * The user tasks as the flow reaches them: breadth-first from the start events, into sub-processes
   * and along boundary events; tasks no flow reaches (event sub-processes) follow in model order.
   */
  static List<UserTask> userTasksInFlowOrder(BpmnModelInstance model, String processKey) {
    org.camunda.bpm.model.bpmn.instance.Process process = model.getModelElementById(processKey);
    Set<FlowNode> visited = new LinkedHashSet<>();
    Deque<FlowNode> queue = new ArrayDeque<>(starts(process.getChildElementsByType(StartEvent.class)));
    Map<Activity, List<BoundaryEvent>> boundaries = new HashMap<>();
    for (BoundaryEvent boundary : model.getModelElementsByType(BoundaryEvent.class)) {
      boundaries.computeIfAbsent(boundary.getAttachedTo(), a -> new ArrayList<>()).add(boundary);
    }
    while (!queue.isEmpty()) {
      FlowNode node = queue.poll();
      if (!visited.add(node)) {
        continue;
      }
      if (node instanceof SubProcess subProcess && !subProcess.triggeredByEvent()) {
        queue.addAll(starts(subProcess.getChildElementsByType(StartEvent.class)));
      }
      node.getOutgoing().forEach(flow -> queue.add(flow.getTarget()));
      if (node instanceof Activity activity) {
        queue.addAll(boundaries.getOrDefault(activity, List.of()));
      }
    }
    List<UserTask> ordered = new ArrayList<>(visited.stream().filter(UserTask.class::isInstance)
        .map(UserTask.class::cast).toList());
    for (UserTask task : allUserTasks(process)) {
      if (!ordered.contains(task)) {
        ordered.add(task);
      }
    }
    return ordered;
  }

  private static List<FlowNode> starts(Collection<StartEvent> startEvents) {
    return new ArrayList<>(startEvents);
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
