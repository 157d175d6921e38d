package dev.baton.demo;

import dev.baton.identity.IdentityBootstrap;
import dev.baton.identity.RoleCatalogue;
import java.util.Map;
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
 * The demo has one CSM, so {@code csm-demo} is in every CSM pool of processes/CustomerSegmentation.dmn
 * (docs/handoff.md): each segment's deals still reach the walk-through's CSM.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
@ConditionalOnProperty(name = "baton.demo.enabled", havingValue = "true")
public class DemoUsers extends AbstractCamundaConfiguration {

  public static final String PASSWORD = "demo";
  /** The demo user in every operator role. */
  public static final String OPERATOR = "cs-lead-demo";
  private static final Logger log = LoggerFactory.getLogger(DemoUsers.class);

  /**
   * People's names for the demo users, so that mails read as they would in a company ("Casey Morgan is your
   * Customer Success Manager"); a role added to the catalogue later is named after the role.
   */
  private static final Map<String, String[]> NAMES = Map.ofEntries(
      Map.entry("sales-rep", new String[] {"Sam", "Reyes"}),
      Map.entry("sales-manager", new String[] {"Morgan", "Blake"}),
      Map.entry("sales-engineer", new String[] {"Eli", "Novak"}),
      Map.entry("onboarding-rep", new String[] {"Olivia", "Brandt"}),
      Map.entry("onboarding-manager", new String[] {"Omar", "Haddad"}),
      Map.entry("csm", new String[] {"Casey", "Morgan"}),
      Map.entry("cs-lead", new String[] {"Lee", "Fischer"}),
      Map.entry("account-manager", new String[] {"Avery", "Chen"}),
      Map.entry("support", new String[] {"Sasha", "Petrov"}),
      Map.entry("cs-executive", new String[] {"Elena", "Rossi"}),
      Map.entry("finance", new String[] {"Felix", "Wagner"}));

  /** The CSM pools processes/CustomerSegmentation.dmn names, one per segment. */
  static final Map<String, String> CSM_POOLS = Map.of("csm-enterprise", "CSM pool: Enterprise",
      "csm-mid-market", "CSM pool: Mid-Market", "csm-smb", "CSM pool: SMB", "csm-digital", "CSM pool: Tech-touch");

  private final RoleCatalogue roles;

  public DemoUsers(RoleCatalogue roles) {
    this.roles = roles;
  }

  @Override
  public void postProcessEngineBuild(ProcessEngine engine) {
    IdentityService identity = engine.getIdentityService();
    for (String roleId : roles.ids()) {
      String userId = roleId + "-demo";
      String[] name = NAMES.getOrDefault(roleId, new String[] {roles.displayName(roleId), "(demo)"});
      IdentityBootstrap.ensureUser(identity, userId, PASSWORD, name[0], name[1], userId + "@example.com");
      IdentityBootstrap.ensureMembership(identity, userId, roleId);
    }
    // The CS Lead keeps the demo's mail and CRM calls going: she retries their incidents in Cockpit.
    for (String operatorRole : roles.operatorIds()) {
      IdentityBootstrap.ensureMembership(identity, OPERATOR, operatorRole);
    }
    if (roles.ids().contains("csm")) {
      CSM_POOLS.forEach((pool, name) -> {
        IdentityBootstrap.ensureGroup(identity, pool, name);
        IdentityBootstrap.ensureMembership(identity, "csm-demo", pool);
      });
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
