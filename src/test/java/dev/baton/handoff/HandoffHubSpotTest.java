package dev.baton.handoff;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.baton.account.AccountRepository;
import dev.baton.crm.DealWon;
import dev.baton.support.BatonIntegrationTest;
import dev.baton.support.TestCrmServer;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
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
 * SalesToCsHandoff.bpmn for a HubSpot deal: the Connect HTTP connector fetches the deal, its company,
 * contacts and owner from HubSpot's CRM v3 API (WireMock); an error answer fails the job, is retried
 * with backoff, becomes an incident, and retrying the incident continues the handoff.
 */
@BatonIntegrationTest
class HandoffHubSpotTest {

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
  String dealId;
  String companyId;
  String salesRep;
  String csm;

  @BeforeEach
  void setUp() {
    BpmnAwareTests.init(engine);
    ClockUtil.setCurrentTime(HandoffGenericCrmTest.at(LocalDateTime.parse("2026-11-20T16:00:00")));
    handoffs = new HandoffFixture(runtime, tasks, management, identity, accounts, json, starter);
    dealId = String.valueOf(ThreadLocalRandom.current().nextLong(1_000_000_000L, 9_999_999_999L));
    companyId = String.valueOf(ThreadLocalRandom.current().nextLong(1_000_000_000L, 9_999_999_999L));
    salesRep = handoffs.user("rep", "sales-rep");
    csm = handoffs.user("csm", "csm");
  }

  @AfterEach
  void resetClock() {
    ClockUtil.reset();
  }

  private void stubWonDeal(String amount) {
    TestCrmServer.deal(crm, dealId, "\"dealname\":\"Globex platform\",\"amount\":\"" + amount + "\","
        + "\"deal_currency_code\":\"USD\",\"closedate\":\"2026-11-20T15:30:00.000Z\",\"dealstage\":\"closedwon\","
        + "\"hubspot_owner_id\":\"77" + dealId + "\",\"csm_email\":\"" + HandoffFixture.email(csm) + "\","
        + "\"renewal_date\":null", List.of(companyId, companyId), List.of("501", "502"));
    TestCrmServer.company(crm, companyId, "\"name\":\"Globex " + companyId + "\",\"domain\":\"globex.test\","
        + "\"industry\":\"COMPUTER_SOFTWARE\",\"numberofemployees\":\"450\",\"country\":\"Germany\"");
    TestCrmServer.contact(crm, "501", "Greta", "Globex", "greta@globex.test", "Head of Operations");
    TestCrmServer.contact(crm, "502", "Hank", "Globex", "hank@globex.test", "CFO");
    TestCrmServer.owner(crm, "77" + dealId, HandoffFixture.email(salesRep));
  }

  @Test
  void aHubSpotDealIsEnrichedFromTheCrmApiBeforeTheChecklist() throws Exception {
    stubWonDeal("150000");
    ProcessInstance instance = handoffs.start(DealWon.named("hubspot", dealId));
    assertThat(instance.getBusinessKey()).isEqualTo("hubspot:" + dealId);

    handoffs.runJobs(instance.getId());

    assertThat(instance).hasPassedInOrder("Task_FetchDeal", "Task_FetchCompanies", "Task_FetchContacts",
        "Task_FetchOwner", "Task_ReadDeal", "Task_Segment", "Task_AssignCsm").isWaitingAt("Task_CompleteChecklist");
    Map<String, Object> v = runtime.getVariables(instance.getId());
    String accountId = "hubspot-company-" + companyId;
    assertThat(v).containsEntry("accountId", accountId).containsEntry("accountName", "Globex " + companyId)
        .containsEntry("dealName", "Globex platform").containsEntry("amount", 150000.0).containsEntry("currency", "USD")
        .containsEntry("dealValue", "$150,000")
        .containsEntry("closeDate", "2026-11-20").containsEntry("contractStart", "2026-11-20")
        .containsEntry("contractEnd", "2027-11-19").containsEntry("renewalDate", "2027-11-19")
        .containsEntry("industry", "COMPUTER_SOFTWARE").containsEntry("employees", 450L)
        .containsEntry("country", "Germany").containsEntry("region", "EMEA")
        .containsEntry("customerContactName", "Greta Globex").containsEntry("customerContactEmail", "greta@globex.test")
        .containsEntry("salesRepEmail", HandoffFixture.email(salesRep)).containsEntry("salesRepUserId", salesRep)
        .containsEntry("segment", "Enterprise").containsEntry("handoffSlaDays", 3)
        .containsEntry("csmUserId", csm).containsEntry("csmChosenBy", "crm");
    assertThat(v.get("contacts").toString()).contains("Hank Globex", "hank@globex.test", "CFO");
    assertThat(accounts.find(accountId).orElseThrow().team()).containsEntry("csm", csm).containsEntry("sales-rep", salesRep);
    assertThat(handoffs.task(instance.getId()).getAssignee()).isEqualTo(salesRep);

    // The private app's token is sent; the company listed twice by HubSpot is fetched once.
    crm.verify(getRequestedFor(urlPathEqualTo("/crm/v3/objects/deals/" + dealId))
        .withQueryParam("associations", equalTo("companies,contacts"))
        .withHeader("Authorization", equalTo("Bearer " + TestCrmServer.TOKEN)));
    crm.verify(1, getRequestedFor(urlPathEqualTo("/crm/v3/objects/companies/" + companyId)));
    crm.verify(1, getRequestedFor(urlPathEqualTo("/crm/v3/owners/77" + dealId)));
  }

