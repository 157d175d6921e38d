package dev.baton.crm;

import static dev.baton.crm.HubSpotWebhookTest.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.baton.account.AccountRepository;
import dev.baton.account.Arr;
import dev.baton.support.BatonIntegrationTest;
import dev.baton.support.Jobs;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/** POST /api/webhooks/crm over HTTP: the generic, Baton-signed "deal won" event (docs/webhooks.md). */
@BatonIntegrationTest
class CrmWebhookTest {

  static final ObjectMapper JSON = new ObjectMapper();

  @LocalServerPort int port;
  @Autowired RuntimeService runtime;
  @Autowired JdbcClient jdbc;
  @Autowired ManagementService management;
  @Autowired AccountRepository accounts;
  WebhookCalls calls;
  Handoffs handoffs;
  String dealId;

  @BeforeEach
  void setUp() {
    calls = new WebhookCalls(port);
    handoffs = new Handoffs(runtime, jdbc);
    dealId = "006" + UUID.randomUUID().toString().replace("-", "").substring(0, 15);
  }

  /** The example of docs/webhooks.md with this test's deal id. */
  ObjectNode event() throws Exception {
    return (ObjectNode) JSON.readTree("""
        {
          "crm": "zoho",
          "dealId": "%s",
          "accountId": "acme-%s",
          "accountName": "Acme Logistics GmbH",
          "amount": 48000.00,
          "currency": "EUR",
          "closeDate": "2026-11-20",
          "contractStart": "2026-12-01",
          "contractEnd": "2027-11-30",
          "renewalDate": "2027-12-01",
          "ownerEmail": "sam.seller@example.com",
          "csmEmail": "casey.csm@example.com",
          "contacts": [
            {"name": "Ann Buyer", "email": "ann.buyer@acme.example", "role": "champion"},
            {"name": "Dan Decider", "email": "dan@acme.example", "role": "decision maker"}
          ]
        }""".formatted(dealId, dealId));
  }

  @Test
  void dealWonStartsItsHandoffWithTheWholeDeal() throws Exception {
    HttpResponse<String> response = calls.crm(event().toString());

    assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
    JsonNode answer = calls.json(response);
    assertThat(answer.get("outcome").asText()).isEqualTo("created");
    assertThat(answer.get("businessKey").asText()).isEqualTo("zoho:" + dealId);
    JsonNode deal = handoffs.assertOneHandoff("zoho:" + dealId, answer.get("processInstanceId").asText());
    assertThat(deal.get("accountId").asText()).isEqualTo("acme-" + dealId);
    assertThat(deal.get("accountName").asText()).isEqualTo("Acme Logistics GmbH");
    assertThat(deal.get("amount").decimalValue()).isEqualByComparingTo("48000");
    assertThat(deal.get("currency").asText()).isEqualTo("EUR");
    assertThat(deal.get("closeDate").asText()).isEqualTo("2026-11-20");
    assertThat(deal.get("contractStart").asText()).isEqualTo("2026-12-01");
    assertThat(deal.get("contractEnd").asText()).isEqualTo("2027-11-30");
    assertThat(deal.get("renewalDate").asText()).isEqualTo("2027-12-01");
    assertThat(deal.get("ownerEmail").asText()).isEqualTo("sam.seller@example.com");
    assertThat(deal.get("csmEmail").asText()).isEqualTo("casey.csm@example.com");
    assertThat(deal.get("contacts").findValuesAsText("email")).containsExactly("ann.buyer@acme.example", "dan@acme.example");
    assertThat(deal.get("contacts").get(1).get("role").asText()).isEqualTo("decision maker");
  }

  @Test
  void theWonDealsAmountIsRecordedAsTheAccountsArr() throws Exception {
    HttpResponse<String> response = calls.crm(event().toString());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(201);

    Jobs.executeAll(management, calls.json(response).get("processInstanceId").asText());

    Arr arr = accounts.find("acme-" + dealId).orElseThrow().arr();
    assertThat(arr.amount()).isEqualByComparingTo("48000");
    assertThat(arr.currency()).isEqualTo("EUR");
  }

