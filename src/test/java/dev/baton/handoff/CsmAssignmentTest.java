package dev.baton.handoff;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.baton.account.Account;
import dev.baton.account.AccountRepository;
import dev.baton.support.BatonIntegrationTest;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.identity.Group;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Who becomes the CSM: the CRM's choice, the account's current CSM, else the least-loaded group member. */
@BatonIntegrationTest
class CsmAssignmentTest {

  @Autowired CsmAssignment assignment;
  @Autowired AccountRepository accounts;
  @Autowired IdentityService identity;
  @Autowired RuntimeService runtime;
  @Autowired TaskService tasks;
  @Autowired ManagementService management;
  @Autowired ObjectMapper json;
  @Autowired HandoffStarter starter;
  HandoffFixture fixture;
  String group;
  String busy;
  String quietA;
  String quietB;

  @BeforeEach
  void setUp() {
    fixture = new HandoffFixture(runtime, tasks, management, identity, accounts, json, starter);
    String run = UUID.randomUUID().toString().substring(0, 8);
    group = "csm-test-" + run;
    Group g = identity.newGroup(group);
    g.setName("Test CSMs");
    identity.saveGroup(g);
    busy = member("busy-" + run);
    quietA = member("quiet-a-" + run);
    quietB = member("quiet-b-" + run);
    csmOf(busy, 2);
    csmOf(quietA, 1);
    csmOf(quietB, 1);
  }

  @Test
  void theLeastLoadedMemberIsChosenAndTiesGoToTheSmallestUserId() {
    assertThat(assignment.leastLoaded(group)).contains(quietA);

    csmOf(quietA, 1);

    assertThat(assignment.leastLoaded(group)).contains(quietB);
  }

  @Test
  void theCrmNamedCsmWinsOverLoadAndOverTheAccountsCurrentCsm() {
    Account existing = new Account("acc-" + UUID.randomUUID(), "Old", null, null, null, Map.of("csm", quietA));
    assertThat(assignment.choose("x", busy + "@example.com", group, Optional.of(existing)))
        .isEqualTo(new CsmAssignment.Choice(busy, "crm"));
  }

  @Test
  void aReturningCustomerKeepsItsCsmAndAnUnknownCrmAddressFallsBackToIt() {
    Account existing = new Account("acc-" + UUID.randomUUID(), "Old", null, null, null, Map.of("csm", busy));
    assertThat(assignment.choose("x", "nobody-" + UUID.randomUUID() + "@example.com", group, Optional.of(existing)))
        .isEqualTo(new CsmAssignment.Choice(busy, "account"));
  }

  @Test
  void aGroupWithoutMembersFallsBackToTheCsmGroup() {
    CsmAssignment.Choice choice = assignment.choose("x", null, "csm-nobody-" + UUID.randomUUID(), Optional.empty());
    assertThat(choice.chosenBy()).isEqualTo("least-loaded");
    assertThat(identity.createUserQuery().memberOfGroup("csm").userId(choice.userId()).count()).isEqualTo(1);
  }

  private String member(String id) {
    String user = fixture.user(id, group);
    return user;
  }

  private void csmOf(String user, int count) {
    for (int i = 0; i < count; i++) {
      accounts.save(new Account("load-" + UUID.randomUUID(), "Load", null, null, null, Map.of("csm", user)));
    }
  }
}
