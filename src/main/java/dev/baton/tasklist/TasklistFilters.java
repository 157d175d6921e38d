package dev.baton.tasklist;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.filter.Filter;
import org.camunda.bpm.engine.task.TaskQuery;
import org.camunda.bpm.spring.boot.starter.configuration.impl.AbstractCamundaConfiguration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * A fresh Tasklist shows "No filter available", so nobody sees a task. Baton creates, at every start
 * and idempotently, shared filters every role group may read (see IdentityBootstrap): each card shows
 * the account and the due date, soonest first.
 */
@Component
@Order(Ordered.LOWEST_PRECEDENCE - 10)
public class TasklistFilters extends AbstractCamundaConfiguration {

  private static final Logger log = LoggerFactory.getLogger(TasklistFilters.class);

  /**
   * Variables Tasklist shows on each task card. Every Baton process sets them; RACI also copies them
   * onto each task (see RaciTaskBehaviour), so a card shows them whatever the process calls its own.
   */
  public static final List<String> CARD_VARIABLE_NAMES = List.of("accountName", "accountId");
  static final List<Map<String, String>> CARD_VARIABLES = List.of(
      Map.of("name", "accountName", "label", "Account"),
      Map.of("name", "accountId", "label", "Account id"));

  @Override
  public void postProcessEngineBuild(ProcessEngine engine) {
    FilterService filters = engine.getFilterService();
    ensure(engine, filters, "My tasks", -10, "Tasks assigned to me",
        q -> q.taskAssigneeExpression("${currentUser()}"));
    ensure(engine, filters, "My team's tasks", -5, "Tasks for my roles' groups, taken or not",
        q -> q.taskCandidateGroupInExpression("${currentUserGroups()}").includeAssignedTasks());
    ensure(engine, filters, "Overdue", 0, "Tasks whose due date has passed",
        q -> q.dueBeforeExpression("${now()}"));
    ensure(engine, filters, "Escalated", 5, "Overdue tasks escalated to the accountable role",
        q -> q.taskVariableValueEquals("escalated", true));
    // For those who answer for others' work (RACI accountable, e.g. the CS Lead): the steps of their accounts.
    ensure(engine, filters, "Late in my team", 10, "Past due steps of the accounts you answer for, or your own",
        q -> q.taskInvolvedUserExpression("${currentUser()}").dueBeforeExpression("${now()}"));
    ensure(engine, filters, "Escalated to me", 15, "Escalated steps of the accounts you answer for, or your own",
        q -> q.taskInvolvedUserExpression("${currentUser()}").taskVariableValueEquals("escalated", true));
  }

  private void ensure(ProcessEngine engine, FilterService filters, String name, int priority, String description,
      UnaryOperator<TaskQuery> criteria) {
    TaskQuery query = criteria.apply(engine.getTaskService().createTaskQuery()).orderByDueDate().asc();
    Map<String, Object> properties = new LinkedHashMap<>();
    properties.put("description", description);
    properties.put("priority", priority);
    properties.put("refresh", true);
    properties.put("showUndefinedVariable", false);
    properties.put("variables", CARD_VARIABLES);

    Filter filter = filters.createTaskFilterQuery().filterName(name).singleResult();
    if (filter == null) {
      filter = filters.newTaskFilter(name);
      log.info("Created the shared Tasklist filter '{}'", name);
    }
    filter.setQuery(query);
    filter.setProperties(properties);
    filters.saveFilter(filter);
  }
}
