package dev.baton.crm;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.baton.support.BatonIntegrationTest;
import dev.baton.support.Jobs;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Date;
import java.util.UUID;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The example files of docs/examples, filled in and posted as docs/webhooks.md's commands do (its
 * placeholders replaced with today's dates; only the deal id is made unique, the test database being
 * shared): the deal-won event reaches the demo sales rep's checklist within its SLA.
 */
@BatonIntegrationTest
class DocsExamplesTest {

  static final Path GENERIC = Path.of("docs/examples/crm-deal-won.json");
  static final Path HUBSPOT = Path.of("docs/examples/hubspot-deal-won.json");

  @LocalServerPort int port;
  @Autowired RuntimeService runtime;
  @Autowired TaskService tasks;
  @Autowired ManagementService management;
  @Autowired JdbcClient jdbc;
  WebhookCalls calls;
  Handoffs handoffs;

  @BeforeEach
  void setUp() {
    calls = new WebhookCalls(port);
    handoffs = new Handoffs(runtime, jdbc);
  }

  @Test
  void theGenericExampleWaitsForTheDemoSalesRepWithinItsSla() throws Exception {
    String dealId = "Z-" + UUID.randomUUID().toString().substring(0, 8);
    // As the docs' sed does: {{today}} and {{in-one-year}}.
    String body = Files.readString(GENERIC, StandardCharsets.UTF_8).replace("{{today}}", LocalDate.now().toString())
        .replace("{{in-one-year}}", LocalDate.now().plusYears(1).toString()).replace("\"Z-2001\"", "\"" + dealId + "\"");

    HttpResponse<String> response = calls.crm(body);

    assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
    String instance = calls.json(response).get("processInstanceId").asText();
    Jobs.executeAll(management, instance);
    Task checklist = tasks.createTaskQuery().processInstanceId(instance).singleResult();
    assertThat(checklist.getTaskDefinitionKey()).isEqualTo("Task_CompleteChecklist");
    assertThat(checklist.getAssignee()).isEqualTo("sales-rep-demo");
    assertThat(runtime.getVariable(instance, "csmUserId")).isEqualTo("csm-demo");
    assertThat((Date) runtime.getVariable(instance, "handoffDeadline")).isInTheFuture();
    assertThat(runtime.getVariable(instance, "handoffSlaBreached")).isNull();
    assertThat(runtime.getVariable(instance, "crmNotRead")).isNull();
  }

  @Test
  void theHubSpotExampleStartsAHandoff() throws Exception {
    String dealId = WebhookCalls.newHubSpotDealId();
    // As the docs' sed does: {{now-ms}}, the signing time.
    String body = Files.readString(HUBSPOT, StandardCharsets.UTF_8)
        .replace("{{now-ms}}", String.valueOf(Instant.now().toEpochMilli()))
        .replace("\"objectId\":123456", "\"objectId\":" + dealId);

    HttpResponse<String> response = calls.hubspot(body);

    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    JsonNode event = calls.json(response).get("events").get(0);
    assertThat(event.get("outcome").asText()).isEqualTo("created");
    handoffs.assertOneHandoff("hubspot:" + dealId, event.get("processInstanceId").asText());
  }

  @Test
  void theWebhookPageFillsInAndPostsTheExampleFiles() throws Exception {
    String page = Files.readString(Path.of("docs/webhooks.md"), StandardCharsets.UTF_8);

    assertThat(page).contains("docs/examples/crm-deal-won.json", "docs/examples/hubspot-deal-won.json",
        "s/{{today}}/", "s/{{in-one-year}}/", "s/{{now-ms}}/");
    assertThat(Files.readString(GENERIC)).contains("sales-rep-demo@example.com").doesNotContain("\"crm\": \"hubspot\"");
  }
}
