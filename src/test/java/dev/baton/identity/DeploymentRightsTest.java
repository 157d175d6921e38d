package dev.baton.identity;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.support.BatonIntegrationTest;
import dev.baton.support.CamundaRest;
import java.net.http.HttpResponse;
import java.util.List;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.User;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Deploying a model runs code on the server, so only the administrator may deploy (demo mode). */
@BatonIntegrationTest
class DeploymentRightsTest {

  @LocalServerPort int port;
  @Autowired IdentityService identity;
  @Autowired AuthorizationService authorizations;

  @Test
  void onlyTheAdministratorMayCreateDeployments() {
    // The demo users: other tests add users of their own (no grants beyond their role groups').
    List<String> deployers = identity.createUserQuery().list().stream().map(User::getId)
        .filter(id -> id.equals("demo") || id.endsWith("-demo"))
        .filter(id -> authorizations.isUserAuthorized(id, groups(id), Permissions.CREATE, Resources.DEPLOYMENT))
        .toList();
    assertThat(deployers).containsExactly("demo");
  }

  @Test
  void staffAndManagersAreRefusedWhenTheyDeployFromModeler() throws Exception {
    for (String user : List.of("csm-demo", "cs-lead-demo", "integration-demo")) {
      HttpResponse<String> response = CamundaRest.engineRest(port, user).postMultipart("/deployment/create",
          java.util.Map.of("deployment-name", "from-" + user, "content", "<definitions/>"));
      assertThat(response.statusCode()).as(user + ": " + response.body()).isEqualTo(403);
    }
  }

  private List<String> groups(String userId) {
    return identity.createGroupQuery().groupMember(userId).list().stream().map(Group::getId).toList();
  }
}
