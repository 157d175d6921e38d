package dev.baton.onboarding;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import dev.baton.account.AccountRepository;
import dev.baton.support.BatonIntegrationTest;
import dev.baton.support.DatabaseText;
import dev.baton.support.StaffReadings;
import dev.baton.support.TestMailServer;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Date;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The customer's success plan links over HTTP, at process level: a valid link moves the onboarding on;
 * expired, tampered and reused links leave it where it is (the link mechanism itself: CustomerLinksTest);
 * staff find no part of a link anywhere.
 */
@BatonIntegrationTest
class SuccessPlanLinkTest {

  @RegisterExtension static GreenMailExtension smtp = TestMailServer.create();

  @LocalServerPort int port;
  @Autowired ProcessEngine engine;
  @Autowired AccountRepository accounts;
  @Autowired RuntimeService runtime;
  @Autowired TaskService tasks;
  @Autowired ManagementService management;
  @Autowired org.camunda.bpm.engine.IdentityService identity;
  @Autowired ApplicationEventPublisher events;
  @Autowired TransactionTemplate transaction;
  OnboardingDriver driver;
  @Autowired DataSource dataSource;
  String account;
  ProcessInstance instance;
  Map<String, String> links;

  @BeforeEach
  void waitForTheCustomer() {
    BpmnAwareTests.init(engine);
    driver = new OnboardingDriver(accounts, runtime, tasks, management, identity, events, transaction, smtp, port);
    account = driver.newAccount("link", "SMB");
    instance = driver.start(account, "SMB", LocalDate.now());
    // No provisioning call here: the confirmed plan goes straight to the Onboarding Rep's task.
    runtime.setVariable(instance.getId(), "provisioningUrl", null);
    driver.throughKickoff(instance);
    links = driver.customerLinks(account);
  }

  @AfterEach
  void resetClock() {
    ClockUtil.reset();
  }

  @Test
  void aValidLinkConfirmsThePlanAndTheOnboardingMovesOn() throws Exception {
    HttpResponse<String> page = driver.click(links.get("confirm"), null);

    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.body()).contains("Thank you");
    BpmnAwareTests.assertThat(instance).hasPassed("Task_RecordConfirmation").isWaitingAt("Task_ProvisionAndConfigure")
        .variables().containsEntry("customerAnswer", "confirm").containsEntry("successPlanStatus", "confirmed");
  }

  @Test
  void noStaffRoleFindsAnyPartOfTheConfirmationLinksAndNoneIsStoredWhileTheCustomersClickStillConfirms()
      throws Exception {
    List<String> tokens = links.values().stream().map(link -> link.substring(link.lastIndexOf('/') + 1)).toList();

    StaffReadings staff = new StaffReadings(port);
    Map<String, Map<String, String>> read = staff.assertNoStaffFinds(account, tokens);
    // Staff do read the confirmation mail's variables: just no link in them.
    read.forEach((user, answers) -> assertThat(String.join("\n", answers.values())).as(user)
        .contains("Please confirm your success plan", "mailText"));
    assertThat(DatabaseText.whereFound(dataSource, tokens.stream().map(t -> t.substring(0, 12)).toList())).isEmpty();
    // The search reads Camunda's byte arrays too, where the success plan (a Json variable) is kept.
    assertThat(DatabaseText.whereFound(dataSource, List.of("Onboard new hires faster")))
        .anyMatch(column -> column.equalsIgnoreCase("act_ge_bytearray.bytes_"));

    assertThat(driver.open(links.get("confirm")).statusCode()).isEqualTo(200);
    assertThat(driver.click(links.get("confirm"), null).statusCode()).isEqualTo(200);
    BpmnAwareTests.assertThat(instance).hasPassed("Task_RecordConfirmation")
        .variables().containsEntry("successPlanStatus", "confirmed");
    // Nor once the answer is in and the next task is open (its variables and form variables too).
    assertThat(staff.assertNoStaffFinds(account, tokens).get("csm-demo").keySet())
        .anyMatch(path -> path.contains("/form-variables"));
  }

  @Test
  void anExpiredLinkLeavesTheOnboardingWaiting() throws Exception {
    // The links work 14 days (baton.onboarding.confirmation-link-valid-for).
    ClockUtil.setCurrentTime(new Date(System.currentTimeMillis() + Duration.ofDays(15).toMillis()));

    HttpResponse<String> page = driver.click(links.get("confirm"), null);

    assertThat(page.statusCode()).isEqualTo(410);
    BpmnAwareTests.assertThat(instance).isWaitingAt("Task_WaitForAnswer");
  }

  @Test
  void aTamperedLinkLeavesTheOnboardingWaiting() throws Exception {
    String changes = links.get("request-changes");
    String forged = changes.substring(0, changes.length() - 1) + (changes.endsWith("A") ? "B" : "A");

    HttpResponse<String> page = driver.click(forged, null);

    assertThat(page.statusCode()).isEqualTo(404);
    BpmnAwareTests.assertThat(instance).isWaitingAt("Task_WaitForAnswer");
  }

  @Test
  void aReusedLinkChangesNothingAfterTheFirstAnswer() throws Exception {
    assertThat(driver.click(links.get("request-changes"), "Add the audit milestone").statusCode()).isEqualTo(200);
    BpmnAwareTests.assertThat(instance).isWaitingAt("Task_ReviseSuccessPlan");

    HttpResponse<String> again = driver.click(links.get("request-changes"), "again");
    HttpResponse<String> sibling = driver.click(links.get("confirm"), null);

    assertThat(again.statusCode()).isEqualTo(409);
    assertThat(sibling.statusCode()).isEqualTo(409);
    BpmnAwareTests.assertThat(instance).isWaitingAt("Task_ReviseSuccessPlan")
        .variables().containsEntry("customerChangeRequest", "Add the audit milestone");
  }
}
