package dev.baton.health;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.baton.account.AccountRepository;
import dev.baton.support.BatonIntegrationTest;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Stale measurements (docs/health.md): a measurement older than its limit no longer counts, its dimension
 * becomes unknown with "No usage data since ...", and the daily re-score (processes/HealthStaleness.bpmn)
 * scores the accounts whose data went stale, escalating or de-escalating as a pushed signal would.
 */
@BatonIntegrationTest
class HealthStalenessTest {

  static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("d MMMM uuuu", Locale.ENGLISH);

  @LocalServerPort int port;
  @Autowired AccountRepository accounts;
  @Autowired RuntimeService runtime;
  @Autowired HistoryService history;
  @Autowired ManagementService management;
  @Autowired JdbcClient jdbc;
  @Autowired EngagementThresholds engagementThresholds;
  HealthApi api;
  String account;
  Instant measured;

  @BeforeEach
  void setUp() {
    api = new HealthApi(port);
    account = HealthApi.newAccount(accounts, "stale");
    // Signals are stamped with the system clock (they may not be ahead of it); Baton's clock moves from there.
    measured = Instant.now();
  }

  @AfterEach
  void resetClock() {
    ClockUtil.reset();
  }

  @Test
  void usageOlderThanItsLimitMakesAdoptionUnknownSayingSinceWhen() throws Exception {
    post("{\"timestamp\":\"%s\",\"weeklyActiveUsers\":80,\"licensedUsers\":100,\"nps\":9}");
    // Usage counts 14 days (baton.health.stale-after-by-field), NPS 200.
    ClockUtil.setCurrentTime(Date.from(measured.plus(Duration.ofDays(15))));

    JsonNode health = api.json(post("{\"timestamp\":\"%s\",\"supportSatisfaction\":4.5}")).get("health");

    JsonNode adoption = dimension(health, "adoption");
    assertThat(adoption.get("band").asText()).isEqualTo("unknown");
    assertThat(adoption.get("value").asText()).isEqualTo("No usage data since " + DAY.format(measured.atZone(ZoneOffset.UTC)));
    assertThat(adoption.get("rule").asText()).startsWith("No recent usage figures");
    assertThat(dimension(health, "nps").get("band").asText()).isEqualTo("green");
    assertThat(health.get("outcomes").get("band").asText()).isEqualTo("unknown");
    // Unknown counts neither way: the known Experience decides.
    assertThat(health.get("band").asText()).isEqualTo("green");
  }

  @Test
  void theDailyRescoreTurnsAnAccountRedWhenTheGreenDataWentStaleAndEscalates() throws Exception {
    // Outcomes green (usage) keeps a red support experience at yellow overall.
    JsonNode before = api.json(post("{\"timestamp\":\"%s\",\"weeklyActiveUsers\":80,\"licensedUsers\":100,"
        + "\"supportSatisfaction\":2}")).get("health");
    assertThat(before.get("band").asText()).isEqualTo("yellow");

    runDailyRescore(measured.plus(Duration.ofDays(15)));

    JsonNode health = api.json(api.get("/api/accounts/" + account + "/health"));
    assertThat(health.get("band").asText()).isEqualTo("red");
    assertThat(health.get("previousBand").asText()).isEqualTo("yellow");
    assertThat(dimension(health, "adoption").get("band").asText()).isEqualTo("unknown");
    assertThat(health.get("escalationProcessInstanceId").isNull()).isFalse();
    assertThat(escalations()).hasSize(1);
    assertThat(accounts.find(account).orElseThrow().healthBand()).isEqualTo("red");
  }

  @Test
  void theDailyRescoreEndsAnEscalationWhenTheRedDataWentStaleAndTheRestIsGreen() throws Exception {
    post("{\"timestamp\":\"%s\",\"weeklyActiveUsers\":10,\"licensedUsers\":100,\"nps\":9}");
    String escalation = escalations().get(0).getId();

    runDailyRescore(measured.plus(Duration.ofDays(15)));

    JsonNode health = api.json(api.get("/api/accounts/" + account + "/health"));
    assertThat(health.get("band").asText()).isEqualTo("green");
    assertThat(runtime.createProcessInstanceQuery().processInstanceId(escalation).count()).isZero();
    assertThat(history.createHistoricVariableInstanceQuery().processInstanceId(escalation).variableName("outcome")
        .singleResult().getValue()).isEqualTo("recovered");
  }

  @Test
  void anAccountWhoseEveryMeasurementWentStaleIsUnknownAndItsEscalationGoesOn() throws Exception {
    post("{\"timestamp\":\"%s\",\"weeklyActiveUsers\":10,\"licensedUsers\":100}");
    String escalation = escalations().get(0).getId();

    runDailyRescore(measured.plus(Duration.ofDays(15)));

    JsonNode health = api.json(api.get("/api/accounts/" + account + "/health"));
    assertThat(health.get("band").asText()).isEqualTo("unknown");
    assertThat(health.get("overall").get("rule").asText()).isEqualTo("No current health data");
    assertThat(runtime.createProcessInstanceQuery().processInstanceId(escalation).count()).isOne();
  }

  @Test
  void theDailyRescoreLeavesAccountsWhoseDataIsStillCurrentAlone() throws Exception {
    post("{\"timestamp\":\"%s\",\"weeklyActiveUsers\":80,\"licensedUsers\":100}");

    runDailyRescore(measured.plus(Duration.ofDays(10)));

    assertThat(scores()).isEqualTo(1);
  }

  @Test
  void theDailyRescoreIsATimerProcessOperatorsSeeInCockpit() {
    Job timer = management.createJobQuery().processDefinitionKey("HealthStaleness").timers().singleResult();
    assertThat(timer).isNotNull();
    // Every day at baton.health.rescore-at (04:00 in the business time zone, UTC in tests).
    assertThat(timer.getDuedate().toInstant().atZone(ZoneOffset.UTC).toLocalTime().toString()).isEqualTo("04:00");
  }

  /** The thresholds stay in HealthDimensions.dmn: the re-score reads at which day counts engagement changes band. */
  @Test
  void theEngagementThresholdsAreReadFromTheDecisionTable() {
    assertThat(engagementThresholds.days()).containsExactly(31, 61);
  }

  void runDailyRescore(Instant at) {
    DailyRescore.runAt(at, management, runtime, jdbc);
  }

  private java.net.http.HttpResponse<String> post(String template) throws Exception {
    var response = api.post(account, template.formatted(OffsetDateTime.ofInstant(measured, ZoneOffset.UTC)));
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return response;
  }

  private long scores() {
    return jdbc.sql("select count(*) from baton_health_score where account_id = ?").param(account).query(Long.class).single();
  }

  private List<HistoricProcessInstance> escalations() {
    return history.createHistoricProcessInstanceQuery().processDefinitionKey(RedHealthEscalations.PROCESS_KEY)
        .processInstanceBusinessKey(account).list();
  }

  static JsonNode dimension(JsonNode health, String name) {
    for (JsonNode d : health.get("dimensions")) {
      if (d.get("name").asText().equals(name)) {
        return d;
      }
    }
    throw new AssertionError("no dimension " + name);
  }
}
