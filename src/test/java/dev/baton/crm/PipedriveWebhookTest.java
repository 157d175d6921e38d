package dev.baton.crm;

import static dev.baton.crm.CrmExamples.PIPEDRIVE_AUTH;
import static dev.baton.crm.CrmExamples.pipedriveDealId;
import static dev.baton.crm.CrmExamples.pipedriveEvent;
import static dev.baton.crm.HubSpotWebhookTest.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.baton.support.BatonIntegrationTest;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
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

/** POST /api/webhooks/pipedrive: Pipedrive's webhooks v2 (docs/examples/pipedrive-deal-won.json). */
@BatonIntegrationTest
class PipedriveWebhookTest {

  @LocalServerPort int port;
  @Autowired RuntimeService runtime;
  @Autowired JdbcClient jdbc;
  WebhookCalls calls;
  Handoffs handoffs;
  String dealId;

  @BeforeEach
  void setUp() {
    calls = new WebhookCalls(port);
    handoffs = new Handoffs(runtime, jdbc);
    dealId = pipedriveDealId();
  }

  @Test
  void aDealTurningWonStartsItsHandoff() throws Exception {
    HttpResponse<String> response = send(pipedriveEvent(dealId));

    assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
    JsonNode answer = calls.json(response);
    assertThat(answer.get("outcome").asText()).isEqualTo("created");
    assertThat(answer.get("businessKey").asText()).isEqualTo("pipedrive:" + dealId);
    JsonNode deal = handoffs.assertOneHandoff("pipedrive:" + dealId, answer.get("processInstanceId").asText());
    assertThat(deal.get("accountName").asText()).isEqualTo("Acme Logistics - Platform");
    assertThat(deal.get("amount").decimalValue()).isEqualByComparingTo("48000");
    assertThat(deal.get("currency").asText()).isEqualTo("EUR");
    assertThat(deal.get("closeDate").asText()).isEqualTo("2026-11-20");
  }

  @Test
  void aPipedriveRedeliveryIsAnsweredAsDuplicate() throws Exception {
    String first = calls.json(send(pipedriveEvent(dealId))).get("processInstanceId").asText();

    HttpResponse<String> again = send(pipedriveEvent(dealId));

    assertThat(again.statusCode()).isEqualTo(200);
    assertThat(calls.json(again).get("outcome").asText()).isEqualTo("duplicate");
    assertThat(calls.json(again).get("processInstanceId").asText()).isEqualTo(first);
    handoffs.assertOneHandoff("pipedrive:" + dealId, first);
  }

  @Test
  void twentyConcurrentDeliveriesStartOneHandoff() throws Exception {
    HttpRequest request = calls.request(PipedriveWebhookController.PATH, bytes(pipedriveEvent(dealId).toString()),
        "application/json", "Authorization", PIPEDRIVE_AUTH);
    List<JsonNode> answers = Collections.synchronizedList(new ArrayList<>());
    CountDownLatch go = new CountDownLatch(1);
    ExecutorService senders = Executors.newFixedThreadPool(20);
    try {
      List<Future<?>> sent = new ArrayList<>();
      for (int i = 0; i < 20; i++) {
        sent.add(senders.submit(() -> {
          go.await();
          answers.add(calls.json(calls.send(request)));
          return null;
        }));
      }
      go.countDown();
      for (Future<?> future : sent) {
        future.get();
      }
    } finally {
      senders.shutdownNow();
    }

    assertThat(answers.stream().filter(a -> a.get("outcome").asText().equals("created")).count()).isEqualTo(1);
    assertThat(answers.stream().filter(a -> a.get("outcome").asText().equals("duplicate")).count()).isEqualTo(19);
    assertThat(answers.stream().map(a -> a.get("processInstanceId").asText()).distinct()).hasSize(1);
    handoffs.assertOneHandoff("pipedrive:" + dealId, answers.get(0).get("processInstanceId").asText());
  }

