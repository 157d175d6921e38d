package dev.baton.engine;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.bpmn.behavior.UserTaskActivityBehavior;
import org.camunda.bpm.engine.impl.bpmn.helper.BpmnProperties;
import org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.camunda.bpm.engine.impl.bpmn.parser.BpmnParse;
import org.camunda.bpm.engine.impl.bpmn.parser.BpmnParseUtil;
import org.camunda.bpm.engine.impl.bpmn.parser.BpmnParser;
import org.camunda.bpm.engine.impl.cfg.BpmnParseFactory;
import org.camunda.bpm.engine.impl.core.variable.mapping.value.ParameterValueProvider;
import org.camunda.bpm.engine.impl.jobexecutor.TimerDeclarationImpl;
import org.camunda.bpm.engine.impl.jobexecutor.TimerDeclarationType;
import org.camunda.bpm.engine.impl.jobexecutor.TimerEventJobHandler;
import org.camunda.bpm.engine.impl.jobexecutor.TimerTaskListenerJobHandler;
import org.camunda.bpm.engine.impl.persistence.entity.ProcessDefinitionEntity;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.camunda.bpm.engine.impl.pvm.process.ScopeImpl;
import org.camunda.bpm.engine.impl.task.TaskDefinition;
import org.camunda.bpm.engine.impl.util.xml.Element;

/**
 * The engine's BPMN parse with Baton's {@link UserTaskExtension}s applied to every user task, through a
 * parse listener that belongs to this one parse (after the engine's own listeners). A parse listener
 * alone cannot reach the parse, and three things need it: the deployed file's name in an error, every
 * problem of a deployment collected as parse errors (file, line, column), and the timeout timer
 * registered like a modelled one, so that Cockpit shows its job definition. The timer itself is what
 * BpmnParse builds for {@code <camunda:taskListener event="timeout">}; Camunda has no public way to
 * declare a timer whose date is computed in Java.
 */
final class UserTaskParse extends BpmnParse {

  UserTaskParse(BpmnParser parser, List<UserTaskExtension> extensions) {
    super(parser);
    // The parser's list is shared by every parse: this parse gets its own copy with its own listener.
    parseListeners = new ArrayList<>(parseListeners);
    parseListeners.add(new Extensions(extensions));
  }

  static BpmnParseFactory factory(List<UserTaskExtension> extensions) {
    return parser -> new UserTaskParse(parser, extensions);
  }

  private final class Extensions extends AbstractBpmnParseListener {

    private final List<UserTaskExtension> extensions;

    Extensions(List<UserTaskExtension> extensions) {
      this.extensions = extensions;
    }

    @Override
    public void parseUserTask(Element element, ScopeImpl scope, ActivityImpl activity) {
      TaskDefinition task = ((UserTaskActivityBehavior) activity.getActivityBehavior()).getTaskDefinition();
      ProcessDefinitionEntity definition = (ProcessDefinitionEntity) activity.getProcessDefinition();
      Map<String, String> properties = BpmnParseUtil.parseCamundaExtensionProperties(element);
      Element documentation = element.element("documentation");
      DeclaredUserTask declared = new DeclaredUserTask(definition.getKey(), definition.getName(), activity.getId(),
          element.attribute("name"), documentation == null ? null : documentation.getText().trim(),
          properties == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(properties)), task.getAssigneeExpression() != null,
          !task.getCandidateGroupIdExpressions().isEmpty() || !task.getCandidateUserIdExpressions().isEmpty(),
          task.getDueDateExpression());
      for (UserTaskExtension extension : extensions) {
        List<String> problems = extension.problems(declared);
        String resource = name == null ? definition.getKey() : name;
        for (String problem : problems) {
          // Collected, so one failed deployment lists every problem of every task.
          addError(resource + ": user task " + activity.getId() + " " + problem, element, activity.getId());
        }
        if (problems.isEmpty()) {
          add(extension.listeners(declared), task, activity, definition);
        }
      }
    }

    private void add(UserTaskListeners listeners, TaskDefinition task, ActivityImpl activity,
        ProcessDefinitionEntity definition) {
      // Built-in listeners run before the model's own, so those already see the assignee and due date.
      addBuiltIn(task, TaskListener.EVENTNAME_CREATE, listeners.create());
      addBuiltIn(task, TaskListener.EVENTNAME_UPDATE, listeners.update());
      addBuiltIn(task, TaskListener.EVENTNAME_COMPLETE, listeners.complete());
      if (listeners.timeout() != null) {
        task.addTimeoutTaskListener(listeners.timeoutId(), listeners.timeout());
        addTimeoutTimer(listeners, activity, definition);
      }
    }

    private void addBuiltIn(TaskDefinition task, String event, TaskListener listener) {
      if (listener != null) {
        task.addBuiltInTaskListener(event, listener);
      }
    }

    /** What BpmnParse does for a modelled timeout task listener, with the timer date from the extension. */
    private void addTimeoutTimer(UserTaskListeners listeners, ActivityImpl activity,
        ProcessDefinitionEntity definition) {
      activity.setScope(true);
      activity.setEventScope(activity);
      TimerDeclarationImpl timer = new TimerDeclarationImpl(listeners.timeoutDate(), TimerDeclarationType.DATE,
          TimerTaskListenerJobHandler.TYPE);
      timer.setRawJobHandlerConfiguration(activity.getId() + TimerEventJobHandler.JOB_HANDLER_CONFIG_PROPERTY_DELIMITER
          + TimerEventJobHandler.JOB_HANDLER_CONFIG_TASK_LISTENER_PREFIX + listeners.timeoutId());
      timer.setExclusive(true);
      timer.setActivity(activity);
      timer.setJobConfiguration(TimerDeclarationType.DATE + ": " + listeners.timeoutDate().getExpressionText());
      timer.setJobPriorityProvider((ParameterValueProvider) activity.getProperty("jobPriority"));

      Map<String, TimerDeclarationImpl> declarations = activity.getProperties()
          .get(BpmnProperties.TIMEOUT_LISTENER_DECLARATIONS).get(activity.getId());
      if (declarations == null) {
        declarations = new HashMap<>();
        activity.getProperties().putMapEntry(BpmnProperties.TIMEOUT_LISTENER_DECLARATIONS, activity.getId(),
            declarations);
      }
      declarations.put(listeners.timeoutId(), timer);
      addJobDeclarationToProcessDefinition(timer, definition);
    }
  }
}
