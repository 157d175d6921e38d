package dev.baton.engine;

import java.util.Arrays;
import org.camunda.bpm.engine.authorization.Permission;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.impl.cfg.auth.DefaultAuthorizationProvider;
import org.camunda.bpm.engine.impl.persistence.entity.AuthorizationEntity;
import org.camunda.bpm.engine.spring.SpringProcessEngineConfiguration;
import org.camunda.bpm.engine.task.IdentityLinkType;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.spring.boot.starter.configuration.impl.AbstractCamundaConfiguration;
import org.springframework.stereotype.Component;

/**
 * Who may see a task, and who may work on it, are granted in two places. Seeing: every role group
 * may read the tasks of Baton's processes and their variables (READ_TASK and READ_INSTANCE on process
 * definitions, see identity.IdentityBootstrap), as RACI's "informed" expects. Working: only the task's
 * candidate groups and its assignee, through the per-task grant Camunda creates when RACI assigns
 * the task.
 *
 * <p>Why not Camunda's default, where the per-task grant also carries READ? Then every open task adds
 * a readable authorization row, and Tasklist's query joins each task of a role group against all of
 * that group's rows: the list of a role with 5,000 tasks took seconds (docs/benchmarks.md). Without
 * READ on the per-task rows the join meets only the handful of definition-wide grants.
 */
@Component
class WorkOnlyTaskAuthorizations extends AbstractCamundaConfiguration {

  @Override
  public void preInit(SpringProcessEngineConfiguration configuration) {
    configuration.setResourceAuthorizationProvider(new Provider());
  }

  /**
   * Camunda's provider, minus READ on the per-task grants of candidate groups, users and assignees, and no grant
   * at all for a link of another type: such a link (RACI's "accountable") shows a task to someone who answers for
   * it, in Tasklist's filters, without the right to work it.
   */
  static final class Provider extends DefaultAuthorizationProvider {
    @Override
    public AuthorizationEntity[] newTaskUserIdentityLink(Task task, String userId, String type) {
      return grantsWork(type) ? super.newTaskUserIdentityLink(task, userId, type) : null;
    }

    @Override
    public AuthorizationEntity[] newTaskGroupIdentityLink(Task task, String groupId, String type) {
      return grantsWork(type) ? super.newTaskGroupIdentityLink(task, groupId, type) : null;
    }

    @Override
    public AuthorizationEntity[] deleteTaskUserIdentityLink(Task task, String userId, String type) {
      return grantsWork(type) ? super.deleteTaskUserIdentityLink(task, userId, type) : null;
    }

    @Override
    public AuthorizationEntity[] deleteTaskGroupIdentityLink(Task task, String groupId, String type) {
      return grantsWork(type) ? super.deleteTaskGroupIdentityLink(task, groupId, type) : null;
    }

    private static boolean grantsWork(String type) {
      return type == null || IdentityLinkType.CANDIDATE.equals(type) || IdentityLinkType.ASSIGNEE.equals(type)
          || IdentityLinkType.OWNER.equals(type);
    }

    @Override
    protected Permission[] getRuntimePermissions(boolean enforceSpecificVariablePermission) {
      return Arrays.stream(super.getRuntimePermissions(enforceSpecificVariablePermission))
          .filter(permission -> permission != Permissions.READ)
          .toArray(Permission[]::new);
    }
  }
}
