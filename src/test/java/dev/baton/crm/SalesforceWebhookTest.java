package dev.baton.crm;

import static dev.baton.crm.CrmExamples.SALESFORCE_PATH;
import static dev.baton.crm.CrmExamples.notification;
import static dev.baton.crm.CrmExamples.salesforceId;
import static dev.baton.crm.CrmExamples.salesforceMessage;
import static dev.baton.crm.CrmExamples.salesforceMessageOf;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
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
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.RuntimeService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/** POST /api/webhooks/salesforce/{token}: Salesforce's outbound message (docs/examples/salesforce-outbound-message.xml). */
@BatonIntegrationTest
class SalesforceWebhookTest {

  static final Pattern OUTCOME = Pattern.compile("Opportunity (\\w+): (created|duplicate) (salesforce:\\w+) ([\\w-]+)");

  @LocalServerPort int port;
  @Autowired RuntimeService runtime;
  @Autowired JdbcClient jdbc;
  WebhookCalls calls;
  Handoffs handoffs;
  String opportunityId;

  @BeforeEach
  void setUp() {
    calls = new WebhookCalls(port);
    handoffs = new Handoffs(runtime, jdbc);
    opportunityId = salesforceId("006");
  }

  @Test
  void aWonOpportunityStartsItsHandoffBeforeItIsAcknowledged() throws Exception {
    HttpResponse<String> response = send(salesforceMessage(opportunityId));

    assertAck(response);
    String instance = instanceOf(response, "created");
    JsonNode deal = handoffs.assertOneHandoff("salesforce:" + opportunityId, instance);
    assertThat(deal.get("crm").asText()).isEqualTo("salesforce");
    assertThat(deal.get("dealId").asText()).isEqualTo(opportunityId);
    assertThat(deal.get("accountName").asText()).isEqualTo("Acme Logistics - Platform");
    assertThat(deal.get("amount").decimalValue()).isEqualByComparingTo("48000");
    assertThat(deal.get("closeDate").asText()).isEqualTo("2026-11-20");
    // The test profile configures the connected app: the handoff reads the account from Salesforce.
    assertThat(deal.get("accountId").isNull()).isTrue();
  }

  @Test
  void aSalesforceResendIsAcknowledgedAsDuplicate() throws Exception {
    String message = salesforceMessage(opportunityId);
    String first = instanceOf(send(message), "created");

    HttpResponse<String> again = send(message);

    assertAck(again);
    assertThat(instanceOf(again, "duplicate")).isEqualTo(first);
    handoffs.assertOneHandoff("salesforce:" + opportunityId, first);
  }

