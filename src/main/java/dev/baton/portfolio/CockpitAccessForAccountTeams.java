package dev.baton.portfolio;

import dev.baton.engine.WithoutAuthorization;
import java.util.List;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.spring.boot.starter.configuration.impl.AbstractCamundaConfiguration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Account teams open their book of business in Cockpit (docs/portfolio.md): the groups of
 * {@code baton.portfolio.cockpit-groups} may open Cockpit, and nothing more is granted: what they read there is
 * what their role already reads (IdentityBootstrap), and Baton's pages show them only their accounts.
 */
@Component
@Order(Ordered.LOWEST_PRECEDENCE - 20)
class CockpitAccessForAccountTeams extends AbstractCamundaConfiguration {

  private final PortfolioProperties properties;

  CockpitAccessForAccountTeams(PortfolioProperties properties) {
    this.properties = properties;
  }

  @Override
  public void postProcessEngineBuild(ProcessEngine engine) {
    AuthorizationService authorizations = engine.getAuthorizationService();
    WithoutAuthorization.run(() -> properties.cockpitGroups().forEach(group -> grant(authorizations, group)));
  }

  private static void grant(AuthorizationService authorizations, String group) {
    List<Authorization> existing = authorizations.createAuthorizationQuery()
        .authorizationType(Authorization.AUTH_TYPE_GRANT).groupIdIn(group)
        .resourceType(Resources.APPLICATION).resourceId("cockpit").list();
    Authorization grant = existing.isEmpty() ? authorizations.createNewAuthorization(Authorization.AUTH_TYPE_GRANT)
        : existing.get(0);
    if (!existing.isEmpty() && grant.isPermissionGranted(Permissions.ACCESS)) {
      return;
    }
    grant.setGroupId(group);
    grant.setResource(Resources.APPLICATION);
    grant.setResourceId("cockpit");
    grant.addPermission(Permissions.ACCESS);
    authorizations.saveAuthorization(grant);
  }
}
