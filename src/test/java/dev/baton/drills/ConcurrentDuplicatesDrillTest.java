package dev.baton.drills;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.account.Account;
import dev.baton.account.AccountRepository;
import dev.baton.crm.HubSpotSignature;
import dev.baton.support.BatonIntegrationTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import org.camunda.bpm.engine.HistoryService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The concurrency drill: 50 simultaneous deliveries of one HubSpot event start one handoff;
 * 50 simultaneous red signals for one account start one escalation. Every caller gets a 2xx.
 */
@BatonIntegrationTest
class ConcurrentDuplicatesDrillTest {

  static final int CALLERS = 50;

  @LocalServerPort int port;
  @Autowired HistoryService history;
  @Autowired AccountRepository accounts;
  final HttpClient http = HttpClient.newHttpClient();

  @Test
  void fiftySimultaneousDeliveriesOfOneHubSpotEventStartOneHandoff() throws Exception {
    String dealId = String.valueOf(ThreadLocalRandom.current().nextLong(1_000_000_000L, 9_000_000_000_000L));
    String body = "[{\"eventId\":7,\"subscriptionType\":\"deal.propertyChange\",\"objectId\":" + dealId
        + ",\"propertyName\":\"dealstage\",\"propertyValue\":\"closedwon\",\"occurredAt\":1764000000000}]";

    List<Integer> statuses = together(() -> {
      String timestamp = String.valueOf(System.currentTimeMillis());
      byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
      return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/webhooks/hubspot"))
          .header("Content-Type", "application/json")
          .header(HubSpotSignature.TIMESTAMP_HEADER, timestamp)
          .header(HubSpotSignature.SIGNATURE_HEADER, HubSpotSignature.sign("test-hubspot-client-secret", "POST",
              "https://baton.example.com/api/webhooks/hubspot", bytes, timestamp))
          .POST(HttpRequest.BodyPublishers.ofByteArray(bytes)).build(), HttpResponse.BodyHandlers.ofString()).statusCode();
    });

    assertThat(statuses).allMatch(status -> status >= 200 && status < 300);
    assertThat(history.createHistoricProcessInstanceQuery().processDefinitionKey("SalesToCsHandoff")
        .processInstanceBusinessKey("hubspot:" + dealId).count()).isEqualTo(1);
  }

  @Test
  void fiftySimultaneousRedSignalsForOneAccountStartOneEscalation() throws Exception {
    String account = "drill-red-" + UUID.randomUUID();
    accounts.save(new Account(account, "Drill Red Co", "SMB", null, null, Map.of()));
    String red = "{\"timestamp\":\"" + OffsetDateTime.now() + "\",\"weeklyActiveUsers\":10,\"licensedUsers\":100}";

    List<Integer> statuses = together(() -> http.send(
        HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/accounts/" + account + "/health-signals"))
            .header("Content-Type", "application/json")
            .header("Authorization", "Basic " + Base64.getEncoder().encodeToString("integration-demo:demo".getBytes()))
            .POST(HttpRequest.BodyPublishers.ofString(red)).build(), HttpResponse.BodyHandlers.ofString()).statusCode());

    assertThat(statuses).allMatch(status -> status == 200);
    assertThat(history.createHistoricProcessInstanceQuery().processDefinitionKey("RedHealthEscalation")
        .processInstanceBusinessKey(account).count()).isEqualTo(1);
  }

  /** Runs the call from 50 threads released at the same moment; returns their statuses. */
  private static List<Integer> together(Callable<Integer> call) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(CALLERS);
    CountDownLatch go = new CountDownLatch(1);
    List<Future<Integer>> answers = new ArrayList<>();
    try {
      for (int i = 0; i < CALLERS; i++) {
        answers.add(pool.submit(() -> {
          go.await();
          return call.call();
        }));
      }
      go.countDown();
      List<Integer> statuses = new ArrayList<>();
      for (Future<Integer> answer : answers) {
        statuses.add(answer.get());
      }
      return statuses;
    } finally {
      pool.shutdownNow();
    }
  }
}
