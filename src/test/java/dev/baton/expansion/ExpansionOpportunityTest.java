package dev.baton.expansion;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.job;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import dev.baton.account.Account;
import dev.baton.account.AccountChurned;
import dev.baton.account.AccountService;
import dev.baton.calendar.DueDates;
import dev.baton.mail.MailOutbox;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.baton.support.BatonIntegrationTest;
import dev.baton.support.TestCrmServer;
import dev.baton.support.Jobs;
import dev.baton.support.TestMailServer;
import jakarta.mail.internet.MimeMessage;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.FormService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Expansion opportunities (processes/ExpansionOpportunity.bpmn, docs/lifecycle.md#expansion-opportunities) per
 * path: raised from Tasklist's start form by a CSM or Account Manager only, checked (an unknown account fails the
 * start naming the field), qualified by the Account Manager (else the Sales Rep) in 5 business days: accepted
 * with the CRM deal (the CSM told) or rejected with the reason (the raiser told); raised from another form; ended
 * by a churn; counted per raiser and quarter from history.
 */
@BatonIntegrationTest
class ExpansionOpportunityTest {

  /** A Monday morning. */
  static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");

  @RegisterExtension static GreenMailExtension smtp = TestMailServer.create();
  @RegisterExtension static WireMockExtension hubSpot = TestCrmServer.create();

  @LocalServerPort int port;
  @Autowired ProcessEngine engine;
  @Autowired AccountService accountService;
  @Autowired RuntimeService runtime;
  @Autowired RepositoryService repository;
  @Autowired FormService forms;
  @Autowired IdentityService identity;
  @Autowired TaskService tasks;
  @Autowired ManagementService management;
  @Autowired ApplicationEventPublisher events;
  @Autowired TransactionTemplate transaction;
  @Autowired DueDates dueDates;
  @Autowired ExpansionOpportunities opportunities;
  @Autowired ObjectMapper json;
  final HttpClient http = HttpClient.newHttpClient();
  String account;

  @BeforeEach
  void accountWithItsTeam() {
    BpmnAwareTests.init(engine);
    ClockUtil.setCurrentTime(Date.from(NOW));
    account = "expansion-" + UUID.randomUUID().toString().substring(0, 8);
    accountService.save(new Account(account, "Acme " + account, "enterprise", null, null,
        Map.of("csm", "csm-demo", "account-manager", "account-manager-demo", "sales-rep", "sales-rep-demo",
            "cs-lead", "cs-lead-demo")));
  }

  @AfterEach
  void resetClockAndUser() {
    identity.clearAuthentication();
    ClockUtil.reset();
  }

  @Test
  void aCsmRaisesItInTasklistAndTheAccountManagerAcceptsItWithinFiveBusinessDaysAndTheCsmIsTold() throws Exception {
    ProcessInstance instance = raise("csm-demo", "csm", account);

    assertThat(runtime.getVariable(instance.getId(), "raisedBy")).isEqualTo("csm-demo");
    assertThat(instance.getBusinessKey()).isEqualTo(account);
    Task qualify = qualifyTask(instance);
    assertThat(qualify.getName()).isEqualTo("Qualify the expansion opportunity");
    assertThat(qualify.getAssignee()).isEqualTo("account-manager-demo");
    assertThat(qualify.getDueDate()).isEqualTo(dueDates.businessDays(5));

    tasks.complete(qualify.getId(), Map.of("qualification", "accepted", "crmDealId", "HS-4711"));

    BpmnAwareTests.assertThat(instance).isEnded().hasPassed("Task_TellCsm", "EndEvent_Accepted");
    sendMails();
    List<MimeMessage> told = mailsTo("csm-demo@example.com", "Expansion opportunity accepted");
    assertThat(told).hasSize(1);
    assertThat(told.get(0).getContent().toString()).isNotEmpty();
  }