  @Test
  void theGenericWebhookCannotClaimAHubSpotDealBeforeHubSpotSendsIt() throws Exception {
    String hubSpotDealId = WebhookCalls.newHubSpotDealId();
    ObjectNode claim = event().put("crm", "hubspot").put("dealId", hubSpotDealId);

    assertProblem(calls.crm(claim.toString()), 400, "crm: 'hubspot' deals come through /api/webhooks/hubspot");
    handoffs.assertNothingStarted("hubspot:" + hubSpotDealId);

    HttpResponse<String> fromHubSpot = calls.hubspot(WebhookCalls.batch(WebhookCalls.stageChange(hubSpotDealId, "closedwon")));
    assertThat(calls.json(fromHubSpot).get("events").get(0).get("outcome").asText()).isEqualTo("created");
  }

  @Test
  void thePublishedSchemaExampleIsAcceptedAndNamesEveryField() throws Exception {
    JsonNode schema = JSON.readTree(java.nio.file.Path.of("docs/crm-deal-won.schema.json").toFile());
    ObjectNode example = (ObjectNode) schema.get("examples").get(0);
    example.put("dealId", dealId);
    HttpResponse<String> response = calls.crm(example.toString());

    assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
    handoffs.assertOneHandoff("zoho:" + dealId, calls.json(response).get("processInstanceId").asText());
    List<String> properties = new ArrayList<>();
    schema.get("properties").fieldNames().forEachRemaining(properties::add);
    assertThat(properties).containsExactlyInAnyOrderElementsOf(DealWonEvent.FIELDS);
    List<String> required = new ArrayList<>();
    schema.get("required").forEach(field -> required.add(field.asText()));
    assertThat(required).containsExactlyInAnyOrderElementsOf(
        DealWonEvent.FIELDS.stream().filter(field -> !field.equals("csmEmail")).toList());
  }

  @Test
  void duplicateWebhookStartsNoSecondHandoff() throws Exception {
    String id = calls.json(calls.crm(event().toString())).get("processInstanceId").asText();
    HttpResponse<String> again = calls.crm(event().put("accountName", "Acme (renamed)").toString());

    assertThat(again.statusCode()).as(again.body()).isEqualTo(200);
    assertThat(calls.json(again).get("outcome").asText()).isEqualTo("duplicate");
    assertThat(calls.json(again).get("processInstanceId").asText()).isEqualTo(id);
    JsonNode deal = handoffs.assertOneHandoff("zoho:" + dealId, id);
    assertThat(deal.get("accountName").asText()).isEqualTo("Acme Logistics GmbH");
  }

  @Test
  void twentyConcurrentDuplicatesStartOneHandoff() throws Exception {
    HttpRequest request = calls.crmRequest(event().toString());
    CountDownLatch go = new CountDownLatch(1);
    ExecutorService clients = Executors.newFixedThreadPool(20);
    List<Future<HttpResponse<String>>> sent = new ArrayList<>();
    try {
      for (int i = 0; i < 20; i++) {
        sent.add(clients.submit(() -> {
          go.await();
          return calls.send(request);
        }));
      }
      go.countDown();
      List<JsonNode> answers = new ArrayList<>();
      for (Future<HttpResponse<String>> future : sent) {
        HttpResponse<String> response = future.get();
        assertThat(response.statusCode()).as(response.body()).isIn(200, 201);
        answers.add(calls.json(response));
      }
      assertThat(answers.stream().filter(a -> a.get("outcome").asText().equals("created"))).hasSize(1);
      assertThat(answers.stream().map(a -> a.get("processInstanceId").asText()).distinct()).hasSize(1);
      handoffs.assertOneHandoff("zoho:" + dealId, answers.get(0).get("processInstanceId").asText());
    } finally {
      clients.shutdownNow();
    }
  }

