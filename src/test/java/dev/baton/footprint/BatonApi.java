package dev.baton.footprint;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.baton.crm.BatonSignature;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Baton's public paths, called over HTTP as a CRM, an integration and Tasklist's users call them: the signed
 * "deal won" webhook, the accounts and health APIs (integration-demo), the engine REST API (task completion
 * as the task's user, counts as the administrator). Every call fails loudly unless Baton answers 2xx.
 */
final class BatonApi {

  static final String ADMIN = "demo:demo";
  static final String INTEGRATION = "integration-demo:demo";

  private final String baseUrl;
  private final String webhookSecret;
  private final ObjectMapper json = new ObjectMapper();
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  BatonApi(int port, String webhookSecret) {
    this.baseUrl = "http://localhost:" + port;
    this.webhookSecret = webhookSecret;
  }

  /** POST /api/webhooks/crm, signed; answers the handoff's process instance id. */
  String dealWon(Map<String, Object> deal) throws IOException, InterruptedException {
    byte[] body = json.writeValueAsBytes(deal);
    HttpRequest.Builder request = post("/api/webhooks/crm", body)
        .header(BatonSignature.HEADER, BatonSignature.sign(webhookSecret, Instant.now().getEpochSecond(), body));
    return send(request, "deal " + deal.get("dealId")).path("processInstanceId").asText();
  }

  /** PUT /api/accounts/{id}: the account with its team and renewal date (renewal preparation starts). */
  void putAccount(String accountId, Map<String, Object> account) throws IOException, InterruptedException {
    byte[] body = json.writeValueAsBytes(account);
    send(request("/api/accounts/" + accountId, INTEGRATION).header("Content-Type", "application/json")
        .PUT(HttpRequest.BodyPublishers.ofByteArray(body)), "account " + accountId);
  }

  /** POST /api/accounts/{id}/health-signals; answers the health with the escalation's process instance id. */
  JsonNode healthSignal(String accountId, Map<String, Object> signal) throws IOException, InterruptedException {
    return send(post("/api/accounts/" + accountId + "/health-signals", json.writeValueAsBytes(signal))
        .header("Authorization", basic(INTEGRATION)), "health signal of " + accountId).path("health");
  }

  /** The id of the instance's open task with this key, as its user sees it in Tasklist, or null. */
  String openTask(String processInstanceId, String taskKey, String credentials) throws IOException, InterruptedException {
    JsonNode tasks = send(request("/engine-rest/task?processInstanceId=" + processInstanceId + "&taskDefinitionKey="
        + taskKey, credentials).GET(), "tasks of " + processInstanceId);
    return tasks.isArray() && !tasks.isEmpty() ? tasks.get(0).path("id").asText() : null;
  }

  /** POST /engine-rest/task/{id}/complete as Tasklist's Complete button sends it. */
  void complete(String taskId, Map<String, Object> values, String credentials) throws IOException, InterruptedException {
    Map<String, Object> variables = new LinkedHashMap<>();
    values.forEach((name, value) -> variables.put(name, Map.of("value", value)));
    send(request("/engine-rest/task/" + taskId + "/complete", credentials).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofByteArray(json.writeValueAsBytes(Map.of("variables", variables)))),
        "completing task " + taskId);
  }

  /** A count from the engine REST API (path up to the query string), as the administrator. */
  long count(String path) throws IOException, InterruptedException {
    return send(request(path, ADMIN).GET(), path).path("count").asLong();
  }

  private HttpRequest.Builder post(String path, byte[] body) {
    return HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(60))
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofByteArray(body));
  }

  private HttpRequest.Builder request(String path, String credentials) {
    return HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(60))
        .header("Authorization", basic(credentials));
  }

  private JsonNode send(HttpRequest.Builder request, String what) throws IOException, InterruptedException {
    HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() / 100 != 2) {
      throw new IllegalStateException(what + ": HTTP " + response.statusCode() + " " + response.body());
    }
    return response.body().isEmpty() ? json.nullNode() : json.readTree(response.body());
  }

  private static String basic(String credentials) {
    return "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8));
  }
}