  @Test
  void anAcceptedOpportunityCanHaveItsDealCreatedInHubSpot() {
    hubSpot.stubFor(post(urlPathEqualTo("/crm/v3/objects/deals")).willReturn(aResponse().withStatus(201)
        .withHeader("Content-Type", "application/json").withBody("{\"id\": \"98765\", \"properties\": {}}")));
    ProcessInstance instance = raise("csm-demo", "csm", account);

    tasks.complete(qualifyTask(instance).getId(), Map.of("qualification", "accepted", "createHubSpotDeal", true));
    BpmnAwareTests.assertThat(instance).isWaitingAt("Task_CreateHubSpotDeal");
    execute(job("Task_CreateHubSpotDeal", instance));

    BpmnAwareTests.assertThat(instance).isEnded().hasPassed("Task_CreateHubSpotDeal", "EndEvent_Accepted")
        .variables().containsEntry("crmDealId", "98765");
    hubSpot.verify(postRequestedFor(urlPathEqualTo("/crm/v3/objects/deals"))
        .withHeader("Authorization", equalTo("Bearer " + TestCrmServer.TOKEN))
        .withRequestBody(equalToJson("{\"properties\": {\"dealname\": \"Expansion: Acme " + account
            + ": Twenty more seats for the support team\", \"dealstage\": \"appointmentscheduled\", "
            + "\"description\": \"Twenty more seats for the support team\", \"amount\": \"12000\"}}")));
  }

  @Test
  void hubSpotRefusingTheDealFailsItsJobNamingTheAnswer() {
    hubSpot.stubFor(post(urlPathEqualTo("/crm/v3/objects/deals")).willReturn(aResponse().withStatus(400)
        .withBody("{\"message\": \"Property values were not valid\"}")));
    ProcessInstance instance = raise("csm-demo", "csm", account);
    tasks.complete(qualifyTask(instance).getId(), Map.of("qualification", "accepted", "createHubSpotDeal", true));

    assertThatThrownBy(() -> execute(job("Task_CreateHubSpotDeal", instance)))
        .hasMessageContaining("answered 400").hasMessageContaining("Property values were not valid");

    BpmnAwareTests.assertThat(instance).isWaitingAt("Task_CreateHubSpotDeal");
  }

  @Test
  void withoutAnAccountManagerTheSalesRepQualifies() {
    String other = "expansion-" + UUID.randomUUID().toString().substring(0, 8);
    accountService.save(new Account(other, "Beta " + other, "smb", null, null,
        Map.of("csm", "csm-demo", "sales-rep", "sales-rep-demo")));

    Task qualify = qualifyTask(raise("csm-demo", "csm", other));

    assertThat(qualify.getAssignee()).isEqualTo("sales-rep-demo");
    assertThat(tasks.getIdentityLinksForTask(qualify.getId())).anySatisfy(link ->
        assertThat(link.getGroupId()).isEqualTo("sales-rep"));
  }

  @Test
  void aRejectedOpportunityTellsTheRaiserWhy() throws Exception {
    ProcessInstance instance = raise("account-manager-demo", "account-manager", account);

    tasks.complete(qualifyTask(instance).getId(), Map.of("qualification", "rejected", "rejectionReason",
        "Budget frozen until Q3"));

    BpmnAwareTests.assertThat(instance).isEnded().hasPassed("Task_TellRaiser", "EndEvent_Rejected");
    sendMails();
    assertThat(mailsTo("account-manager-demo@example.com", "Expansion opportunity rejected")).hasSize(1);
    assertThat(mailsTo("csm-demo@example.com", "Expansion opportunity")).isEmpty();
  }

  @Test
  void aDecisionWithoutItsDealIdOrReasonKeepsTheTaskOpen() {
    ProcessInstance instance = raise("csm-demo", "csm", account);
    Task qualify = qualifyTask(instance);

    assertThatThrownBy(() -> tasks.complete(qualify.getId(), Map.of("qualification", "accepted")))
        .hasMessageContaining("crmDealId: is missing");
    assertThatThrownBy(() -> tasks.complete(qualify.getId(), Map.of("qualification", "rejected")))
        .hasMessageContaining("rejectionReason: is missing");

    BpmnAwareTests.assertThat(instance).isWaitingAt("Task_Qualify");
  }

  @Test
  void anUnknownAccountOrANegativeValueFailsTheStartNamingTheField() {
    identity.setAuthentication("csm-demo", List.of("csm"));
    Map<String, Object> values = startForm("no-such-account");
    values.put("estimatedValue", -5);

    assertThatThrownBy(() -> forms.submitStartForm(definitionId(), "no-such-account", values))
        .hasMessageContaining("accountId: there is no account 'no-such-account'")
        .hasMessageContaining("estimatedValue: '-5' is not an amount of 0 or more");

    identity.clearAuthentication();
    assertThat(runtime.createProcessInstanceQuery().processDefinitionKey(ExpansionOpportunities.PROCESS_KEY)
        .processInstanceBusinessKey("no-such-account").count()).isZero();
  }

