package dev.baton.expansion;

import static org.camunda.bpm.engine.authorization.Authorization.ANY;
import static org.camunda.bpm.engine.authorization.Authorization.AUTH_TYPE_GRANT;

import java.util.List;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permission;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resource;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.spring.boot.starter.configuration.impl.AbstractCamundaConfiguration;
import org.springframework.stereotype.Component;

/**
 * Who may raise an expansion opportunity from Tasklist's <em>Start process</em>: CSMs and Account Managers
 * (docs/lifecycle.md#expansion-opportunities). Starting needs both CREATE_INSTANCE on the process definition
 * and CREATE on process instances; only this definition gets the first, so no other process becomes startable.
 * Granted at every start, idempotently, like the role groups' grants of identity.IdentityBootstrap.
 */
@Component
class ExpansionStarters extends AbstractCamundaConfiguration {

  static final List<String> STARTERS = List.of("csm", "account-manager");

  @Override
  public void postProcessEngineBuild(ProcessEngine engine) {
    AuthorizationService authorizations = engine.getAuthorizationService();
    for (String group : STARTERS) {
      grant(authorizations, group, Resources.PROCESS_DEFINITION, ExpansionOpportunities.PROCESS_KEY,
          Permissions.CREATE_INSTANCE);
      grant(authorizations, group, Resources.PROCESS_INSTANCE, ANY, Permissions.CREATE);
    }
  }

  private static void grant(AuthorizationService authorizations, String groupId, Resource resource, String resourceId,
      Permission permission) {
    List<Authorization> existing = authorizations.createAuthorizationQuery().authorizationType(AUTH_TYPE_GRANT)
        .groupIdIn(groupId).resourceType(resource).resourceId(resourceId).list();
    Authorization authorization = existing.isEmpty() ? authorizations.createNewAuthorization(AUTH_TYPE_GRANT)
        : existing.get(0);
    if (!existing.isEmpty() && authorization.isPermissionGranted(permission)) {
      return;
    }
    authorization.setGroupId(groupId);
    authorization.setResource(resource);
    authorization.setResourceId(resourceId);
    authorization.addPermission(permission);
    authorizations.saveAuthorization(authorization);
  }
}
