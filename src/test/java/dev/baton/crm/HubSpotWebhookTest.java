package dev.baton.crm;

import static dev.baton.crm.WebhookCalls.batch;
import static dev.baton.crm.WebhookCalls.newHubSpotDealId;
import static dev.baton.crm.WebhookCalls.stageChange;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.baton.support.BatonIntegrationTest;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.camunda.bpm.engine.RuntimeService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/** POST /api/webhooks/hubspot over HTTP, signed with HubSpot's v3 signature (docs/webhooks.md). */
@BatonIntegrationTest
class HubSpotWebhookTest {

  @LocalServerPort int port;
  @Autowired RuntimeService runtime;
  @Autowired JdbcClient jdbc;
  WebhookCalls calls;
  Handoffs handoffs;

  @BeforeEach
  void setUp() {
    calls = new WebhookCalls(port);
    handoffs = new Handoffs(runtime, jdbc);
  }

  @Test
  void wonDealStartsItsHandoffBeforeTheAnswer() throws Exception {
    // The JVM's first request loads classes (servlet, Spin, JDBC): time a call of a running application.
    calls.hubspot(batch(stageChange(newHubSpotDealId(), "closedwon")));
    String dealId = newHubSpotDealId();
    long started = System.nanoTime();
    HttpResponse<String> response = calls.hubspot(batch(stageChange(dealId, "closedwon")));
    Duration took = Duration.ofNanos(System.nanoTime() - started);

    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    assertThat(took).isLessThan(Duration.ofSeconds(1));
    JsonNode answer = calls.json(response);
    assertThat(answer.get("created").asInt()).isEqualTo(1);
    JsonNode event = answer.get("events").get(0);
    assertThat(event.get("outcome").asText()).isEqualTo("created");
    assertThat(event.get("dealId").asText()).isEqualTo(dealId);
    assertThat(event.get("businessKey").asText()).isEqualTo("hubspot:" + dealId);
    assertThat(event.get("eventId").isNumber()).isTrue();

    JsonNode deal = handoffs.assertOneHandoff("hubspot:" + dealId, event.get("processInstanceId").asText());
    assertThat(deal.get("crm").asText()).isEqualTo("hubspot");
    assertThat(deal.get("dealId").asText()).isEqualTo(dealId);
    assertThat(deal.get("accountId").isNull()).isTrue();
  }

  @Test
  void duplicateWebhookStartsNoSecondHandoff() throws Exception {
    String dealId = newHubSpotDealId();
    JsonNode first = calls.json(calls.hubspot(batch(stageChange(dealId, "closedwon")))).get("events").get(0);
    HttpResponse<String> again = calls.hubspot(batch(stageChange(dealId, "closedwon")));

    assertThat(again.statusCode()).isEqualTo(200);
    JsonNode second = calls.json(again).get("events").get(0);
    assertThat(second.get("outcome").asText()).isEqualTo("duplicate");
    assertThat(second.get("processInstanceId").asText()).isEqualTo(first.get("processInstanceId").asText());
    handoffs.assertOneHandoff("hubspot:" + dealId, first.get("processInstanceId").asText());
  }

  @Test
  void twentyConcurrentDuplicatesStartOneHandoff() throws Exception {
    String dealId = newHubSpotDealId();
    HttpRequest request = calls.hubspotRequest(batch(stageChange(dealId, "closedwon")));
    List<JsonNode> events = Collections.synchronizedList(new ArrayList<>());
    CountDownLatch go = new CountDownLatch(1);
    ExecutorService clients = Executors.newFixedThreadPool(20);
    try {
      List<Future<?>> sent = new ArrayList<>();
      for (int i = 0; i < 20; i++) {
        sent.add(clients.submit(() -> {
          go.await();
          HttpResponse<String> response = calls.send(request);
          assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
          events.add(calls.json(response).get("events").get(0));
          return null;
        }));
      }
      go.countDown();
      for (Future<?> future : sent) {
        future.get();
      }
    } finally {
      clients.shutdownNow();
    }

    assertThat(events).hasSize(20);
    assertThat(events.stream().filter(e -> e.get("outcome").asText().equals("created")).count()).isEqualTo(1);
    assertThat(events.stream().filter(e -> e.get("outcome").asText().equals("duplicate")).count()).isEqualTo(19);
    assertThat(events.stream().map(e -> e.get("processInstanceId").asText()).distinct()).hasSize(1);
    handoffs.assertOneHandoff("hubspot:" + dealId, events.get(0).get("processInstanceId").asText());
  }

