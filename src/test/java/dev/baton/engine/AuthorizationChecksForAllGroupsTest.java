package dev.baton.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.support.BatonIntegrationTest;
import java.util.List;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The engine's authorization checks use Baton's manager, which names every group of the user. */
@BatonIntegrationTest
class AuthorizationChecksForAllGroupsTest {

  @Autowired ProcessEngine engine;

  @Test
  void checksNameEveryGroupOfTheUserWithoutAskingWhichGroupsHaveGrants() {
    ProcessEngineConfigurationImpl configuration = (ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration();
    List<String> groups = configuration.getCommandExecutorTxRequired().execute(context -> {
      assertThat(context.getAuthorizationManager()).isInstanceOf(AuthorizationChecksForAllGroups.Manager.class);
      return context.getAuthorizationManager().filterAuthenticatedGroupIds(List.of("csm", "a-group-without-grants"));
    });
    assertThat(groups).containsExactly("csm", "a-group-without-grants");
  }
}