  @Test
  void aDealWithoutCompanyContactsOrOwnerSkipsThoseFetchesAndIsItsOwnAccount() throws Exception {
    TestCrmServer.deal(crm, dealId, "\"dealname\":\"Tiny shop\",\"amount\":\"1200\",\"closedate\":\"2026-11-20\"",
        List.of(), List.of());
    ProcessInstance instance = handoffs.start(DealWon.named("hubspot", dealId));

    handoffs.runJobs(instance.getId());

    assertThat(instance).isWaitingAt("Task_CompleteChecklist");
    Map<String, Object> v = runtime.getVariables(instance.getId());
    assertThat(v).containsEntry("accountId", "hubspot-deal-" + dealId).containsEntry("accountName", "Tiny shop")
        .containsEntry("segment", "Tech-touch").containsEntry("handoffSlaDays", 1)
        .containsEntry("customerContactEmail", null).containsEntry("salesRepUserId", null);
    assertThat(crm.getAllServeEvents()).hasSize(1);
  }

  @Test
  void aHubSpotDealNotReadFromHubSpotGoesOnAsTheWebhookKnowsItAndTheChecklistSaysSo() throws Exception {
    // Without an access token the gateway sends the deal past the fetches (DealSource, CrmEventsWithoutApiTest);
    // the test profile has one, so the instance starts where that path joins.
    DealWon deal = DealWon.named("hubspot", dealId);
    ProcessInstance instance = runtime.createProcessInstanceByKey(HandoffStarter.PROCESS_KEY)
        .businessKey(deal.businessKey()).setVariable("crm", "hubspot").setVariable("dealId", dealId)
        .setVariable("deal", org.camunda.spin.plugin.variable.SpinValues.jsonValue(json.writeValueAsString(deal)).create())
        .startBeforeActivity("Gateway_DealDataJoin").execute();

    handoffs.runJobs(instance.getId());

    assertThat(instance).hasPassed("Task_ReadDeal", "Task_Segment", "Task_AssignCsm")
        .isWaitingAt("Task_CompleteChecklist");
    Map<String, Object> v = runtime.getVariables(instance.getId());
    assertThat(v).containsEntry("accountId", "hubspot-deal-" + dealId).containsEntry("accountName", "HubSpot deal " + dealId)
        .doesNotContainKey("hubspotDeal");
    assertThat((String) v.get("crmNotRead")).contains("not read from HubSpot", "from the deal in HubSpot")
        .doesNotContain("token", "baton.");
    assertThat(crm.getAllServeEvents()).isEmpty();
  }

