package dev.baton.raci;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.baton.identity.RoleCatalogue;
import dev.baton.support.BatonIntegrationTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Base64;
import org.camunda.bpm.engine.RepositoryService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** GET /api/raci: the RACI chart (docs/domain.md#raci), generated from the deployed models. */
@BatonIntegrationTest
class RaciChartTest {

  @LocalServerPort int port;
  @Autowired RepositoryService repository;
  @Autowired ObjectMapper json;
  @Autowired RoleCatalogue roles;

  @BeforeEach
  void deploy() {
    RaciTestProcess.deploy(repository);
  }

  @Test
  void jsonHasOneColumnPerRoleAndTheTasksOfEachProcessInFlowOrder() throws Exception {
    HttpResponse<String> response = get("/api/raci?format=json", "csm-demo:demo");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
    JsonNode chart = json.readTree(response.body());
    // One column per role of the catalogue, in its order.
    assertThat(chart.get("roles").findValuesAsText("id")).containsExactlyElementsOf(roles.ids());
    JsonNode process = null;
    for (JsonNode p : chart.get("processes")) {
      if (p.get("key").asText().equals("RaciTest")) {
        process = p;
      }
    }
    assertThat(process).isNotNull();
    assertThat(process.get("name").asText()).isEqualTo("RACI test");
    assertThat(process.get("tasks").findValuesAsText("id")).containsExactly("Task_ReviewNotes", "Task_ApprovePlan");
    JsonNode review = process.get("tasks").get(0);
    assertThat(review.get("cells").get("csm").asText()).isEqualTo("R");
    assertThat(review.get("cells").get("cs-lead").asText()).isEqualTo("A");
    assertThat(review.get("cells").get("support").asText()).isEqualTo("C");
    assertThat(review.get("cells").get("sales-rep").asText()).isEqualTo("I");
    assertThat(process.get("tasks").get(1).get("cells").get("cs-lead").asText()).isEqualTo("A/R");
    assertThat(chart.get("processes").findValuesAsText("key")).doesNotContain("MailDelivery");
  }

  @Test
  void theRenewalChartMakesTheCsmResponsibleAndConsultsTheAccountManager() throws Exception {
    JsonNode chart = json.readTree(get("/api/raci?format=json", "csm-demo:demo").body());
    JsonNode renewal = null;
    for (JsonNode p : chart.get("processes")) {
      if (p.get("key").asText().equals("RenewalPreparation")) {
        renewal = p;
      }
    }
    assertThat(renewal).isNotNull();
    assertThat(renewal.get("tasks").findValuesAsText("id")).startsWith("Task_InternalAccountReview",
        "Task_InviteToValueReview", "Task_ValueReview");
    java.util.Map<String, JsonNode> cells = new java.util.HashMap<>();
    renewal.get("tasks").forEach(task -> cells.put(task.get("id").asText(), task.get("cells")));
    // The procedure: renewal, CSM responsible (docs/domain.md#raci); the Account Manager gives input.
    for (String task : java.util.List.of("Task_InternalAccountReview", "Task_InviteToValueReview", "Task_ValueReview",
        "Task_AddressRisk", "Task_ReachOut", "Task_PrepareContract", "Task_RecordDecision", "Task_Offboard")) {
      assertThat(cells.get(task).get("csm").asText()).as(task).isEqualTo("R");
      assertThat(cells.get(task).get("cs-lead").asText()).as(task).isEqualTo("A");
      assertThat(cells.get(task).get("account-manager").asText()).as(task).isEqualTo("C");
    }
    assertThat(cells.get("Task_PrepareContract").get("finance").asText()).isEqualTo("C");
    assertThat(cells.get("Task_RecordDecision").get("sales-rep").asText()).isEqualTo("I");
  }

  @Test
  void theBusinessReviewTasksAreInTheChartInFlowOrder() throws Exception {
    JsonNode chart = json.readTree(get("/api/raci?format=json", "csm-demo:demo").body());
    JsonNode reviews = null;
    for (JsonNode p : chart.get("processes")) {
      if (p.get("key").asText().equals("BusinessReview")) {
        reviews = p;
      }
    }
    assertThat(reviews).isNotNull();
    assertThat(reviews.get("tasks").findValuesAsText("id")).containsExactly("Task_PrepareReview", "Task_HoldReview",
        "Task_SendFollowUp");
    java.util.Map<String, JsonNode> cells = new java.util.HashMap<>();
    reviews.get("tasks").forEach(task -> cells.put(task.get("id").asText(), task.get("cells")));
    // Prepare: Account Manager and Sales consulted; hold: Services and Sales consulted (docs/lifecycle.md).
    assertThat(cells.get("Task_PrepareReview").get("account-manager").asText()).isEqualTo("C");
    assertThat(cells.get("Task_PrepareReview").get("sales-rep").asText()).isEqualTo("C");
    assertThat(cells.get("Task_HoldReview").get("onboarding-rep").asText()).isEqualTo("C");
    assertThat(cells.get("Task_HoldReview").get("sales-rep").asText()).isEqualTo("C");
    for (String task : java.util.List.of("Task_PrepareReview", "Task_HoldReview", "Task_SendFollowUp")) {
      assertThat(cells.get(task).get("csm").asText()).as(task).isEqualTo("R");
      assertThat(cells.get(task).get("cs-lead").asText()).as(task).isEqualTo("A");
    }
  }

  @Test
  void csvHasAHeaderAndOneLinePerTask() throws Exception {
    HttpResponse<String> response = get("/api/raci?format=csv", "sales-rep-demo:demo");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/csv"));
    assertThat(response.body().split("\r\n")[0]).isEqualTo("process,process name,task,task name,"
        + String.join(",", roles.ids()));
    assertThat(response.body()).contains("\r\nRaciTest,RACI test,Task_ReviewNotes,Review the sales notes,"
        + cells(java.util.Map.of("sales-rep", "I", "csm", "R", "cs-lead", "A", "account-manager", "C", "support", "C"))
        + "\r\nRaciTest,RACI test,Task_ApprovePlan,Approve the success plan,"
        + cells(java.util.Map.of("sales-manager", "I", "csm", "I", "cs-lead", "A/R")) + "\r\n");
  }

  @Test
  void htmlIsATableForPeople() throws Exception {
    HttpResponse<String> response = get("/api/raci", "demo:demo");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/html"));
    assertThat(response.body()).contains("<table>", "<th title=\"csm\">Customer Success Manager</th>",
        "RACI test", "Review the sales notes", "<td class=\"cell A\">A/R</td>");
  }

  @Test
  void theChartNeedsASignedInUserAndAKnownFormat() throws Exception {
    assertThat(get("/api/raci", null).statusCode()).isEqualTo(401);
    HttpResponse<String> bad = get("/api/raci?format=pdf", "csm-demo:demo");
    assertThat(bad.statusCode()).isEqualTo(400);
    assertThat(bad.body()).contains("format: 'pdf' is not supported");
  }

  /** One CSV cell per role of the catalogue, in its order (roles may be added by configuration). */
  private String cells(java.util.Map<String, String> byRole) {
    return roles.ids().stream().map(role -> byRole.getOrDefault(role, "")).collect(java.util.stream.Collectors.joining(","));
  }

  private HttpResponse<String> get(String path, String credentials) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path));
    if (credentials != null) {
      request.header("Authorization", "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes()));
    }
    return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
  }
}