  @Test
  void sameDealTwiceInOneBatchStartsOneHandoff() throws Exception {
    String dealId = newHubSpotDealId();
    JsonNode answer = calls.json(calls.hubspot(batch(stageChange(dealId, "closedwon"), stageChange(dealId, "closedwon"))));

    assertThat(answer.get("events").findValuesAsText("outcome")).containsExactly("created", "duplicate");
    handoffs.assertOneHandoff("hubspot:" + dealId, answer.get("events").get(0).get("processInstanceId").asText());
  }

  @Test
  void badSignatureIsRejectedAndStartsNothing() throws Exception {
    String dealId = newHubSpotDealId();
    byte[] body = batch(stageChange(dealId, "closedwon")).getBytes(StandardCharsets.UTF_8);
    String timestamp = String.valueOf(System.currentTimeMillis());
    String signedByOther = HubSpotSignature.sign("another-secret", "POST", WebhookCalls.HUBSPOT_URL, body, timestamp);

    HttpResponse<String> response = calls.send(HubSpotWebhookController.PATH, body, "application/json",
        HubSpotSignature.SIGNATURE_HEADER, signedByOther, HubSpotSignature.TIMESTAMP_HEADER, timestamp);

    assertProblem(response, 401, "X-HubSpot-Signature-v3: does not match");
    handoffs.assertNothingStarted("hubspot:" + dealId);
  }

  @Test
  void signatureOverAnotherUrlIsRejected() throws Exception {
    String dealId = newHubSpotDealId();
    byte[] body = batch(stageChange(dealId, "closedwon")).getBytes(StandardCharsets.UTF_8);
    String timestamp = String.valueOf(System.currentTimeMillis());
    String signature = HubSpotSignature.sign(WebhookCalls.HUBSPOT_SECRET, "POST",
        "http://localhost:" + port + HubSpotWebhookController.PATH, body, timestamp);

    HttpResponse<String> response = calls.send(HubSpotWebhookController.PATH, body, "application/json",
        HubSpotSignature.SIGNATURE_HEADER, signature, HubSpotSignature.TIMESTAMP_HEADER, timestamp);

    assertProblem(response, 401, "does not match");
    handoffs.assertNothingStarted("hubspot:" + dealId);
  }

  @Test
  void unsignedWebhookIsRejected() throws Exception {
    String dealId = newHubSpotDealId();
    HttpResponse<String> response = calls.send(HubSpotWebhookController.PATH,
        batch(stageChange(dealId, "closedwon")).getBytes(StandardCharsets.UTF_8), "application/json");

    assertProblem(response, 401, "X-HubSpot-Signature-v3: missing");
    handoffs.assertNothingStarted("hubspot:" + dealId);
  }

  @Test
  void staleTimestampIsRejectedAndStartsNothing() throws Exception {
    String dealId = newHubSpotDealId();
    HttpResponse<String> response = calls.hubspot(batch(stageChange(dealId, "closedwon")),
        Instant.now().minus(Duration.ofMinutes(5)).minusSeconds(5));

    assertProblem(response, 401, "X-HubSpot-Request-Timestamp");
    assertThat(calls.json(response).get("detail").asText()).contains("more than the 5 minutes allowed");
    handoffs.assertNothingStarted("hubspot:" + dealId);
  }

  @Test
  void malformedJsonIs400NamingWhereItBreaks() throws Exception {
    HttpResponse<String> response = calls.hubspot("[{\"subscriptionType\":\"deal.propertyChange\",");

    assertProblem(response, 400, "malformed JSON at line 1");
  }

  @Test
  void aBodyThatIsNotABatchIs400() throws Exception {
    String dealId = newHubSpotDealId();
    HttpResponse<String> response = calls.hubspot(stageChange(dealId, "closedwon"));

    assertProblem(response, 400, "body: expected a JSON array of HubSpot events");
    handoffs.assertNothingStarted("hubspot:" + dealId);
  }

  @Test
  void moreThan100EventsIs400AndStartsNothing() throws Exception {
    List<String> events = new ArrayList<>();
    String first = newHubSpotDealId();
    events.add(stageChange(first, "closedwon"));
    for (int i = 0; i < 100; i++) {
      events.add(stageChange(newHubSpotDealId(), "appointmentscheduled"));
    }
    HttpResponse<String> response = calls.hubspot(batch(events.toArray(String[]::new)));

    assertProblem(response, 400, "101 events in one call");
    handoffs.assertNothingStarted("hubspot:" + first);
  }

