package dev.baton.handoff;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.baton.account.Account;
import dev.baton.account.AccountRepository;
import dev.baton.identity.IdentityBootstrap;
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
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * Who becomes the CSM: the CRM's choice, the account's current CSM, else the least-loaded member of the segment's
 * CSM pool who is also in the group csm; a pool without such a member falls back to the whole csm group.
 */
@BatonIntegrationTest
@ExtendWith(OutputCaptureExtension.class)
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
    group = pool("csm-test-" + run);
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
  void aNewAccountGetsTheLeastLoadedMemberOfItsSegmentsPoolEvenWhenOtherCsmsHaveFewerAccounts() {
    // A CSM outside the pool with no accounts at all is not chosen.
    fixture.user("idle-elsewhere", "csm");

    CsmAssignment.Choice choice = assignment.choose("acc-" + UUID.randomUUID(), null, group, Optional.empty());

    assertThat(choice).isEqualTo(new CsmAssignment.Choice(quietA, "least-loaded"));
  }

  @Test
  void aPoolMemberWhoIsNotInTheCsmGroupIsNotAssigned(CapturedOutput output) {
    String run = UUID.randomUUID().toString().substring(0, 8);
    String pool = pool("csm-pool-" + run);
    // In the pool, no accounts, but not a CSM: may not work on the CSM's tasks.
    String outsider = fixture.user("outsider-" + run, pool);
    String csm = member("pooled-" + run, pool);
    csmOf(csm, 3);

    CsmAssignment.Choice choice = assignment.choose("acc-" + run, null, pool, Optional.empty());

    assertThat(choice.userId()).isEqualTo(csm).isNotEqualTo(outsider);
    assertThat(output.getOut()).doesNotContain("acc-" + run);
  }

  @Test
  void aPoolWithoutAnEligibleMemberFallsBackToTheWholeCsmGroupWithOneWarning(CapturedOutput output) {
    String run = UUID.randomUUID().toString().substring(0, 8);
    String pool = pool("csm-pool-" + run);
    String outsider = fixture.user("outsider-" + run, pool);
    String account = "acc-" + run;

    CsmAssignment.Choice choice = assignment.choose(account, null, pool, Optional.empty());

    assertThat(choice.chosenBy()).isEqualTo("least-loaded");
    assertThat(choice.userId()).isNotEqualTo(outsider);
    assertThat(identity.createUserQuery().memberOfGroup("csm").userId(choice.userId()).count()).isEqualTo(1);
    assertThat(output.getOut().lines().filter(line -> line.contains("WARN") && line.contains(account)))
        .singleElement().asString().contains("'" + pool + "'");
  }

  @Test
  void aPoolNoCompanyDefinedFallsBackToTheCsmGroup() {
    CsmAssignment.Choice choice = assignment.choose("x", null, "csm-nobody-" + UUID.randomUUID(), Optional.empty());
    assertThat(choice.chosenBy()).isEqualTo("least-loaded");
    assertThat(identity.createUserQuery().memberOfGroup("csm").userId(choice.userId()).count()).isEqualTo(1);
  }

  private String member(String id) {
    return member(id, group);
  }

  /** A member of the pool who is also a CSM (group csm). */
  private String member(String id, String pool) {
    String user = fixture.user(id, pool);
    IdentityBootstrap.ensureMembership(identity, user, "csm");
    return user;
  }

  private String pool(String id) {
    Group g = identity.newGroup(id);
    g.setName("Test CSM pool");
    identity.saveGroup(g);
    return id;
  }

  private void csmOf(String user, int count) {
    for (int i = 0; i < count; i++) {
      accounts.save(new Account("load-" + UUID.randomUUID(), "Load", null, null, null, Map.of("csm", user)));
    }
  }
}