  @Test
  void badSignatureIsRejectedAndStartsNothing() throws Exception {
    byte[] body = event().toString().getBytes(StandardCharsets.UTF_8);
    HttpResponse<String> response = calls.send(CrmWebhookController.PATH, body, "application/json",
        BatonSignature.HEADER, BatonSignature.sign("not-the-secret", Instant.now().getEpochSecond(), body));

    assertProblem(response, 401, "Baton-Signature: v1 does not match");
    handoffs.assertNothingStarted("zoho:" + dealId);
  }

  @Test
  void unsignedEventIsRejected() throws Exception {
    HttpResponse<String> response = calls.send(CrmWebhookController.PATH,
        event().toString().getBytes(StandardCharsets.UTF_8), "application/json");

    assertProblem(response, 401, "Baton-Signature: missing");
    handoffs.assertNothingStarted("zoho:" + dealId);
  }

  @Test
  void staleSignatureIsRejectedAndStartsNothing() throws Exception {
    HttpResponse<String> response = calls.crm(event().toString(), Instant.now().minusSeconds(310));

    assertProblem(response, 401, "more than the 300 s allowed");
    handoffs.assertNothingStarted("zoho:" + dealId);
  }

  @Test
  void malformedJsonIs400() throws Exception {
    HttpResponse<String> response = calls.crm("{\"crm\": \"zoho\", \"dealId\": }");

    assertProblem(response, 400, "malformed JSON at line 1");
  }

  @Test
  void duplicateJsonFieldsAre400() throws Exception {
    String body = event().toString().replace("\"crm\":\"zoho\"", "\"crm\":\"zoho\",\"crm\":\"close\"");
    HttpResponse<String> response = calls.crm(body);

    assertProblem(response, 400, "Duplicate field 'crm'");
    handoffs.assertNothingStarted("zoho:" + dealId);
  }

  @Test
  void everyInvalidFieldIsNamedAtOnce() throws Exception {
    ObjectNode event = event();
    event.put("currency", "EURO").put("closeDate", "20.11.2026").remove("ownerEmail");
    HttpResponse<String> response = calls.crm(event.toString());

    assertProblem(response, 400, "currency: 'EURO' is not an ISO 4217 currency code");
    assertThat(calls.json(response).get("errors").findValuesAsText("field"))
        .containsExactly("currency", "closeDate", "ownerEmail");
    handoffs.assertNothingStarted("zoho:" + dealId);
  }

  static Stream<Arguments> invalidFields() {
    return Stream.of(
        invalid("missing crm", e -> e.remove("crm"), "crm", "missing; it is required"),
        invalid("crm with capitals", e -> e.put("crm", "SalesForce"), "crm", "is not a CRM name"),
        invalid("a CRM with its own webhook", e -> e.put("crm", "hubspot"), "crm",
            "'hubspot' deals come through /api/webhooks/hubspot"),
        invalid("deal id with a slash", e -> e.put("dealId", "006/../1"), "dealId", "has characters an id may not have"),
        invalid("deal id as a number", e -> e.put("dealId", 6001), "dealId", "expected text, got the number 6001"),
        invalid("account id too long", e -> e.put("accountId", "a".repeat(101)), "accountId", "at most 100"),
        invalid("blank account name", e -> e.put("accountName", "  "), "accountName", "empty; it is required"),
        invalid("account name too long", e -> e.put("accountName", "A".repeat(256)), "accountName", "at most 255"),
        invalid("account name with a line break", e -> e.put("accountName", "Acme\nEvil"), "accountName",
            "control characters"),
        invalid("amount as text", e -> e.put("amount", "48000"), "amount", "expected a number"),
        invalid("negative amount", e -> e.put("amount", -1), "amount", "out of range"),
        invalid("too many decimals", e -> e.put("amount", new java.math.BigDecimal("10.005")), "amount",
            "more decimals than EUR allows (2)"),
        invalid("unknown currency", e -> e.put("currency", "XYZ"), "currency", "not an ISO 4217 currency code"),
        invalid("lower-case currency", e -> e.put("currency", "eur"), "currency", "not an ISO 4217 currency code"),
        invalid("impossible date", e -> e.put("closeDate", "2026-02-30"), "closeDate", "is not a date; use yyyy-MM-dd"),
        invalid("date with time", e -> e.put("contractStart", "2026-12-01T00:00:00Z"), "contractStart",
            "is not a date; use yyyy-MM-dd"),
        invalid("date as a number", e -> e.put("renewalDate", 20271201), "renewalDate", "expected text"),
        invalid("contract end before start", e -> e.put("contractEnd", "2026-11-30"), "contractEnd",
            "is not after contractStart 2026-12-01"),
        invalid("renewal before start", e -> e.put("renewalDate", "2026-06-01"), "renewalDate",
            "is not after contractStart"),
        invalid("bad owner email", e -> e.put("ownerEmail", "sam.seller"), "ownerEmail", "is not an e-mail address"),
        invalid("bad csm email", e -> e.put("csmEmail", "casey@localhost"), "csmEmail", "is not an e-mail address"),
        invalid("no contacts", e -> e.putArray("contacts"), "contacts", "send 1 to 50"),
        invalid("contacts as text", e -> e.put("contacts", "Ann"), "contacts", "expected an array"),
        invalid("contact without email", e -> ((ObjectNode) e.get("contacts").get(1)).remove("email"),
            "contacts[1].email", "missing; it is required"),
        invalid("unknown contact field", e -> ((ObjectNode) e.get("contacts").get(0)).put("phone", "+49"),
            "contacts[0].phone", "unknown field"),
        invalid("unknown field", e -> e.put("stage", "won"), "stage", "unknown field"));
  }