  @Test
  void otherEntitiesActionsAndChangesAreAnswered200AndIgnored() throws Exception {
    ObjectNode alreadyWon = pipedriveEvent(dealId);
    alreadyWon.set("previous", alreadyWon.objectNode().put("title", "Old title"));
    ObjectNode wasWon = pipedriveEvent(dealId);
    ((ObjectNode) wasWon.get("previous")).put("status", "won");
    ObjectNode lost = pipedriveEvent(dealId);
    ((ObjectNode) lost.get("data")).put("status", "lost");
    ObjectNode person = pipedriveEvent(dealId);
    ((ObjectNode) person.get("meta")).put("entity", "person");
    ObjectNode created = pipedriveEvent(dealId);
    ((ObjectNode) created.get("meta")).put("action", "create");
    created.putNull("previous");

    assertIgnored(alreadyWon, "the deal was already won");
    assertIgnored(wasWon, "previous.status was already won");
    assertIgnored(lost, "data.status lost is not won");
    assertIgnored(person, "meta.entity person is not deal");
    assertIgnored(created, "meta.action create is not change");
    handoffs.assertNothingStarted("pipedrive:" + dealId);
  }

  @Test
  void wrongOrMissingCredentialsAreRefusedAndStartNothing() throws Exception {
    byte[] body = bytes(pipedriveEvent(dealId).toString());

    HttpResponse<String> wrong = calls.send(PipedriveWebhookController.PATH, body, "application/json",
        "Authorization", CrmExamples.basic("test-pipedrive", "guess"));
    HttpResponse<String> none = calls.send(PipedriveWebhookController.PATH, body, "application/json");

    assertProblem(wrong, 401, "Authorization: the user or password does not match");
    assertThat(wrong.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v).startsWith("Basic"));
    assertProblem(none, 401, "Authorization: missing");
    handoffs.assertNothingStarted("pipedrive:" + dealId);
  }

  @Test
  void badFieldsAreA400NamingEachField() throws Exception {
    ObjectNode event = pipedriveEvent(dealId);
    ((ObjectNode) event.get("data")).put("value", "a lot").put("currency", "EURO").put("won_time", "yesterday");

    HttpResponse<String> response = send(event);

    assertProblem(response, 400, "data.value: expected a number");
    assertThat(calls.json(response).get("detail").asText()).contains("data.currency").contains("data.won_time");
    assertThat(calls.json(response).get("errors").findValuesAsText("field"))
        .containsExactly("data.value", "data.currency", "data.won_time");
    handoffs.assertNothingStarted("pipedrive:" + dealId);
  }

  @Test
  void aWonDealWithoutIdOrAVersion1EventIsA400() throws Exception {
    ObjectNode noId = pipedriveEvent(dealId);
    ((ObjectNode) noId.get("data")).remove("id");
    ObjectNode v1 = pipedriveEvent(dealId);
    ((ObjectNode) v1.get("meta")).put("version", "1.0");

    assertProblem(send(noId), 400, "data.id: missing");
    assertProblem(send(v1), 400, "meta.version: '1.0' is not 2.0");
    handoffs.assertNothingStarted("pipedrive:" + dealId);
  }

  @Test
  void malformedOversizeAndNonJsonBodiesAreRefused() throws Exception {
    String event = pipedriveEvent(dealId).toString();
    ObjectNode huge = pipedriveEvent(dealId);
    ((ObjectNode) huge.get("data")).put("title", "x".repeat(WebhookBody.MAX_BYTES));

    assertProblem(send(event.substring(0, event.length() / 2)), 400, "malformed JSON");
    assertProblem(send(huge), 413, "1048576 bytes (1 MB)");
    assertProblem(calls.send(PipedriveWebhookController.PATH, bytes(event), "text/plain", "Authorization", PIPEDRIVE_AUTH),
        415, "send the event as application/json");
    handoffs.assertNothingStarted("pipedrive:" + dealId);
  }

  private void assertIgnored(ObjectNode event, String reason) throws Exception {
    HttpResponse<String> response = send(event);
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    assertThat(calls.json(response).get("outcome").asText()).isEqualTo("ignored");
    assertThat(calls.json(response).get("reason").asText()).contains(reason);
  }

  private HttpResponse<String> send(ObjectNode event) throws Exception {
    return send(event.toString());
  }

  private HttpResponse<String> send(String body) throws Exception {
    return calls.send(PipedriveWebhookController.PATH, bytes(body), "application/json", "Authorization", PIPEDRIVE_AUTH);
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
