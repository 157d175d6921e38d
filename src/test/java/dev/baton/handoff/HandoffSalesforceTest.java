package dev.baton.handoff;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.baton.account.AccountRepository;
import dev.baton.crm.DealWon;
import dev.baton.support.BatonIntegrationTest;
import dev.baton.support.TestCrmServer;
import dev.baton.support.TestPorts;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Incident;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * SalesToCsHandoff.bpmn for an Opportunity from Salesforce's outbound message: with the connected app
 * configured (the test profile), the Connect HTTP connector reads the Opportunity, its Account, contact roles
 * and owner from Salesforce's REST API (WireMock), with the engine's retries and incidents.
 */
@BatonIntegrationTest
class HandoffSalesforceTest {

  static final String API = "/services/data/v62.0";
  static final String TOKEN = "00D5g000004Test!test-access-token";

  @RegisterExtension static WireMockExtension crm = TestCrmServer.create();

  @Autowired ProcessEngine engine;
  @Autowired RuntimeService runtime;
  @Autowired TaskService tasks;
  @Autowired ManagementService management;
  @Autowired IdentityService identity;
  @Autowired AccountRepository accounts;
  @Autowired ObjectMapper json;
  @Autowired HandoffStarter starter;
  HandoffFixture handoffs;
  String opportunityId;
  String accountId;
  String ownerId;
  String salesRep;

  @BeforeEach
  void setUp() {
    BpmnAwareTests.init(engine);
    ClockUtil.setCurrentTime(HandoffGenericCrmTest.at(LocalDateTime.parse("2026-11-20T16:00:00")));
    handoffs = new HandoffFixture(runtime, tasks, management, identity, accounts, json, starter);
    opportunityId = id("006");
    accountId = id("001");
    ownerId = id("005");
    salesRep = handoffs.user("rep", "sales-rep");
  }

  @AfterEach
  void resetClock() {
    ClockUtil.reset();
  }

  static String id(String prefix) {
    return (prefix + UUID.randomUUID().toString().replace("-", "")).substring(0, 18);
  }

  /** The deal as the Salesforce webhook starts it with the connected app set: no account named. */
  DealWon fromMessage() {
    return new DealWon("salesforce", opportunityId, null, "Globex platform", new BigDecimal("1000"), null,
        LocalDate.parse("2026-11-20"), null, null, null, null, null, List.of());
  }

  void stubToken() {
    crm.stubFor(post(urlPathEqualTo("/services/oauth2/token")).willReturn(json("{\"access_token\":\"" + TOKEN
        + "\",\"instance_url\":\"http://localhost:" + TestPorts.CRM + "\",\"id\":\"https://login.salesforce.com/id/x/y\","
        + "\"token_type\":\"Bearer\",\"issued_at\":\"1764000000000\",\"signature\":\"c2lnbmF0dXJl\"}")));
  }

