package dev.baton.identity;

import static org.camunda.bpm.engine.authorization.Authorization.ANY;
import static org.camunda.bpm.engine.authorization.Authorization.AUTH_TYPE_GRANT;

import java.util.List;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.BatchPermissions;
import org.camunda.bpm.engine.authorization.Groups;
import org.camunda.bpm.engine.authorization.Permission;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.ProcessDefinitionPermissions;
import org.camunda.bpm.engine.authorization.Resource;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.spring.boot.starter.configuration.impl.AbstractCamundaConfiguration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Creates, at every start and idempotently, the groups and authorizations Baton's users need: one
 * group per RACI role (Tasklist, and Cockpit read access for managers), one per operator role (retrying
 * failed jobs in Cockpit), the {@code integration} group for API clients, and the administrator.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
public class IdentityBootstrap extends AbstractCamundaConfiguration {

  public static final String INTEGRATION_GROUP = "integration";
  private static final Logger log = LoggerFactory.getLogger(IdentityBootstrap.class);

  private final RoleCatalogue roles;
  private final AdminCredentials admin;

  public IdentityBootstrap(RoleCatalogue roles, AdminCredentials admin) {
    this.roles = roles;
    this.admin = admin;
  }

  @Override
  public void postProcessEngineBuild(ProcessEngine engine) {
    IdentityService identity = engine.getIdentityService();
    AuthorizationService authorizations = engine.getAuthorizationService();

    roles.roles().forEach((roleId, role) -> {
      ensureGroup(identity, roleId, role.name());
      if (role.retryFailedJobs()) {
        grantOperator(authorizations, roleId);
        return;
      }
      grantStaff(authorizations, roleId);
      if (role.cockpit()) {
        grantManager(authorizations, roleId);
      }
    });
    ensureGroup(identity, INTEGRATION_GROUP, "Integrations (CRM, product, scripts)");

    ensureGroup(identity, Groups.CAMUNDA_ADMIN, "Administrators");
    for (Resources resource : Resources.values()) {
      grant(authorizations, Groups.CAMUNDA_ADMIN, resource, ANY, Permissions.ALL);
    }
    ensureUser(identity, admin.user(), admin.password(), "Baton", "Administrator", null);
    ensureMembership(identity, admin.user(), Groups.CAMUNDA_ADMIN);
    log.info("Identity ready: {} role groups, administrator '{}'", roles.roles().size(), admin.user());
  }

  /** What every staff member needs to find and work on tasks in Tasklist, and no more. */
  private void grantStaff(AuthorizationService authorizations, String groupId) {
    grant(authorizations, groupId, Resources.APPLICATION, "tasklist", Permissions.ACCESS);
    grant(authorizations, groupId, Resources.FILTER, ANY, Permissions.READ);
    // Names of processes and people shown beside each task, the task's history tab, and the tasks and
    // variables of Baton's processes themselves: staff read them all, and work on those RACI gives
    // them (see engine.WorkOnlyTaskAuthorizations for why reading is granted here, not per task).
    grant(authorizations, groupId, Resources.PROCESS_DEFINITION, ANY,
        Permissions.READ, Permissions.READ_HISTORY, Permissions.READ_TASK, Permissions.READ_INSTANCE);
    grant(authorizations, groupId, Resources.USER, ANY, Permissions.READ);
    grant(authorizations, groupId, Resources.GROUP, ANY, Permissions.READ);
  }

  /** Managers watch instances, incidents and SLAs in Cockpit, read-only. */
  private void grantManager(AuthorizationService authorizations, String groupId) {
    grant(authorizations, groupId, Resources.APPLICATION, "cockpit", Permissions.ACCESS);
    grant(authorizations, groupId, Resources.PROCESS_DEFINITION, ANY,
        Permissions.READ, Permissions.READ_HISTORY, Permissions.READ_INSTANCE, Permissions.READ_TASK);
    grant(authorizations, groupId, Resources.PROCESS_INSTANCE, ANY, Permissions.READ);
    grant(authorizations, groupId, Resources.TASK, ANY, Permissions.READ);
    grant(authorizations, groupId, Resources.DECISION_DEFINITION, ANY, Permissions.READ, Permissions.READ_HISTORY);
    grant(authorizations, groupId, Resources.DEPLOYMENT, ANY, Permissions.READ);
  }

  /**
   * Operators retry failed jobs in Cockpit, one incident at a time ({@code PUT /job/{id}/retries}: RETRY_JOB on
   * the process definition) or many at once (Cockpit's batch retry, {@code POST /job/retries}: a batch of the type
   * "set job retries" only), and see the instances and incidents they retry (READ, READ_INSTANCE). Nothing else:
   * no variables, no tasks, no other change to an instance, no other kind of batch.
   */
  private void grantOperator(AuthorizationService authorizations, String groupId) {
    grant(authorizations, groupId, Resources.APPLICATION, "cockpit", Permissions.ACCESS);
    grant(authorizations, groupId, Resources.PROCESS_DEFINITION, ANY,
        ProcessDefinitionPermissions.READ, ProcessDefinitionPermissions.READ_INSTANCE,
        ProcessDefinitionPermissions.RETRY_JOB);
    grant(authorizations, groupId, Resources.BATCH, ANY, BatchPermissions.CREATE_BATCH_SET_JOB_RETRIES);
  }

  public static void ensureGroup(IdentityService identity, String id, String name) {
    if (identity.createGroupQuery().groupId(id).count() == 0) {
      Group group = identity.newGroup(id);
      group.setName(name);
      group.setType("WORKFLOW");
      identity.saveGroup(group);
    }
  }

  /** Creates the user if missing and (re)sets the password, so a changed ADMIN_PASSWORD takes effect. */
  public static void ensureUser(IdentityService identity, String id, String password, String first, String last, String email) {
    User user = identity.createUserQuery().userId(id).singleResult();
    if (user == null) {
      user = identity.newUser(id);
      user.setFirstName(first);
      user.setLastName(last);
      user.setEmail(email);
      user.setPassword(password);
      identity.saveUser(user);
    } else if (!identity.checkPassword(id, password)) {
      user.setPassword(password);
      identity.saveUser(user);
    }
  }

  public static void ensureMembership(IdentityService identity, String userId, String groupId) {
    if (identity.createUserQuery().userId(userId).memberOfGroup(groupId).count() == 0) {
      identity.createMembership(userId, groupId);
    }
  }

  static void grant(AuthorizationService authorizations, String groupId, Resource resource, String resourceId,
      Permission... permissions) {
    List<Authorization> existing = authorizations.createAuthorizationQuery()
        .authorizationType(AUTH_TYPE_GRANT).groupIdIn(groupId)
        .resourceType(resource).resourceId(resourceId).list();
    Authorization authorization = existing.isEmpty()
        ? authorizations.createNewAuthorization(AUTH_TYPE_GRANT)
        : existing.get(0);
    boolean changed = existing.isEmpty();
    authorization.setGroupId(groupId);
    authorization.setResource(resource);
    authorization.setResourceId(resourceId);
    for (Permission permission : permissions) {
      if (!authorization.isPermissionGranted(permission)) {
        authorization.addPermission(permission);
        changed = true;
      }
    }
    if (changed) {
      authorizations.saveAuthorization(authorization);
    }
  }
}