  @Test
  void tasklistShowsTheStartFormDeployedWithTheProcess() throws Exception {
    try (var form = forms.getDeployedStartForm(definitionId())) {
      String text = new String(form.readAllBytes(), StandardCharsets.UTF_8);
      assertThat(text).contains("\"id\": \"expansion-raise\"", "\"key\": \"accountId\"", "\"key\": \"estimatedValue\"",
          "\"key\": \"urgency\"");
    }
  }

  @Test
  void onlyCsmsAndAccountManagersMayStartIt() {
    identity.setAuthentication("csm-demo", List.of("csm"));
    assertThat(repository.createProcessDefinitionQuery().startablePermissionCheck().startableInTasklist().list())
        .extracting(d -> d.getKey()).containsExactly(ExpansionOpportunities.PROCESS_KEY);

    identity.setAuthentication("support-demo", List.of("support"));
    assertThat(repository.createProcessDefinitionQuery().startablePermissionCheck().startableInTasklist().count())
        .isZero();
    assertThatThrownBy(() -> forms.submitStartForm(definitionId(), account, startForm(account)))
        .isInstanceOf(AuthorizationException.class);
  }

  @Test
  void anOpportunitySpottedInAnotherFormIsRaisedByThePersonWhoSpottedIt() {
    DelegateExecution execution = mock(DelegateExecution.class);
    when(execution.getVariable("expansionSpotted")).thenReturn(true);
    when(execution.getVariable("expansionNeed")).thenReturn("Their Berlin team wants 40 seats");
    when(execution.getVariable("accountId")).thenReturn(account);
    when(execution.getProcessDefinitionId()).thenReturn("NpsSurvey:3:abc");

    opportunities.raiseIfSpotted(execution);

    ProcessInstance raised = runtime.createProcessInstanceQuery().processDefinitionKey(ExpansionOpportunities.PROCESS_KEY)
        .processInstanceBusinessKey(account).singleResult();
    assertThat(runtime.getVariables(raised.getId())).containsEntry("raisedBy", "csm-demo")
        .containsEntry("raisedFrom", "NpsSurvey").containsEntry("urgency", "medium")
        .containsEntry("expansionNeed", "Their Berlin team wants 40 seats");
    BpmnAwareTests.assertThat(raised).isWaitingAt("Task_Qualify");
    verify(execution).setVariable("expansionSpotted", false);
  }

  @Test
  void nothingIsRaisedWhenNothingWasSpotted() {
    DelegateExecution execution = mock(DelegateExecution.class);
    when(execution.getVariable("expansionSpotted")).thenReturn(false);
    when(execution.getVariable("expansionNeed")).thenReturn("Maybe later");
    when(execution.getVariable("accountId")).thenReturn(account);

    opportunities.raiseIfSpotted(execution);

    assertThat(runtime.createProcessInstanceQuery().processDefinitionKey(ExpansionOpportunities.PROCESS_KEY)
        .processInstanceBusinessKey(account).count()).isZero();
  }

  @Test
  void aChurnEndsIt() {
    ProcessInstance instance = raise("csm-demo", "csm", account);

    transaction.executeWithoutResult(status -> events.publishEvent(new AccountChurned(account)));

    BpmnAwareTests.assertThat(instance).isEnded().hasPassed("EndEvent_AccountChurned");
  }