  void stubOpportunity() {
    stubToken();
    ok(API + "/sobjects/Opportunity/" + opportunityId, "{\"attributes\":{\"type\":\"Opportunity\"},\"Id\":\""
        + opportunityId + "\",\"AccountId\":\"" + accountId + "\",\"Name\":\"Globex platform\",\"Amount\":150000.0,"
        + "\"CloseDate\":\"2026-11-20\",\"StageName\":\"Closed Won\",\"IsWon\":true,\"OwnerId\":\"" + ownerId + "\","
        + "\"CurrencyIsoCode\":\"USD\"}");
    ok(API + "/sobjects/Account/" + accountId, "{\"attributes\":{\"type\":\"Account\"},\"Id\":\"" + accountId
        + "\",\"Name\":\"Globex " + accountId + "\",\"Industry\":\"Banking\",\"NumberOfEmployees\":450,"
        + "\"BillingCountry\":\"Germany\"}");
    crm.stubFor(get(urlPathEqualTo(API + "/query")).withQueryParam("q", containing(opportunityId))
        .withHeader("Authorization", equalTo("Bearer " + TOKEN)).willReturn(json("{\"totalSize\":2,\"done\":true,"
            + "\"records\":[{\"attributes\":{\"type\":\"OpportunityContactRole\"},\"Role\":\"Decision Maker\","
            + "\"IsPrimary\":true,\"Contact\":{\"attributes\":{\"type\":\"Contact\"},\"Name\":\"Greta Globex\","
            + "\"Email\":\"greta@globex.test\",\"Title\":\"Head of Operations\"}},{\"attributes\":{\"type\":"
            + "\"OpportunityContactRole\"},\"Role\":null,\"IsPrimary\":false,\"Contact\":{\"attributes\":{\"type\":"
            + "\"Contact\"},\"Name\":\"Hank Globex\",\"Email\":\"hank@globex.test\",\"Title\":\"CFO\"}}]}")));
    ok(API + "/sobjects/User/" + ownerId, "{\"attributes\":{\"type\":\"User\"},\"Id\":\"" + ownerId
        + "\",\"Name\":\"Sam Seller\",\"Email\":\"" + HandoffFixture.email(salesRep) + "\"}");
  }

  @Test
  void aSalesforceOpportunityIsReadFromTheRestApiBeforeTheChecklist() throws Exception {
    stubOpportunity();
    ProcessInstance instance = handoffs.start(fromMessage());

    handoffs.runJobs(instance.getId());

    assertThat(instance).hasPassedInOrder("Task_ReadSalesforceOpportunity", "Task_ReadSalesforceAccount",
        "Task_ReadSalesforceContactRoles", "Task_ReadSalesforceOwner", "Task_ReadDeal", "Task_Segment",
        "Task_AssignCsm").isWaitingAt("Task_CompleteChecklist");
    Map<String, Object> v = runtime.getVariables(instance.getId());
    assertThat(v).containsEntry("accountId", "salesforce-account-" + accountId)
        .containsEntry("accountName", "Globex " + accountId).containsEntry("dealName", "Globex platform")
        .containsEntry("amount", 150000.0).containsEntry("currency", "USD").containsEntry("closeDate", "2026-11-20")
        .containsEntry("industry", "BANKING").containsEntry("employees", 450L).containsEntry("region", "EMEA")
        .containsEntry("customerContactName", "Greta Globex").containsEntry("customerContactEmail", "greta@globex.test")
        .containsEntry("salesRepEmail", HandoffFixture.email(salesRep)).containsEntry("salesRepUserId", salesRep)
        .containsEntry("segment", "Enterprise");
    assertThat(v.get("contacts").toString()).contains("Decision Maker", "Hank Globex", "CFO");
    // Of the Opportunity only what the handoff reads is kept.
    assertThat(v.get("salesforceOpportunity").toString()).contains("\"IsWon\":true").doesNotContain("attributes");
    // The access token stays in memory: no variable holds it.
    assertThat(v.values().toString()).doesNotContain(TOKEN);
    crm.verify(getRequestedFor(urlPathEqualTo(API + "/sobjects/Opportunity/" + opportunityId))
        .withHeader("Authorization", equalTo("Bearer " + TOKEN)));
  }

  @Test
  void aGenericEventThatNamesItsAccountIsNotReadBackFromSalesforce() throws Exception {
    DealWon generic = new DealWon("salesforce", opportunityId, "acme-" + opportunityId, "Acme", new BigDecimal("1000"),
        "EUR", LocalDate.parse("2026-11-20"), null, null, null, HandoffFixture.email(salesRep), null,
        List.of(new DealWon.Contact("Ann Buyer", "ann@acme.test", "champion")));
    ProcessInstance instance = handoffs.start(generic);

    handoffs.runJobs(instance.getId());

    assertThat(instance).hasNotPassed("Task_ReadSalesforceOpportunity").isWaitingAt("Task_CompleteChecklist");
    assertThat(runtime.getVariable(instance.getId(), "accountId")).isEqualTo("acme-" + opportunityId);
    assertThat(crm.getAllServeEvents()).isEmpty();
  }

