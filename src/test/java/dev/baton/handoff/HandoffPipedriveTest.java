package dev.baton.handoff;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
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
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
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
 * SalesToCsHandoff.bpmn for a deal won in Pipedrive: with the API token configured (the test profile), the
 * Connect HTTP connector reads the deal, its organization, person and owner from Pipedrive's API (WireMock),
 * with the engine's retries and incidents.
 */
@BatonIntegrationTest
class HandoffPipedriveTest {

  static final String TOKEN = "test-pipedrive-api-token";

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
  String orgId;
  String salesRep;

  @BeforeEach
  void setUp() {
    BpmnAwareTests.init(engine);
    ClockUtil.setCurrentTime(HandoffGenericCrmTest.at(LocalDateTime.parse("2026-11-20T16:00:00")));
    handoffs = new HandoffFixture(runtime, tasks, management, identity, accounts, json, starter);
    dealId = String.valueOf(ThreadLocalRandom.current().nextLong(1_000_000L, 900_000_000_000L));
    orgId = String.valueOf(ThreadLocalRandom.current().nextLong(1_000_000L, 900_000_000_000L));
    salesRep = handoffs.user("rep", "sales-rep");
  }

  @AfterEach
  void resetClock() {
    ClockUtil.reset();
  }

  /** The deal as the Pipedrive webhook starts it with the API token set: no account named. */
  DealWon fromEvent() {
    return new DealWon("pipedrive", dealId, null, "Initech rollout", new BigDecimal("30000"), "EUR",
        LocalDate.parse("2026-11-20"), null, null, null, null, null, List.of());
  }

  void stubDeal() {
    ok("/api/v2/deals/" + dealId, "{\"id\":" + dealId + ",\"title\":\"Initech rollout\",\"value\":30000,"
        + "\"currency\":\"EUR\",\"status\":\"won\",\"won_time\":\"2026-11-20T15:30:00Z\",\"org_id\":" + orgId
        + ",\"person_id\":301,\"owner_id\":18487521,\"pipeline_id\":1,\"stage_id\":5}");
    ok("/api/v2/organizations/" + orgId, "{\"id\":" + orgId + ",\"name\":\"Initech " + orgId + "\","
        + "\"address\":{\"value\":\"1 Rue de Rivoli, Paris\",\"country\":\"France\"}}");
    ok("/api/v2/persons/301", "{\"id\":301,\"name\":\"Peter Gibbons\",\"emails\":[{\"value\":\"peter.home@initech.test\","
        + "\"primary\":false,\"label\":\"home\"},{\"value\":\"peter@initech.test\",\"primary\":true,\"label\":\"work\"}]}");
    ok("/api/v1/users/18487521", "{\"id\":18487521,\"name\":\"Sam Seller\",\"email\":\""
        + HandoffFixture.email(salesRep) + "\"}");
  }

  @Test
  void aPipedriveDealIsReadFromTheApiBeforeTheChecklist() throws Exception {
    stubDeal();
    ProcessInstance instance = handoffs.start(fromEvent());

    handoffs.runJobs(instance.getId());

    assertThat(instance).hasPassedInOrder("Task_ReadPipedriveDeal", "Task_ReadPipedriveOrganization",
        "Task_ReadPipedrivePerson", "Task_ReadPipedriveOwner", "Task_ReadDeal", "Task_Segment", "Task_AssignCsm")
        .isWaitingAt("Task_CompleteChecklist");
    Map<String, Object> v = runtime.getVariables(instance.getId());
    assertThat(v).containsEntry("accountId", "pipedrive-org-" + orgId).containsEntry("accountName", "Initech " + orgId)
        .containsEntry("dealName", "Initech rollout").containsEntry("amount", 30000.0).containsEntry("currency", "EUR")
        .containsEntry("closeDate", "2026-11-20").containsEntry("country", "France").containsEntry("region", "EMEA")
        .containsEntry("customerContactName", "Peter Gibbons").containsEntry("customerContactEmail", "peter@initech.test")
        .containsEntry("salesRepEmail", HandoffFixture.email(salesRep)).containsEntry("salesRepUserId", salesRep)
        .containsEntry("segment", "Mid-Market");
    // The token travels in a header, never in a URL (job failures and logs show URLs).
    crm.verify(getRequestedFor(urlPathEqualTo("/api/v2/deals/" + dealId)).withHeader("x-api-token", equalTo(TOKEN)));
    assertThat(crm.getAllServeEvents()).allSatisfy(e -> assertThat(e.getRequest().getUrl()).doesNotContain(TOKEN));
  }

  @Test
  void aFailingPersonReadRaisesItsIncidentAtThatStepAndRetryingContinues() throws Exception {
    stubDeal();
    crm.stubFor(get(urlPathEqualTo("/api/v2/persons/301")).willReturn(aResponse().withStatus(429)
        .withHeader("Content-Type", "application/json")
        .withBody("{\"success\":false,\"error\":\"Request over limit\"}")));
    ProcessInstance instance = handoffs.start(fromEvent());
    handoffs.runJobs(instance.getId());
    Job read = management.createJobQuery().processInstanceId(instance.getId()).singleResult();
    assertThat(read.getExceptionMessage()).contains("Pipedrive answered 429 to GET person 301");
    management.setJobRetries(read.getId(), 0);

    Incident incident = runtime.createIncidentQuery().processInstanceId(instance.getId()).singleResult();
    assertThat(incident.getActivityId()).startsWith("Task_ReadPipedrivePerson");

    stubDeal();
    management.setJobRetries(read.getId(), 1);
    management.executeJob(read.getId());
    handoffs.runJobs(instance.getId());

    assertThat(instance).isWaitingAt("Task_CompleteChecklist");
    crm.verify(1, getRequestedFor(urlPathEqualTo("/api/v2/deals/" + dealId)));
    assertThat(runtime.getVariable(instance.getId(), "customerContactEmail")).isEqualTo("peter@initech.test");
  }

  @Test
  void aDealWithoutOrganizationPersonOrOwnerSkipsThoseReadsAndKeepsTheEventsFacts() throws Exception {
    ok("/api/v2/deals/" + dealId, "{\"id\":" + dealId + ",\"title\":\"Solo shop\",\"value\":1200,\"currency\":\"EUR\","
        + "\"status\":\"won\",\"won_time\":\"2026-11-20T15:30:00Z\",\"org_id\":null,\"person_id\":null,\"owner_id\":null}");
    ProcessInstance instance = handoffs.start(fromEvent());

    handoffs.runJobs(instance.getId());

    assertThat(instance).isWaitingAt("Task_CompleteChecklist");
    assertThat(runtime.getVariables(instance.getId())).containsEntry("accountId", "pipedrive-deal-" + dealId)
        .containsEntry("accountName", "Solo shop").containsEntry("segment", "Tech-touch");
    assertThat(crm.getAllServeEvents()).hasSize(1);
  }

  private static void ok(String path, String data) {
    crm.stubFor(get(urlPathEqualTo(path)).withHeader("x-api-token", equalTo(TOKEN)).willReturn(aResponse()
        .withStatus(200).withHeader("Content-Type", "application/json")
        .withBody("{\"success\":true,\"data\":" + data + "}")));
  }
}
