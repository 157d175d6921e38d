package dev.baton.compat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.operaton.bpm.engine.impl.bpmn.behavior.UserTaskActivityBehavior;
import org.operaton.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.operaton.bpm.engine.impl.bpmn.parser.BpmnParseUtil;
import org.operaton.bpm.engine.impl.pvm.process.ActivityImpl;
import org.operaton.bpm.engine.impl.pvm.process.ScopeImpl;
import org.operaton.bpm.engine.impl.task.TaskDefinition;
import org.operaton.bpm.engine.impl.util.xml.Element;

/**
 * What Operaton's own BPMN parser reads from Baton's models: each user task's form reference and
 * extension properties (the RACI roles), and each timer. Baton's RACI parse listener reads the same
 * things on Camunda, so if Operaton hands them over here, the listener has what it needs after a move.
 */
class ModelReader extends AbstractBpmnParseListener {

  record UserTask(String process, String id, String formKey, String formBinding, Map<String, String> properties) {}

  record Timer(String process, String activity, String expression) {}

  final List<UserTask> userTasks = new ArrayList<>();
  final List<Timer> timers = new ArrayList<>();

  @Override
  public void parseUserTask(Element element, ScopeImpl scope, ActivityImpl activity) {
    TaskDefinition task = ((UserTaskActivityBehavior) activity.getActivityBehavior()).getTaskDefinition();
    String formKey = task.getOperatonFormDefinitionKey() == null ? null
        : task.getOperatonFormDefinitionKey().getExpressionText();
    Map<String, String> properties = BpmnParseUtil.parseOperatonExtensionProperties(element);
    userTasks.add(new UserTask(activity.getProcessDefinition().getId(), activity.getId(), formKey,
        task.getOperatonFormDefinitionBinding(), properties == null ? Map.of() : properties));
  }

  @Override
  public void parseIntermediateTimerEventDefinition(Element definition, ActivityImpl activity) {
    timer(definition, activity);
  }

  @Override
  public void parseBoundaryTimerEventDefinition(Element definition, boolean interrupting, ActivityImpl activity) {
    timer(definition, activity);
  }

  @Override
  public void parseStartEvent(Element element, ScopeImpl scope, ActivityImpl activity) {
    Element definition = element.element("timerEventDefinition");
    if (definition != null) {
      timer(definition, activity);
    }
  }

  private void timer(Element definition, ActivityImpl activity) {
    String expression = null;
    for (String kind : List.of("timeDate", "timeDuration", "timeCycle")) {
      Element value = definition.element(kind);
      if (value != null) {
        expression = value.getText().trim();
      }
    }
    timers.add(new Timer(activity.getProcessDefinition().getId(), activity.getId(), expression));
  }
}