  @Test
  void twentyConcurrentDeliveriesOfOneOpportunityStartOneHandoff() throws Exception {
    HttpRequest request = calls.request(SALESFORCE_PATH, bytes(salesforceMessage(opportunityId)), "text/xml; charset=utf-8",
        "SOAPAction", "\"\"");
    List<String> bodies = Collections.synchronizedList(new ArrayList<>());
    CountDownLatch go = new CountDownLatch(1);
    ExecutorService senders = Executors.newFixedThreadPool(20);
    try {
      List<Future<?>> sent = new ArrayList<>();
      for (int i = 0; i < 20; i++) {
        sent.add(senders.submit(() -> {
          go.await();
          HttpResponse<String> response = calls.send(request);
          assertAck(response);
          bodies.add(response.body());
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

    assertThat(bodies.stream().filter(b -> b.contains(": created ")).count()).isEqualTo(1);
    assertThat(bodies.stream().filter(b -> b.contains(": duplicate ")).count()).isEqualTo(19);
    String instance = instanceOf(bodies.stream().filter(b -> b.contains(": created ")).findFirst().orElseThrow());
    assertThat(bodies).allSatisfy(b -> assertThat(instanceOf(b)).isEqualTo(instance));
    handoffs.assertOneHandoff("salesforce:" + opportunityId, instance);
  }

  @Test
  void aMessageStartsEachWonOpportunityAndAcknowledgesTheOthers() throws Exception {
    String lost = salesforceId("006");
    String alsoWon = salesforceId("006");

    HttpResponse<String> response = send(salesforceMessageOf(notification(opportunityId, true),
        notification(lost, false), notification(alsoWon, true)));

    assertAck(response);
    assertThat(response.body()).contains("Opportunity " + lost + ": ignored, IsWon is false");
    handoffs.assertNothingStarted("salesforce:" + lost);
    handoffs.assertOneHandoff("salesforce:" + opportunityId, instanceOf(response, opportunityId));
    handoffs.assertOneHandoff("salesforce:" + alsoWon, instanceOf(response, alsoWon));
  }

  @Test
  void aStageOtherThanTheWonStagesIsAcknowledgedAndIgnoredWhenTheMessageHasNoIsWon() throws Exception {
    String message = salesforceMessage(opportunityId).replace("<sf:IsWon>true</sf:IsWon>", "")
        .replace("Closed Won", "Negotiation/Review");

    HttpResponse<String> response = send(message);

    assertAck(response);
    assertThat(response.body()).contains("stage Negotiation/Review is not a won stage [Closed Won]");
    handoffs.assertNothingStarted("salesforce:" + opportunityId);
  }

  @Test
  void anotherOrganizationIsRefusedAndStartsNothing() throws Exception {
    HttpResponse<String> response = send(salesforceMessage(opportunityId)
        .replace(CrmExamples.SALESFORCE_ORG, "00D5g000009OtherAAA".substring(0, 18)));

    assertFault(response, 403, "OrganizationId: 00D5g000009OtherAA is not the org Baton accepts");
    handoffs.assertNothingStarted("salesforce:" + opportunityId);
  }

  @Test
  void theOrgsFifteenCharacterIdIsTheSameOrg() throws Exception {
    HttpResponse<String> response = send(salesforceMessage(opportunityId)
        .replace(CrmExamples.SALESFORCE_ORG, CrmExamples.SALESFORCE_ORG.substring(0, 15)));

    assertAck(response);
    handoffs.assertOneHandoff("salesforce:" + opportunityId, instanceOf(response, "created"));
  }

  @Test
  void aWrongOrMissingTokenIsRefusedAndStartsNothing() throws Exception {
    byte[] body = bytes(salesforceMessage(opportunityId));

    assertFault(calls.send(SalesforceWebhookController.PATH + "/not-the-token", body, "text/xml"), 401,
        "token: does not match");
    assertFault(calls.send(SalesforceWebhookController.PATH, body, "text/xml"), 401, "token: missing");
    handoffs.assertNothingStarted("salesforce:" + opportunityId);
  }

  @Test
  void malformedXmlIsAFaultNamingWhereItBreaks() throws Exception {
    String message = salesforceMessage(opportunityId);

    assertFault(send(message.substring(0, message.length() / 2)), 400, "body: malformed XML at line");
    handoffs.assertNothingStarted("salesforce:" + opportunityId);
  }

  @Test
  void aDoctypeOrExternalEntityIsRefusedUnread() throws Exception {
    String message = salesforceMessage(opportunityId).replaceFirst("\\?>",
        "?>\n<!DOCTYPE foo [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>").replace("Acme Logistics - Platform", "&xxe;");

    HttpResponse<String> response = send(message);

    assertFault(response, 400, "DOCTYPE");
    assertThat(response.body()).doesNotContain("root:");
    handoffs.assertNothingStarted("salesforce:" + opportunityId);
  }

  @Test
  void oneBadNotificationRefusesTheMessageNamingTheFieldAndStartsNothing() throws Exception {
    String bad = salesforceId("006");
    String badNotification = notification(bad, true).replace("<sf:Amount>48000.0</sf:Amount>", "<sf:Amount>a lot</sf:Amount>")
        .replace("<sf:CloseDate>2026-11-20</sf:CloseDate>", "<sf:CloseDate>20.11.2026</sf:CloseDate>");

    HttpResponse<String> response = send(salesforceMessageOf(notification(opportunityId, true), badNotification));

    assertFault(response, 400, "Notification[1].sObject.Amount: 'a lot' is not an amount");
    assertThat(response.body()).contains("Notification[1].sObject.CloseDate: '20.11.2026' is not a date");
    handoffs.assertNothingStarted("salesforce:" + opportunityId);
    handoffs.assertNothingStarted("salesforce:" + bad);
  }

  @Test
  void anotherObjectOrAMessageWithoutWonOrStageIsRefusedNamingTheField() throws Exception {
    String account = salesforceMessage(opportunityId).replace("sf:Opportunity", "sf:Account");
    String neither = salesforceMessage(opportunityId).replace("<sf:IsWon>true</sf:IsWon>", "")
        .replace("<sf:StageName>Closed Won</sf:StageName>", "");

    assertFault(send(account), 400, "Notification[0].sObject: xsi:type is 'sf:Account', not sf:Opportunity");
    assertFault(send(neither), 400, "Notification[0].sObject.IsWon: missing, and so is StageName");
    assertFault(send("<a/>"), 400, "Envelope: the root element is a");
    handoffs.assertNothingStarted("salesforce:" + opportunityId);
  }

  @Test
  void anOversizeMessageIs413() throws Exception {
    String message = salesforceMessage(opportunityId).replace("Acme Logistics - Platform", "x".repeat(WebhookBody.MAX_BYTES));

    assertFault(send(message), 413, "1048576 bytes (1 MB) is the most a webhook accepts");
    handoffs.assertNothingStarted("salesforce:" + opportunityId);
  }

  @Test
  void jsonIsRefusedWith415() throws Exception {
    assertFault(calls.send(SALESFORCE_PATH, bytes("{}"), "application/json"), 415, "send the SOAP 1.1 message as text/xml");
  }

  private HttpResponse<String> send(String message) throws Exception {
    return calls.send(SALESFORCE_PATH, bytes(message), "text/xml; charset=utf-8", "SOAPAction", "\"\"");
  }

  static void assertAck(HttpResponse<String> response) {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/xml"));
    assertThat(response.body()).contains("<notificationsResponse xmlns=\"http://soap.sforce.com/2005/09/outbound\">")
        .contains("<Ack>true</Ack>");
  }

  static void assertFault(HttpResponse<String> response, int status, String faultString) {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
    assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/xml"));
    assertThat(response.body()).contains("<soapenv:Fault>").contains("<faultcode>soapenv:Client</faultcode>")
        .contains(SoapEnvelope.escape(faultString)).doesNotContain("<Ack>");
  }

  /** The process instance the answer names for this Opportunity (or with this outcome). */
  static String instanceOf(HttpResponse<String> response, String opportunityOrOutcome) {
    Matcher matcher = OUTCOME.matcher(response.body());
    while (matcher.find()) {
      if (matcher.group(1).equals(opportunityOrOutcome) || matcher.group(2).equals(opportunityOrOutcome)) {
        return matcher.group(4);
      }
    }
    throw new AssertionError("no " + opportunityOrOutcome + " in " + response.body());
  }

  static String instanceOf(String body) {
    Matcher matcher = OUTCOME.matcher(body);
    assertThat(matcher.find()).as(body).isTrue();
    return matcher.group(4);
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
