package dev.baton.drills;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.baton.crm.HubSpotSignature;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/** HubSpot's "deal moved to closedwon" webhook over HTTP, signed with the test profile's secret, timed. */
final class HubSpotWebhooks {

  static final String SECRET = "test-hubspot-client-secret";
  static final String TARGET_URL = "https://baton.example.com/api/webhooks/hubspot";

  /** The status, the handoff it created and how long the answer took (wall clock). */
  record Answer(int status, String outcome, String processInstanceId, long millis) {}

  private final int port;
  private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(5)).build();
  private final ObjectMapper json = new ObjectMapper();

  HubSpotWebhooks(int port) {
    this.port = port;
  }

  /** A deal id HubSpot could send, unique in the shared test database. */
  static String newDealId() {
    return String.valueOf(ThreadLocalRandom.current().nextLong(1_000_000_000L, 9_000_000_000_000L));
  }

  Answer dealWon(String dealId) throws Exception {
    String body = "[{\"eventId\":" + ThreadLocalRandom.current().nextInt(1, Integer.MAX_VALUE)
        + ",\"subscriptionType\":\"deal.propertyChange\",\"objectId\":" + dealId
        + ",\"propertyName\":\"dealstage\",\"propertyValue\":\"closedwon\",\"occurredAt\":"
        + System.currentTimeMillis() + "}]";
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    String timestamp = String.valueOf(System.currentTimeMillis());
    HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/webhooks/hubspot"))
        .timeout(Duration.ofSeconds(30)).header("Content-Type", "application/json")
        .header(HubSpotSignature.TIMESTAMP_HEADER, timestamp)
        .header(HubSpotSignature.SIGNATURE_HEADER, HubSpotSignature.sign(SECRET, "POST", TARGET_URL, bytes, timestamp))
        .POST(HttpRequest.BodyPublishers.ofByteArray(bytes)).build();
    long started = System.nanoTime();
    HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
    long millis = (System.nanoTime() - started) / 1_000_000;
    JsonNode event = json.readTree(response.body()).path("events").path(0);
    return new Answer(response.statusCode(), event.path("outcome").asText(null),
        event.path("processInstanceId").asText(null), millis);
  }
}
