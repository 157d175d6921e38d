package dev.baton.drills;

import dev.baton.crm.BatonSignature;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;

/**
 * Signed "deal won" calls of the generic CRM webhook (the test profile's secret). The deal closed ten
 * days ago and renews in 100 days, so its work is due at once: the handoff's SLA (three business days
 * from the close) has passed, and so has the renewal's 120-day review.
 */
final class DealWonWebhook {

  static final String SECRET = "test-crm-webhook-secret";
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  private DealWonWebhook() {}

  /** The answer's status, or 0 when none came (the node is down or died mid-request). */
  static int post(int port, String deal, String account) {
    LocalDate today = LocalDate.now();
    LocalDate closed = today.minusDays(10);
    String body = """
        {"crm": "zoho", "dealId": "%s", "accountId": "%s", "accountName": "Two Nodes %s",
         "amount": 12000, "currency": "EUR", "closeDate": "%s", "contractStart": "%s", "contractEnd": "%s",
         "renewalDate": "%s", "ownerEmail": "sales-rep-demo@example.com",
         "contacts": [{"name": "Ann Buyer", "email": "ann@%s.example", "role": "champion"}]}"""
        .formatted(deal, account, account, closed, closed, today.plusDays(99), today.plusDays(100), account);
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    try {
      return HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/webhooks/crm"))
          .timeout(Duration.ofSeconds(30)).header("Content-Type", "application/json")
          .header(BatonSignature.HEADER, BatonSignature.sign(SECRET, Instant.now().getEpochSecond(), bytes))
          .POST(HttpRequest.BodyPublishers.ofByteArray(bytes)).build(), HttpResponse.BodyHandlers.discarding())
          .statusCode();
    } catch (java.io.IOException noAnswer) {
      return 0;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return 0;
    }
  }
}