  static Arguments invalid(String name, Consumer<ObjectNode> change, String field, String message) {
    return Arguments.of(name, change, field, message);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("invalidFields")
  void invalidFieldIs400NamingTheFieldAndStartsNothing(String name, Consumer<ObjectNode> change, String field,
      String message) throws Exception {
    ObjectNode event = event();
    change.accept(event);
    HttpResponse<String> response = calls.crm(event.toString());

    assertProblem(response, 400, field + ": ");
    JsonNode errors = calls.json(response).get("errors");
    assertThat(errors.size()).as(response.body()).isEqualTo(1);
    assertThat(errors.get(0).get("field").asText()).isEqualTo(field);
    assertThat(errors.get(0).get("message").asText()).contains(message);
    handoffs.assertNothingStarted("zoho:" + dealId);
  }

  @Test
  void optionalCsmMayBeLeftOut() throws Exception {
    ObjectNode event = event();
    event.remove("csmEmail");
    HttpResponse<String> response = calls.crm(event.toString());

    assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
    JsonNode deal = handoffs.assertOneHandoff("zoho:" + dealId, calls.json(response).get("processInstanceId").asText());
    assertThat(deal.get("csmEmail").isNull()).isTrue();
  }

  @Test
  void oversizeBodyIs413() throws Exception {
    ObjectNode event = event();
    event.put("accountName", "A".repeat(WebhookBody.MAX_BYTES));
    HttpResponse<String> response = calls.crm(event.toString());

    assertProblem(response, 413, "(1 MB) is the most a webhook accepts");
    handoffs.assertNothingStarted("zoho:" + dealId);
  }

  @Test
  void wrongContentTypeIs415() throws Exception {
    byte[] body = event().toString().getBytes(StandardCharsets.UTF_8);
    HttpResponse<String> response = calls.send(CrmWebhookController.PATH, body, "application/x-www-form-urlencoded",
        BatonSignature.HEADER, BatonSignature.sign(WebhookCalls.CRM_SECRET, Instant.now().getEpochSecond(), body));

    assertProblem(response, 415, "send the event as application/json");
    handoffs.assertNothingStarted("zoho:" + dealId);
  }

  @Test
  void missingContentTypeIs415() throws Exception {
    byte[] body = event().toString().getBytes(StandardCharsets.UTF_8);
    HttpResponse<String> response = calls.send(CrmWebhookController.PATH, body, null,
        BatonSignature.HEADER, BatonSignature.sign(WebhookCalls.CRM_SECRET, Instant.now().getEpochSecond(), body));

    assertProblem(response, 415, "Content-Type: ''");
    handoffs.assertNothingStarted("zoho:" + dealId);
  }
}