  @Test
  void aCrmFailureIsRetriedWithBackoffThenRaisesAnIncidentAndRetryingItContinues() throws Exception {
    stubWonDeal("30000");
    TestCrmServer.failing(crm, "/crm/v3/objects/deals/" + dealId, 500);
    ProcessInstance instance = handoffs.start(DealWon.named("hubspot", dealId));
    handoffs.runJobs(instance.getId());

    Job fetch = management.createJobQuery().processInstanceId(instance.getId()).singleResult();
    assertThat(fetch.getRetries()).isLessThan(5);
    int attempts = 1;
    while (fetch.getRetries() > 0) {
      assertThat(fetch.getExceptionMessage()).contains("HubSpot answered 500 to GET deal " + dealId);
      // The next attempt waits for the backoff (baton's failed-job-retry-time-cycle).
      assertThat(fetch.getDuedate()).isAfter(ClockUtil.getCurrentTime());
      ClockUtil.setCurrentTime(new Date(fetch.getDuedate().getTime() + 1000));
      handoffs.runJobs(instance.getId());
      attempts++;
      fetch = management.createJobQuery().jobId(fetch.getId()).singleResult();
    }
    assertThat(attempts).isEqualTo(5);
    Incident incident = runtime.createIncidentQuery().processInstanceId(instance.getId()).singleResult();
    assertThat(incident.getActivityId()).isEqualTo("Task_FetchDeal");
    assertThat(incident.getIncidentMessage()).contains("HubSpot answered 500 to GET deal " + dealId);
    assertThat(crm.getAllServeEvents()).hasSize(5);

    // HubSpot is back; the operator retries the incident in Cockpit (sets retries; the job executor runs it).
    crm.resetAll();
    stubWonDeal("30000");
    management.setJobRetries(fetch.getId(), 1);
    management.executeJob(fetch.getId());
    handoffs.runJobs(instance.getId());

    assertThat(runtime.createIncidentQuery().processInstanceId(instance.getId()).count()).isZero();
    assertThat(instance).isWaitingAt("Task_CompleteChecklist");
    assertThat(runtime.getVariable(instance.getId(), "segment")).isEqualTo("Mid-Market");
  }

  @Test
  void aFailingContactFetchRaisesItsIncidentAtThatStepAndTheDealIsNotFetchedAgain() throws Exception {
    stubWonDeal("30000");
    TestCrmServer.failing(crm, "/crm/v3/objects/contacts/502", 503);
    ProcessInstance instance = handoffs.start(DealWon.named("hubspot", dealId));
    handoffs.runJobs(instance.getId());
    Job fetch = management.createJobQuery().processInstanceId(instance.getId()).singleResult();
    management.setJobRetries(fetch.getId(), 0);

    Incident incident = runtime.createIncidentQuery().processInstanceId(instance.getId()).singleResult();
    // Cockpit shows it on the step (the multi-instance body of "Fetch the deal's contacts").
    assertThat(incident.getActivityId()).startsWith("Task_FetchContacts");
    assertThat(fetch.getExceptionMessage()).contains("HubSpot answered 503 to GET contact 502");

    TestCrmServer.contact(crm, "502", "Hank", "Globex", "hank@globex.test", "CFO");
    management.setJobRetries(fetch.getId(), 1);
    management.executeJob(fetch.getId());
    handoffs.runJobs(instance.getId());

    assertThat(instance).isWaitingAt("Task_CompleteChecklist");
    crm.verify(1, getRequestedFor(urlPathEqualTo("/crm/v3/objects/deals/" + dealId)));
    assertThat(runtime.getVariable(instance.getId(), "contacts").toString()).contains("Greta Globex", "Hank Globex");
  }

  @Test
  void aRejectedTokenNamesTheSettingToFix() throws Exception {
    TestCrmServer.failing(crm, "/crm/v3/objects/deals/" + dealId, 401);
    ProcessInstance instance = handoffs.start(DealWon.named("hubspot", dealId));
    handoffs.runJobs(instance.getId());

    Job fetch = management.createJobQuery().processInstanceId(instance.getId()).singleResult();
    assertThat(fetch.getExceptionMessage()).contains("401", "baton.crm.hubspot.access-token");
    assertThat(Duration.between(ClockUtil.getCurrentTime().toInstant(), fetch.getDuedate().toInstant()))
        .isPositive();
  }
}
