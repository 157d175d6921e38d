package dev.baton.browser;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.baton.support.BatonIntegrationTest;
import dev.baton.support.Browser;
import dev.baton.support.Jobs;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Step 6 of the README's walk-through, as a newcomer does it: the bash lines of README.md run unchanged from the
 * repository's root (bash, openssl, GNU date, curl), but for the address and secret of this test's Baton; the
 * answer says created; the sales rep then finds the checklist of Acme Logistics GmbH in Tasklist, with its deal
 * value written as people write it, due within the SLA.
 */
@BatonIntegrationTest
@BrowserTest
class ReadmeDealOfYourOwnBrowserTest {

  static final String STEP = "6. **A deal of your own.**";

  @LocalServerPort int port;
  @Autowired ManagementService management;
  @Autowired TaskService tasks;

  @Test
  void theReadmesDealOfYourOwnWaitsForTheSalesRepInTasklist() throws Exception {
    String readme = Files.readString(Path.of("README.md"), StandardCharsets.UTF_8);
    assertThat(readme).as("the README's walk-through has its step 6").contains(STEP);
    String step = readme.substring(readme.indexOf(STEP));
    int start = step.indexOf("```bash") + "```bash".length();
    String script = step.substring(start, step.indexOf("```", start));
    assertThat(script).contains("docs/examples/crm-deal-won.json", "openssl dgst -sha256 -hmac", "/api/webhooks/crm");
    Path deal = Files.createTempFile("deal-won", ".json");
    // Only what differs from a demo on port 8080: this Baton's port and the test profile's webhook secret.
    script = script.replace("http://localhost:8080", "http://localhost:" + port)
        .replace("demo-crm-webhook-secret", "test-crm-webhook-secret").replace("/tmp/deal-won.json", deal.toString());

    Process bash = new ProcessBuilder("bash", "-c", script).redirectErrorStream(true).start();
    String answer = new String(bash.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(bash.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(bash.exitValue()).as(answer).isZero();
    JsonNode json = new ObjectMapper().readTree(answer);
    assertThat(json.path("outcome").asText()).as(answer).isEqualTo("created");
    String instance = json.path("processInstanceId").asText();
    // The job executor is off in tests; in the demo it runs these steps within seconds.
    Jobs.executeAll(management, instance);
    Task checklist = tasks.createTaskQuery().processInstanceId(instance).singleResult();
    assertThat(checklist.getName()).isEqualTo("Complete the handoff checklist");
    assertThat(checklist.getAssignee()).isEqualTo("sales-rep-demo");

    try (Browser browser = Browser.open(port, "readme-deal-of-your-own")) {
      browser.go("/camunda/app/tasklist/default/").login("sales-rep-demo", "demo");
      browser.awaitText("My tasks").awaitText("Acme Logistics GmbH");
      browser.screenshot("my-tasks");
      browser.go("/camunda/app/tasklist/default/#/?task=" + checklist.getId());
      browser.awaitText("Complete the handoff checklist");
      browser.await(By.cssSelector(".fjs-form"));
      // The deal's value as people write it, never a bare number.
      browser.waitFor(d -> d.findElements(By.cssSelector("input[name='dealValue'], .fjs-form input")).stream()
          .anyMatch(input -> "€48,000".equals(input.getAttribute("value"))) ? Boolean.TRUE : null);
      browser.screenshot("checklist");
    }
  }
}
