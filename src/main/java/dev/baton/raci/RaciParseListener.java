package dev.baton.raci;

import dev.baton.identity.RoleCatalogue;
import dev.baton.raci.RaciPlugin.RaciListeners;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.BpmnParseException;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.bpmn.behavior.UserTaskActivityBehavior;
import org.camunda.bpm.engine.impl.bpmn.helper.BpmnProperties;
import org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.camunda.bpm.engine.impl.bpmn.parser.BpmnParseUtil;
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
 * Gives every user task of every deployed BPMN its RACI behaviour, from the task's extension
 * properties alone: checks the roles (a broken task fails the deployment), and attaches the create
 * and complete listeners plus a due-date timer, exactly as if the model declared
 * {@code <camunda:taskListener event="timeout">} with a timer at the task's due date.
 */
class RaciParseListener extends AbstractBpmnParseListener {

  /** The id of the timeout listener (and the suffix of its timer job's configuration). */
  static final String DUE_LISTENER_ID = "baton-raci-due";

  private final RoleCatalogue roles;
  private final RaciDueDates dueDates;
  private final RaciListeners listeners;

  RaciParseListener(RoleCatalogue roles, RaciDueDates dueDates, RaciListeners listeners) {
    this.roles = roles;
    this.dueDates = dueDates;
    this.listeners = listeners;
  }

  @Override
  public void parseUserTask(Element element, ScopeImpl scope, ActivityImpl activity) {
    Map<String, String> properties = BpmnParseUtil.parseCamundaExtensionProperties(element);
    RaciTask raci = RaciTask.from(properties == null ? Map.of() : properties);
    List<String> problems = raci.problems(roles.ids());
    if (!problems.isEmpty()) {
      report(element, activity, problems);
      return;
    }
    TaskDefinition task = ((UserTaskActivityBehavior) activity.getActivityBehavior()).getTaskDefinition();
    Element documentation = element.element("documentation");
    RaciTaskModel model = new RaciTaskModel(definition(activity).getKey(),
        definition(activity).getName(), activity.getId(), element.attribute("name"),
        documentation == null ? null : documentation.getText().trim(), raci,
        task.getAssigneeExpression() != null,
        !task.getCandidateGroupIdExpressions().isEmpty() || !task.getCandidateUserIdExpressions().isEmpty(),
        task.getDueDateExpression());

    // Built-in listeners run before the model's own, so those already see the assignee and due date.
    task.addBuiltInTaskListener(TaskListener.EVENTNAME_CREATE, t -> listeners.created(model, t));
    task.addBuiltInTaskListener(TaskListener.EVENTNAME_UPDATE, t -> listeners.updated(model, t));
    task.addBuiltInTaskListener(TaskListener.EVENTNAME_COMPLETE, t -> listeners.completed(model, t));
    task.addTimeoutTaskListener(DUE_LISTENER_ID, t -> listeners.due(model, t));
    addDueTimer(activity, model);
  }

  /** What BpmnParse does for a timeout task listener, with the timer date computed by RaciDueDates. */
  private void addDueTimer(ActivityImpl activity, RaciTaskModel model) {
    activity.setScope(true);
    activity.setEventScope(activity);
    TimerDeclarationImpl timer = new TimerDeclarationImpl(new RaciDueDateExpression(model, dueDates),
        TimerDeclarationType.DATE, TimerTaskListenerJobHandler.TYPE);
    timer.setRawJobHandlerConfiguration(activity.getId() + TimerEventJobHandler.JOB_HANDLER_CONFIG_PROPERTY_DELIMITER
        + TimerEventJobHandler.JOB_HANDLER_CONFIG_TASK_LISTENER_PREFIX + DUE_LISTENER_ID);
    timer.setExclusive(true);
    timer.setActivity(activity);
    timer.setJobConfiguration(TimerDeclarationType.DATE + ": " + RaciDueDateExpression.TEXT);
    timer.setJobPriorityProvider((ParameterValueProvider) activity.getProperty("jobPriority"));

    Map<String, TimerDeclarationImpl> declarations = activity.getProperties()
        .get(BpmnProperties.TIMEOUT_LISTENER_DECLARATIONS).get(activity.getId());
    if (declarations == null) {
      declarations = new HashMap<>();
      activity.getProperties().putMapEntry(BpmnProperties.TIMEOUT_LISTENER_DECLARATIONS, activity.getId(), declarations);
    }
    declarations.put(DUE_LISTENER_ID, timer);
    RaciBpmnParse parse = RaciBpmnParse.current();
    if (parse != null) {
      parse.addJobDeclaration(timer, definition(activity));
    }
  }

  private static ProcessDefinitionEntity definition(ActivityImpl activity) {
    return (ProcessDefinitionEntity) activity.getProcessDefinition();
  }

  private static void report(Element element, ActivityImpl activity, List<String> problems) {
    RaciBpmnParse parse = RaciBpmnParse.current();
    String resource = parse == null || parse.resourceName() == null ? definition(activity).getKey()
        : parse.resourceName();
    for (String problem : problems) {
      String message = resource + ": user task " + activity.getId() + " " + problem;
      if (parse == null) {
        throw new BpmnParseException(message, element);
      }
      // Collected, so one failed deployment lists every problem of every task.
      parse.addError(message, element, activity.getId());
    }
  }
}