  @Test
  void wrongTypesAreA400NamingTheField() throws Exception {
    String dealId = newHubSpotDealId();
    String textId = stageChange(dealId, "closedwon").replace("\"objectId\":" + dealId, "\"objectId\":\"abc\"");
    String numberStage = stageChange(dealId, "closedwon").replace("\"closedwon\"", "42");

    HttpResponse<String> response = calls.hubspot(batch(textId, numberStage));

    assertProblem(response, 400, "[0].objectId: expected the deal's id, a positive whole number, got text 'abc'");
    assertThat(calls.json(response).get("detail").asText()).contains("[1].propertyValue: expected text, got the number 42");
    assertThat(calls.json(response).get("events").findValuesAsText("outcome")).containsExactly("invalid", "invalid");
    // The same shape as every 400 of Baton's API: each field and its message.
    assertThat(calls.json(response).get("errors").findValuesAsText("field")).containsExactly("[0].objectId", "[1].propertyValue");
    handoffs.assertNothingStarted("hubspot:" + dealId);
  }

  @Test
  void batchWithABadEventStillStartsTheGoodOnes() throws Exception {
    String good = newHubSpotDealId();
    String alsoGood = newHubSpotDealId();
    String bad = stageChange(newHubSpotDealId(), "closedwon").replaceAll("\"objectId\":[0-9]+,", "");

    HttpResponse<String> response = calls.hubspot(batch(stageChange(good, "closedwon"), bad,
        "\"not an event\"", stageChange(alsoGood, "closedwon")));

    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    JsonNode answer = calls.json(response);
    assertThat(answer.get("events").findValuesAsText("outcome"))
        .containsExactly("created", "invalid", "invalid", "created");
    assertThat(answer.get("events").get(1).get("problem").asText()).startsWith("[1].objectId: missing");
    assertThat(answer.get("events").get(2).get("problem").asText()).startsWith("[2]: expected an object");
    assertThat(answer.get("created").asInt()).isEqualTo(2);
    assertThat(answer.get("invalid").asInt()).isEqualTo(2);
    handoffs.assertOneHandoff("hubspot:" + good, answer.get("events").get(0).get("processInstanceId").asText());
    handoffs.assertOneHandoff("hubspot:" + alsoGood, answer.get("events").get(3).get("processInstanceId").asText());
  }

  @Test
  void otherEventTypesPropertiesAndStagesAreAcceptedAndIgnored() throws Exception {
    String created = newHubSpotDealId();
    String otherStage = newHubSpotDealId();
    String otherProperty = newHubSpotDealId();
    String contact = newHubSpotDealId();
    HttpResponse<String> response = calls.hubspot(batch(
        stageChange(otherStage, "closedlost"),
        stageChange(otherProperty, "closedwon").replace("\"dealstage\"", "\"amount\""),
        stageChange(contact, "closedwon").replace("deal.propertyChange", "contact.creation"),
        stageChange(created, "closedwon").replace("subscriptionType", "eventType").replace("\"closedwon\"", "\"contractsigned\"")));

    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    JsonNode events = calls.json(response).get("events");
    assertThat(events.findValuesAsText("outcome")).containsExactly("ignored", "ignored", "ignored", "created");
    assertThat(events.get(0).get("reason").asText()).contains("closedlost is not a won stage");
    assertThat(events.get(1).get("reason").asText()).contains("propertyName amount is not dealstage");
    assertThat(events.get(2).get("reason").asText()).contains("contact.creation is not deal.propertyChange");
    handoffs.assertNothingStarted("hubspot:" + otherStage);
    handoffs.assertNothingStarted("hubspot:" + otherProperty);
    handoffs.assertNothingStarted("hubspot:" + contact);
    // eventType (HubSpot's newer name) and a won stage configured in baton.crm.hubspot.won-stages
    handoffs.assertOneHandoff("hubspot:" + created, events.get(3).get("processInstanceId").asText());
  }

  @Test
  void oversizeBodyIs413() throws Exception {
    String dealId = newHubSpotDealId();
    String padding = "x".repeat(WebhookBody.MAX_BYTES);
    String body = batch(stageChange(dealId, "closedwon").replace("\"changeSource\":\"CRM\"", "\"changeSource\":\"" + padding + "\""));

    HttpResponse<String> response = calls.hubspot(body);

    assertProblem(response, 413, "1048576 bytes (1 MB) is the most a webhook accepts");
    handoffs.assertNothingStarted("hubspot:" + dealId);
  }

  @Test
  void wrongContentTypeIs415() throws Exception {
    String dealId = newHubSpotDealId();
    HttpResponse<String> response = calls.send(HubSpotWebhookController.PATH,
        batch(stageChange(dealId, "closedwon")).getBytes(StandardCharsets.UTF_8), "text/plain");

    assertProblem(response, 415, "Content-Type: 'text/plain' is not accepted; send the event as application/json");
    handoffs.assertNothingStarted("hubspot:" + dealId);
  }

  static void assertProblem(HttpResponse<String> response, int status, String detail) throws Exception {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
    assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
        type -> assertThat(type).startsWith("application/problem+json"));
    assertThat(new com.fasterxml.jackson.databind.ObjectMapper().readTree(response.body()).get("detail").asText())
        .contains(detail);
  }
}
