package dev.baton.demo;

import dev.baton.identity.IdentityBootstrap;
import dev.baton.identity.RoleCatalogue;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.spring.boot.starter.configuration.impl.AbstractCamundaConfiguration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Demo mode only: one user per RACI role, {@code <role>-demo} with password {@code demo}, in the
 * role's group, plus {@code integration-demo} for trying the REST APIs; the CS Lead is also the operator.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
@ConditionalOnProperty(name = "baton.demo.enabled", havingValue = "true")
public class DemoUsers extends AbstractCamundaConfiguration {

  public static final String PASSWORD = "demo";
  /** The demo user in every operator role. */
  public static final String OPERATOR = "cs-lead-demo";
  private static final Logger log = LoggerFactory.getLogger(DemoUsers.class);

  private final RoleCatalogue roles;

  public DemoUsers(RoleCatalogue roles) {
    this.roles = roles;
  }

  @Override
  public void postProcessEngineBuild(ProcessEngine engine) {
    IdentityService identity = engine.getIdentityService();
    for (String roleId : roles.ids()) {
      String userId = roleId + "-demo";
      IdentityBootstrap.ensureUser(identity, userId, PASSWORD, roles.displayName(roleId), "(demo)",
          userId + "@example.com");
      IdentityBootstrap.ensureMembership(identity, userId, roleId);
    }
    // The CS Lead keeps the demo's mail and CRM calls going: she retries their incidents in Cockpit.
    for (String operatorRole : roles.operatorIds()) {
      IdentityBootstrap.ensureMembership(identity, OPERATOR, operatorRole);
    }
    IdentityBootstrap.ensureUser(identity, "integration-demo", PASSWORD, "Integration", "(demo)", null);
    IdentityBootstrap.ensureMembership(identity, "integration-demo", IdentityBootstrap.INTEGRATION_GROUP);

    log.warn("""

        ************************************************************************
        *  DEMO MODE IS ON: demo users exist with the password 'demo'          *
        *  (admin 'demo', one '<role>-demo' per RACI role, 'integration-demo'). *
        *  Never in production: there, java -jar without the profile 'demo'.   *
        ************************************************************************""");
  }
}