  @Test
  void aFailingAccountReadRaisesItsIncidentAtThatStepAndRetryingContinues() throws Exception {
    stubOpportunity();
    crm.stubFor(get(urlPathEqualTo(API + "/sobjects/Account/" + accountId)).willReturn(aResponse().withStatus(503)
        .withHeader("Content-Type", "application/json")
        .withBody("[{\"message\":\"Server unavailable\",\"errorCode\":\"SERVER_UNAVAILABLE\"}]")));
    ProcessInstance instance = handoffs.start(fromMessage());
    handoffs.runJobs(instance.getId());
    Job read = management.createJobQuery().processInstanceId(instance.getId()).singleResult();
    assertThat(read.getExceptionMessage()).contains("Salesforce answered 503 to GET Account " + accountId);
    management.setJobRetries(read.getId(), 0);

    Incident incident = runtime.createIncidentQuery().processInstanceId(instance.getId()).singleResult();
    assertThat(incident.getActivityId()).startsWith("Task_ReadSalesforceAccount");

    stubOpportunity();
    management.setJobRetries(read.getId(), 1);
    management.executeJob(read.getId());
    handoffs.runJobs(instance.getId());

    assertThat(instance).isWaitingAt("Task_CompleteChecklist");
    crm.verify(1, getRequestedFor(urlPathEqualTo(API + "/sobjects/Opportunity/" + opportunityId)));
    assertThat(runtime.getVariable(instance.getId(), "industry")).isEqualTo("BANKING");
  }

  @Test
  void aRejectedAccessTokenIsDroppedAndTheRetryFetchesANewOneWithTheClientCredentials() throws Exception {
    stubOpportunity();
    crm.stubFor(get(urlPathEqualTo(API + "/sobjects/Opportunity/" + opportunityId)).willReturn(aResponse()
        .withStatus(401).withHeader("Content-Type", "application/json")
        .withBody("[{\"message\":\"Session expired or invalid\",\"errorCode\":\"INVALID_SESSION_ID\"}]")));
    ProcessInstance instance = handoffs.start(fromMessage());
    handoffs.runJobs(instance.getId());
    Job read = management.createJobQuery().processInstanceId(instance.getId()).singleResult();
    assertThat(read.getExceptionMessage()).contains("401", "baton.crm.salesforce.client-id");

    // The connected app is refused: the failure says so, naming the settings, never the secret.
    crm.resetAll();
    crm.stubFor(post(urlPathEqualTo("/services/oauth2/token")).willReturn(aResponse().withStatus(400)
        .withHeader("Content-Type", "application/json")
        .withBody("{\"error\":\"invalid_client\",\"error_description\":\"invalid client credentials\"}")));
    String failing = read.getId();
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> management.executeJob(failing));
    read = management.createJobQuery().jobId(read.getId()).singleResult();
    assertThat(read.getExceptionMessage()).contains("token endpoint", "answered 400", "invalid_client",
        "baton.crm.salesforce.client-id").doesNotContain("test-salesforce-client-secret");

    crm.resetAll();
    stubOpportunity();
    management.executeJob(read.getId());
    handoffs.runJobs(instance.getId());

    assertThat(instance).isWaitingAt("Task_CompleteChecklist");
    crm.verify(postRequestedFor(urlPathEqualTo("/services/oauth2/token"))
        .withRequestBody(containing("grant_type=client_credentials"))
        .withRequestBody(containing("client_id=test-salesforce-client-id")));
  }

  private static void ok(String path, String body) {
    crm.stubFor(get(urlPathEqualTo(path)).withHeader("Authorization", equalTo("Bearer " + TOKEN)).willReturn(json(body)));
  }

  private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder json(String body) {
    return aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody(body);
  }
}
