package dev.baton.health;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.baton.account.Account;
import dev.baton.account.AccountRepository;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;

/** Calls the health API over HTTP as an integration would (user integration-demo). */
final class HealthApi {

  static final String INTEGRATION = "integration-demo:demo";
  /** Adoption red (WAU 10 of 100 licensed): the overall band becomes red. */
  static final String RED = "{\"timestamp\":\"%s\",\"weeklyActiveUsers\":10,\"licensedUsers\":100}";
  /** Adoption yellow (WAU 50 of 100). */
  static final String YELLOW = "{\"timestamp\":\"%s\",\"weeklyActiveUsers\":50,\"licensedUsers\":100}";
  /** Adoption green (WAU 80 of 100). */
  static final String GREEN = "{\"timestamp\":\"%s\",\"weeklyActiveUsers\":80,\"licensedUsers\":100}";

  private final int port;
  private final HttpClient http = HttpClient.newHttpClient();
  private final ObjectMapper json = new ObjectMapper();

  HealthApi(int port) {
    this.port = port;
  }

  static String newAccount(AccountRepository accounts, String prefix) {
    String id = prefix + "-" + UUID.randomUUID();
    accounts.save(new Account(id, "Customer " + id.substring(0, prefix.length() + 9), "SMB", null, null, Map.of()));
    return id;
  }

  static String signal(String template) {
    return template.formatted(java.time.OffsetDateTime.now().toString());
  }

  HttpResponse<String> post(String accountId, String body) throws Exception {
    return post(accountId, body, INTEGRATION);
  }

  HttpResponse<String> post(String accountId, String body, String credentials) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(uri("/api/accounts/" + accountId + "/health-signals"))
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
    return http.send(auth(request, credentials).build(), HttpResponse.BodyHandlers.ofString());
  }

  /** POST /api/health-signals: many accounts' signals, as a JSON array or NDJSON (the content type says which). */
  HttpResponse<String> postBulk(String body, String contentType, String credentials) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(uri("/api/health-signals"))
        .header("Content-Type", contentType).POST(HttpRequest.BodyPublishers.ofString(body));
    return http.send(auth(request, credentials).build(), HttpResponse.BodyHandlers.ofString());
  }

  HttpResponse<String> get(String path) throws Exception {
    return http.send(auth(HttpRequest.newBuilder(uri(path)), INTEGRATION).build(), HttpResponse.BodyHandlers.ofString());
  }

  JsonNode json(HttpResponse<String> response) throws Exception {
    return json.readTree(response.body());
  }

  private URI uri(String path) {
    return URI.create("http://localhost:" + port + path);
  }

  private static HttpRequest.Builder auth(HttpRequest.Builder request, String credentials) {
    if (credentials != null) {
      request.header("Authorization", "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes()));
    }
    return request;
  }
}
