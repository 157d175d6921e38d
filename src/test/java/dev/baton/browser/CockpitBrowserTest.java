package dev.baton.browser;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.mail.MailOutbox;
import dev.baton.mail.OutgoingMail;
import dev.baton.support.BatonIntegrationTest;
import dev.baton.support.Browser;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.Job;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.transaction.support.TransactionTemplate;

/** A manager opens Cockpit in a real browser and sees the running instances and an incident. */
@BatonIntegrationTest
@BrowserTest
class CockpitBrowserTest {

  @LocalServerPort int port;
  @Autowired MailOutbox outbox;
  @Autowired ManagementService management;
  @Autowired RuntimeService runtime;
  @Autowired TransactionTemplate transaction;

  @Test
  void aCsLeadSeesRunningInstancesAndAnIncidentInCockpit() throws Exception {
    String account = "cockpit-" + UUID.randomUUID();
    // No SMTP server listens in this test: the mail's last retry fails and raises an incident.
    String delivery = transaction.execute(status -> outbox.send(new OutgoingMail("test-notice", List.of("lead@example.com"),
        "Cockpit drill", Map.of("message", "hello"), account)));
    Job job = management.createJobQuery().processInstanceId(delivery).singleResult();
    for (int attempt = 0; attempt < 10 && runtime.createIncidentQuery().processInstanceId(delivery).count() == 0; attempt++) {
      try {
        management.executeJob(job.getId());
      } catch (RuntimeException expected) {
        // the SMTP connection is refused; the retries run out one by one
      }
    }
    assertThat(runtime.createIncidentQuery().processInstanceId(delivery).count()).isEqualTo(1);

    try (Browser browser = Browser.open(port, "cockpit")) {
      browser.go("/camunda/app/cockpit/default/").login("cs-lead-demo", "demo");
      browser.awaitText("Running Process Instances");
      browser.screenshot("dashboard");

      browser.go("/camunda/app/cockpit/default/#/processes");
      browser.awaitText("Mail delivery");
      browser.screenshot("processes");

      browser.go("/camunda/app/cockpit/default/#/process-instance/" + delivery + "/runtime?tab=incidents-tab");
      browser.awaitText("Mail server connection failed");
      browser.screenshot("incident");
      assertThat(browser.text()).contains("Send the mail");
    }
  }
}
