package dev.baton.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import dev.baton.support.AppProcess;
import dev.baton.support.TestMailServer;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Demo mode's portfolio, made through the public paths by a Baton started as `mvn spring-boot:run`
 * starts it (job executor on): handoffs waiting, one handed over into onboarding, renewals, a red
 * account; a restart adds nothing.
 */
class DemoPortfolioTest {

  static final String ADMIN = "demo:demo";

  // The demo's mails (RACI notifications) go to a real SMTP server, as they would to the demo's mail catcher:
  // failing deliveries would keep the job executor busy with retries while the walk-through waits for it.
  @RegisterExtension
  static GreenMailExtension mail = TestMailServer.create();

  @Test
  void theFirstStartSeedsAPortfolioAndARestartAddsNothing() throws Exception {
    String database = AppProcess.fileDatabase("demo-portfolio");
    String[] args = {"--spring.datasource.url=" + database, "--baton.demo.portfolio=true",
        "--camunda.bpm.job-execution.enabled=true"};
    String instancesAfterFirstStart;
    try (AppProcess app = AppProcess.launch("demo-portfolio-1", args)) {
      app.awaitStarted(Duration.ofSeconds(120));
      awaitLog(app, "Demo portfolio ready", Duration.ofSeconds(180));

      assertThat(count(app, "/engine-rest/process-instance/count?processDefinitionKey=SalesToCsHandoff")).isEqualTo(3);
      assertThat(count(app, "/engine-rest/process-instance/count?processDefinitionKey=OnboardingKickoff&businessKey=demo-summit")).isEqualTo(1);
      assertThat(count(app, "/engine-rest/process-instance/count?processDefinitionKey=RenewalPreparation&businessKey=demo-brightline")).isEqualTo(1);
      assertThat(count(app, "/engine-rest/process-instance/count?processDefinitionKey=RenewalPreparation&businessKey=demo-cobalt")).isEqualTo(1);
      assertThat(count(app, "/engine-rest/process-instance/count?processDefinitionKey=RedHealthEscalation&businessKey=demo-redwood-retail")).isEqualTo(1);
      assertThat(app.get("/api/accounts/demo-brightline/contacts", ADMIN).body())
          .contains("\"email\":\"maya.brandt@brightline.example\"", "\"persona\":\"decision-maker\"");
      // The lifecycle after launch: an NPS detractor whose loop the CSM closes, a business review to prepare.
      assertThat(count(app, "/engine-rest/task/count?taskDefinitionKey=Task_CloseTheLoop&processInstanceBusinessKey=demo-cobalt"
          + "&assignee=csm-demo")).isEqualTo(1);
      assertThat(count(app, "/engine-rest/task/count?taskDefinitionKey=Task_PrepareReview&processInstanceBusinessKey=demo-cobalt"
          + "&assignee=csm-demo")).isEqualTo(1);
      assertThat(app.get("/api/accounts/demo-cobalt/nps", ADMIN).body()).contains("priya.shah@cobalt.example");
      // The sales rep finds the waiting checklists in Tasklist.
      assertThat(count(app, "/engine-rest/task/count?taskDefinitionKey=Task_CompleteChecklist&assignee=sales-rep-demo")).isEqualTo(3);
      instancesAfterFirstStart = app.get("/engine-rest/process-instance/count", ADMIN).body();
    }
    try (AppProcess app = AppProcess.launch("demo-portfolio-2", args)) {
      app.awaitStarted(Duration.ofSeconds(120));
      awaitLog(app, "Demo portfolio already in place", Duration.ofSeconds(60));
      assertThat(count(app, "/engine-rest/process-instance/count?processDefinitionKey=SalesToCsHandoff")).isEqualTo(3);
      assertThat(app.get("/engine-rest/history/process-instance/count?processDefinitionKey=SalesToCsHandoff", ADMIN).body())
          .isEqualTo("{\"count\":4}");
      assertThat(app.output()).doesNotContain("Demo portfolio ready");
    }
    assertThat(instancesAfterFirstStart).isNotBlank();
  }

  private static long count(AppProcess app, String path) throws Exception {
    String body = app.get(path, ADMIN).body();
    return Long.parseLong(body.replaceAll("\\D", ""));
  }

  private static void awaitLog(AppProcess app, String line, Duration timeout) throws InterruptedException {
    Instant deadline = Instant.now().plus(timeout);
    while (!app.output().contains(line)) {
      if (Instant.now().isAfter(deadline) || app.output().contains("Demo portfolio incomplete")) {
        throw new AssertionError("No '" + line + "' within " + timeout + ":\n" + app.output());
      }
      Thread.sleep(500);
    }
  }
}
