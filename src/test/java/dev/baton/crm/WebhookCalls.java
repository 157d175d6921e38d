package dev.baton.crm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ThreadLocalRandom;

/** Calls Baton's webhooks over HTTP, signed as HubSpot and as a CRM would sign them (test secrets). */
final class WebhookCalls {

  static final String HUBSPOT_SECRET = "test-hubspot-client-secret";
  static final String HUBSPOT_URL = "https://baton.example.com/api/webhooks/hubspot";
  static final String CRM_SECRET = "test-crm-webhook-secret";

  private final int port;
  private final HttpClient http;
  private final ObjectMapper json = new ObjectMapper();

  WebhookCalls(int port) {
    this.port = port;
    this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(5)).build();
  }

  /** A deal id HubSpot could send (a positive number), unique within the shared test database. */
  static String newHubSpotDealId() {
    return String.valueOf(ThreadLocalRandom.current().nextLong(1_000_000_000L, 9_000_000_000_000L));
  }

  /** HubSpot's event for a deal moved to a stage. */
  static String stageChange(String dealId, String stage) {
    return """
        {"eventId":%d,"subscriptionId":2811207,"portalId":62515,"appId":54321,"occurredAt":%d,\
        "subscriptionType":"deal.propertyChange","attemptNumber":0,"objectId":%s,\
        "propertyName":"dealstage","propertyValue":"%s","changeSource":"CRM"}"""
        .formatted(ThreadLocalRandom.current().nextInt(1, Integer.MAX_VALUE), System.currentTimeMillis(),
            dealId, stage);
  }

  static String batch(String... events) {
    return "[" + String.join(",", events) + "]";
  }

  HttpResponse<String> hubspot(String body) throws Exception {
    return hubspot(body, Instant.now());
  }

  HttpResponse<String> hubspot(String body, Instant signedAt) throws Exception {
    String timestamp = String.valueOf(signedAt.toEpochMilli());
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    return send(HubSpotWebhookController.PATH, bytes, "application/json",
        HubSpotSignature.SIGNATURE_HEADER, HubSpotSignature.sign(HUBSPOT_SECRET, "POST", HUBSPOT_URL, bytes, timestamp),
        HubSpotSignature.TIMESTAMP_HEADER, timestamp);
  }

  HttpRequest hubspotRequest(String body) {
    String timestamp = String.valueOf(System.currentTimeMillis());
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    return request(HubSpotWebhookController.PATH, bytes, "application/json",
        HubSpotSignature.SIGNATURE_HEADER, HubSpotSignature.sign(HUBSPOT_SECRET, "POST", HUBSPOT_URL, bytes, timestamp),
        HubSpotSignature.TIMESTAMP_HEADER, timestamp);
  }

  HttpResponse<String> crm(String body) throws Exception {
    return crm(body, Instant.now());
  }

  HttpResponse<String> crm(String body, Instant signedAt) throws Exception {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    return send(CrmWebhookController.PATH, bytes, "application/json",
        BatonSignature.HEADER, BatonSignature.sign(CRM_SECRET, signedAt.getEpochSecond(), bytes));
  }

  HttpRequest crmRequest(String body) {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    return request(CrmWebhookController.PATH, bytes, "application/json",
        BatonSignature.HEADER, BatonSignature.sign(CRM_SECRET, Instant.now().getEpochSecond(), bytes));
  }

  HttpResponse<String> send(String path, byte[] body, String contentType, String... headers) throws Exception {
    return send(request(path, body, contentType, headers));
  }

  HttpResponse<String> send(HttpRequest request) throws Exception {
    return http.send(request, HttpResponse.BodyHandlers.ofString());
  }

  HttpRequest request(String path, byte[] body, String contentType, String... headers) {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
        .timeout(Duration.ofSeconds(30)).POST(HttpRequest.BodyPublishers.ofByteArray(body));
    if (contentType != null) {
      request.header("Content-Type", contentType);
    }
    for (int i = 0; i < headers.length; i += 2) {
      request.header(headers[i], headers[i + 1]);
    }
    return request.build();
  }

  JsonNode json(HttpResponse<String> response) throws Exception {
    return json.readTree(response.body());
  }
}