  @Test
  void csqlsAreCountedPerRaiserAndQuarterForCsLeadsOnly() throws Exception {
    // A quarter of its own, so opportunities of other tests in the shared database do not count.
    ClockUtil.setCurrentTime(Date.from(Instant.parse("2031-02-10T10:00:00Z")));
    ProcessInstance accepted = raise("csm-demo", "csm", account);
    ProcessInstance rejected = raise("csm-demo", "csm", account);
    raise("account-manager-demo", "account-manager", account);
    tasks.complete(qualifyTask(accepted).getId(), Map.of("qualification", "accepted", "crmDealId", "HS-1"));
    tasks.complete(qualifyTask(rejected).getId(), Map.of("qualification", "rejected", "rejectionReason", "No budget"));

    HttpResponse<String> report = get("/api/reports/csqls?quarter=2031-Q1", "cs-lead-demo:demo");

    assertThat(report.statusCode()).as(report.body()).isEqualTo(200);
    JsonNode body = json.readTree(report.body());
    assertThat(body.path("quarter").asText()).isEqualTo("2031-Q1");
    assertThat(body.path("raised").asInt()).isEqualTo(3);
    JsonNode csm = raiser(body, "csm-demo");
    assertThat(List.of(csm.path("raised").asInt(), csm.path("accepted").asInt(), csm.path("rejected").asInt(),
        csm.path("open").asInt())).containsExactly(2, 1, 1, 0);
    JsonNode manager = raiser(body, "account-manager-demo");
    assertThat(List.of(manager.path("raised").asInt(), manager.path("open").asInt())).containsExactly(1, 1);
    assertThat(json.readTree(get("/api/reports/csqls?quarter=2031-Q2", "cs-lead-demo:demo").body())
        .path("raised").asInt()).isZero();

    assertThat(get("/api/reports/csqls?quarter=2031-Q1", "csm-demo:demo").statusCode()).isEqualTo(403);
    HttpResponse<String> bad = get("/api/reports/csqls?quarter=2031-Q5", "demo:demo");
    assertThat(bad.statusCode()).isEqualTo(400);
    assertThat(bad.body()).contains("quarter: '2031-Q5' is not a quarter");
    assertThat(bad.headers().firstValue("Content-Type")).hasValueSatisfying(type ->
        assertThat(type).startsWith("application/problem+json"));
    assertThat(get("/api/reports/csqls?quarter=" + java.net.URLEncoder.encode("2031-Q1' or '1'='1", StandardCharsets.UTF_8),
        "cs-lead-demo:demo").statusCode()).isEqualTo(400);
    assertThat(http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/reports/csqls")).GET().build(),
        HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(401);
  }

  @Test
  void theRaciChartShowsTheNewTasks() throws Exception {
    JsonNode chart = json.readTree(get("/api/raci?format=json", "csm-demo:demo").body());
    Map<String, JsonNode> cells = new HashMap<>();
    for (JsonNode process : chart.path("processes")) {
      process.path("tasks").forEach(task -> cells.put(process.path("key").asText() + "/" + task.path("id").asText(),
          task.path("cells")));
    }
    JsonNode qualify = cells.get("ExpansionOpportunity/Task_Qualify");
    assertThat(qualify.path("account-manager").asText()).isEqualTo("R");
    assertThat(qualify.path("sales-manager").asText()).isEqualTo("A");
    assertThat(qualify.path("csm").asText()).isEqualTo("C");
    JsonNode meet = cells.get("NewChampion/Task_MeetNewChampion");
    assertThat(meet.path("csm").asText()).isEqualTo("R");
    assertThat(meet.path("cs-lead").asText()).isEqualTo("A");
  }

  private static JsonNode raiser(JsonNode report, String user) {
    for (JsonNode row : report.path("raisers")) {
      if (row.path("raisedBy").asText().equals(user)) {
        return row;
      }
    }
    throw new AssertionError("no row for " + user + " in " + report);
  }

  private ProcessInstance raise(String user, String group, String accountId) {
    identity.setAuthentication(user, List.of(group));
    try {
      // Tasklist's dialog sends no business key unless the person types one: the account id becomes it.
      return forms.submitStartForm(definitionId(), startForm(accountId));
    } finally {
      identity.clearAuthentication();
    }
  }

  private Map<String, Object> startForm(String accountId) {
    Map<String, Object> values = new HashMap<>();
    values.put("accountId", accountId);
    values.put("expansionNeed", "Twenty more seats for the support team");
    values.put("estimatedValue", 12000);
    values.put("urgency", "high");
    return values;
  }

  private String definitionId() {
    return repository.createProcessDefinitionQuery().processDefinitionKey(ExpansionOpportunities.PROCESS_KEY)
        .latestVersion().singleResult().getId();
  }

  private Task qualifyTask(ProcessInstance instance) {
    List<Task> open = tasks.createTaskQuery().processInstanceId(instance.getId()).taskDefinitionKey("Task_Qualify").list();
    assertThat(open).hasSize(1);
    return open.get(0);
  }

  private HttpResponse<String> get(String path, String credentials) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
        .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)))
        .GET().build(), HttpResponse.BodyHandlers.ofString());
  }

  private void sendMails() {
    String[] deliveries = runtime.createProcessInstanceQuery().processDefinitionKey(MailOutbox.PROCESS_KEY)
        .processInstanceBusinessKey(account).list().stream().map(ProcessInstance::getId).toArray(String[]::new);
    if (deliveries.length > 0) {
      Jobs.executeAll(management, deliveries);
    }
  }

  private List<MimeMessage> mailsTo(String email, String subjectStart) {
    return Arrays.stream(smtp.getReceivedMessages()).filter(m -> {
      try {
        return m.getSubject().startsWith(subjectStart) && m.getAllRecipients()[0].toString().equals(email);
      } catch (jakarta.mail.MessagingException e) {
        throw new IllegalStateException(e);
      }
    }).toList();
  }
}
