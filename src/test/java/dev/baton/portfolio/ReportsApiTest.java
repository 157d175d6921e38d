package dev.baton.portfolio;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.baton.account.Account;
import dev.baton.account.AccountRepository;
import dev.baton.account.AccountService;
import dev.baton.account.Arr;
import dev.baton.identity.IdentityBootstrap;
import dev.baton.support.BatonIntegrationTest;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The manager reports over HTTP (docs/portfolio.md): moments of truth from an arranged history (steps finished on
 * time and late, the clock moved), renewals by month and likelihood with currency conversion, the team against
 * its coverage targets, who sees what, and bad parameters. Each test has CSMs of its own, so the numbers a CSM
 * sees are exactly the test's, on a database shared by the whole suite.
 */
@BatonIntegrationTest
class ReportsApiTest {

  @LocalServerPort int port;
  @Autowired AccountService accounts;
  @Autowired AccountRepository store;
  @Autowired IdentityService identity;
  @Autowired TaskService tasks;
  @Autowired RepositoryService repository;
  @Autowired JdbcTemplate jdbc;
  final ObjectMapper json = new ObjectMapper();
  final HttpClient http = HttpClient.newHttpClient();

  String tag;
  String csmA;
  String csmB;

  @BeforeEach
  void team() {
    tag = "rp" + UUID.randomUUID().toString().substring(0, 8);
    csmA = csm("a");
    csmB = csm("b");
  }

  @AfterEach
  void resetClock() {
    ClockUtil.reset();
  }

  @Test
  void momentsOfTruthCountStepsOnTimeAndLateByCsmAndSegmentForWhoMaySeeThem() throws Exception {
    String onTime = save("ontime", "Enterprise", null, csmA, null);
    String late = save("late", "SMB", null, csmA, null);
    String others = save("others", "Enterprise", null, csmB, null);
    finishEscalationStep(onTime, Duration.ZERO);
    finishEscalationStep(late, Duration.ofDays(10));
    finishEscalationStep(others, Duration.ZERO);
    String period = "from=" + LocalDate.now().minusDays(1) + "&to=" + LocalDate.now().plusDays(30);

    JsonNode mine = moment(report(csmA, "/api/reports/moments-of-truth?" + period), "escalation-reviews");
    assertThat(mine.path("onTime").asLong()).isEqualTo(1);
    assertThat(mine.path("late").asLong()).isEqualTo(1);
    // One finished at once, one after ten days: the median is half way.
    assertThat(mine.path("medianHours").asDouble()).isBetween(110.0, 130.0);
    assertThat(mine.path("byCsm").toString()).contains(csmA).doesNotContain(csmB);
    assertThat(group(mine.path("bySegment"), "Enterprise").path("onTime").asLong()).isEqualTo(1);
    assertThat(group(mine.path("bySegment"), "SMB").path("late").asLong()).isEqualTo(1);

    JsonNode theirs = moment(report(csmB, "/api/reports/moments-of-truth?" + period), "escalation-reviews");
    assertThat(theirs.path("onTime").asLong()).isEqualTo(1);
    assertThat(theirs.path("late").asLong()).isZero();

    JsonNode lead = moment(report("cs-lead-demo", "/api/reports/moments-of-truth?" + period), "escalation-reviews");
    assertThat(group(lead.path("byCsm"), csmA).path("late").asLong()).isEqualTo(1);
    assertThat(group(lead.path("byCsm"), csmB).path("onTime").asLong()).isEqualTo(1);

    JsonNode before = report(csmA, "/api/reports/moments-of-truth?from=2020-01-01&to=2020-12-31");
    assertThat(moment(before, "escalation-reviews").path("onTime").asLong()).isZero();
    assertThat(before.path("momentsOfTruth").size()).isEqualTo(MomentOfTruth.ALL.size());
  }

  @Test
  void theLaunchCountsAgainstTheTimeToValueTargetAndTheSurveyAgainstItsTimer() throws Exception {
    String onTime = save("launched", "SMB", null, csmA, null);
    String late = save("slow", "SMB", null, csmA, null);
    Instant start = Instant.now().minus(Duration.ofDays(40));
    // History as the engine writes it for finished steps (arranged directly: a launch takes weeks of process).
    finishedHistory(onTime, start, false);
    finishedHistory(late, start, true);
    String period = "from=" + LocalDate.now().minusDays(60) + "&to=" + LocalDate.now();

    JsonNode report = report(csmA, "/api/reports/moments-of-truth?" + period);
    JsonNode launch = moment(report, "launch");
    assertThat(launch.path("onTime").asLong()).isEqualTo(1);
    assertThat(launch.path("late").asLong()).isEqualTo(1);
    // From the onboarding's start to the launch: 30 days.
    assertThat(launch.path("medianHours").asDouble()).isEqualTo(720.0);
    JsonNode survey = moment(report, "survey-answered");
    assertThat(survey.path("onTime").asLong()).isEqualTo(1);
    assertThat(survey.path("late").asLong()).isEqualTo(1);
    assertThat(moment(report(csmB, "/api/reports/moments-of-truth?" + period), "launch").path("late").asLong()).isZero();
  }

  private void finishedHistory(String accountId, Instant start, boolean late) {
    String onboarding = "hist-o-" + accountId;
    String renewal = "hist-r-" + accountId;
    String onboardingDefinition = repository.createProcessDefinitionQuery().processDefinitionKey("OnboardingKickoff")
        .latestVersion().singleResult().getId();
    String renewalDefinition = repository.createProcessDefinitionQuery().processDefinitionKey("RenewalPreparation")
        .latestVersion().singleResult().getId();
    Timestamp begun = Timestamp.from(start);
    Timestamp launched = Timestamp.from(start.plus(Duration.ofDays(30)));
    for (String instance : List.of(onboarding, renewal)) {
      jdbc.update("insert into ACT_HI_VARINST (ID_, PROC_INST_ID_, EXECUTION_ID_, NAME_, VAR_TYPE_, TEXT_, STATE_) "
          + "values (?, ?, ?, 'accountId', 'string', ?, 'CREATED')", "v-" + instance, instance, instance, accountId);
    }
    jdbc.update("insert into ACT_HI_PROCINST (ID_, PROC_INST_ID_, PROC_DEF_ID_, PROC_DEF_KEY_, BUSINESS_KEY_, START_TIME_,"
        + " END_TIME_, STATE_) values (?, ?, ?, 'OnboardingKickoff', ?, ?, ?, 'COMPLETED')", onboarding, onboarding,
        onboardingDefinition, accountId, begun, launched);
    // The launch: the step both motions pass (after the CSM's confirmation, or when usage shows adoption).
    jdbc.update("insert into ACT_HI_ACTINST (ID_, PROC_DEF_ID_, PROC_DEF_KEY_, PROC_INST_ID_, EXECUTION_ID_, ACT_ID_, "
        + "ACT_TYPE_, START_TIME_, END_TIME_, DURATION_, ACT_INST_STATE_) values (?, ?, 'OnboardingKickoff', ?, ?, "
        + "'Task_RecordLaunch', 'serviceTask', ?, ?, 0, 1)", "a-launch-" + accountId, onboardingDefinition, onboarding,
        onboarding, launched, launched);
    if (late) {
      Timestamp passed = Timestamp.from(start.plus(Duration.ofDays(20)));
      jdbc.update("insert into ACT_HI_ACTINST (ID_, PROC_DEF_ID_, PROC_DEF_KEY_, PROC_INST_ID_, EXECUTION_ID_, ACT_ID_, "
          + "ACT_TYPE_, START_TIME_, END_TIME_, DURATION_, ACT_INST_STATE_) values (?, ?, 'OnboardingKickoff', ?, ?, "
          + "'StartEvent_TimeToValuePassed', 'startTimerEvent', ?, ?, 0, 1)", "a-ttv-" + accountId, onboardingDefinition,
          onboarding, onboarding, passed, passed);
    }
    // The wait for the survey's answer: ended by the answer (on time) or cancelled by the 10-day timer (late).
    jdbc.update("insert into ACT_HI_ACTINST (ID_, PROC_DEF_ID_, PROC_DEF_KEY_, PROC_INST_ID_, EXECUTION_ID_, ACT_ID_, "
        + "ACT_TYPE_, START_TIME_, END_TIME_, DURATION_, ACT_INST_STATE_) values (?, ?, 'RenewalPreparation', ?, ?, "
        + "'Task_AwaitAnswer', 'receiveTask', ?, ?, 0, ?)", "a-s-" + accountId, renewalDefinition, renewal, renewal,
        begun, Timestamp.from(start.plus(Duration.ofDays(late ? 10 : 2))), late ? 2 : 1);
  }

  @Test
  void renewalsShowArrByMonthAndLikelihoodInTheReportingCurrencyAndSayWhatWasNotConverted() throws Exception {
    LocalDate renewal = LocalDate.now().plusDays(40);
    String unsure = save("unsure", "Enterprise", renewal, csmA, new Arr(new BigDecimal("100000"), "USD"));
    String likely = save("likely", "Enterprise", renewal, csmA, new Arr(new BigDecimal("50000"), "EUR"));
    save("franc", "Mid-Market", renewal, csmA, new Arr(new BigDecimal("10"), "CHF"));
    save("theirs", "Enterprise", renewal, csmB, new Arr(new BigDecimal("999"), "USD"));
    store.setLifecycle(unsure, "renewalLikelihood", "unsure");
    store.setLifecycle(likely, "renewalLikelihood", "likely");

    JsonNode report = report(csmA, "/api/reports/renewals");
    assertThat(report.path("currency").asText()).isEqualTo("USD");
    assertThat(report.path("upForRenewal").size()).isEqualTo(12);
    JsonNode month = null;
    for (JsonNode m : report.path("upForRenewal")) {
      if (m.path("month").asText().equals(YearMonth.from(renewal).toString())) {
        month = m;
      }
    }
    assertThat(month).isNotNull();
    assertThat(month.path("accounts").asLong()).isEqualTo(3);
    JsonNode byLikelihood = month.path("arrByLikelihood");
    assertThat(byLikelihood.path("unsure").path("amount").decimalValue()).isEqualByComparingTo("100000");
    // 1 EUR is worth 1.08 USD (baton.reporting.rates).
    assertThat(byLikelihood.path("likely").path("amount").decimalValue()).isEqualByComparingTo("54000");
    assertThat(byLikelihood.path("not-asked").path("amount").decimalValue()).isEqualByComparingTo("0");
    assertThat(byLikelihood.path("not-asked").path("notConverted").toString())
        .isEqualTo("[{\"currency\":\"CHF\",\"accounts\":1}]");
    assertThat(month.path("arr").path("amount").decimalValue()).isEqualByComparingTo("154000");
    assertThat(report.path("lastTwelveMonths").has("grossRetention")).isTrue();

    JsonNode row = report(csmA, "/api/accounts?q=" + tag + "%20likely").path("accounts").get(0);
    assertThat(row.path("arr").path("amount").decimalValue()).isEqualByComparingTo("50000");
    assertThat(row.path("arr").path("currency").asText()).isEqualTo("EUR");
    assertThat(row.path("arrConverted").decimalValue()).isEqualByComparingTo("54000");

    JsonNode summary = report(csmA, "/api/portfolio/summary");
    assertThat(summary.path("arrRenewingAtRisk").path("amount").decimalValue()).isEqualByComparingTo("100000");
    assertThat(summary.path("arrRenewingAtRisk").path("currency").asText()).isEqualTo("USD");
  }

  @Test
  void theTeamReportShowsEachCsmsBookAgainstTheCoverageTargets() throws Exception {
    save("big", "Enterprise", null, csmA, new Arr(new BigDecimal("500000"), "USD"));
    save("mid", "Mid-Market", null, csmA, new Arr(new BigDecimal("250000"), "USD"));
    save("red", "Enterprise", null, csmB, null);
    store.updateHealthBand(tag + "-red", "red");

    JsonNode lead = report("cs-lead-demo", "/api/reports/team");
    JsonNode a = member(lead, csmA);
    assertThat(a.path("accounts").asLong()).isEqualTo(2);
    assertThat(a.path("arr").path("amount").decimalValue()).isEqualByComparingTo("750000");
    // Enterprise: 1 of 50 accounts, 0.5 of 5 million; Mid-Market: 1 of 250, 0.25 of 5 million.
    assertThat(a.path("accountLoad").asDouble()).isEqualTo(0.02 + 0.004, org.assertj.core.data.Offset.offset(0.01));
    assertThat(a.path("arrLoad").asDouble()).isEqualTo(0.15, org.assertj.core.data.Offset.offset(0.001));
    assertThat(a.path("bySegment").get(0).path("accountsTarget").asInt()).isEqualTo(50);
    assertThat(member(lead, csmB).path("redAccounts").asLong()).isEqualTo(1);

    JsonNode mine = report(csmA, "/api/reports/team");
    assertThat(mine.path("csms").size()).isEqualTo(1);
    assertThat(mine.path("csms").get(0).path("csm").asText()).isEqualTo(csmA);
    assertThat(report("support-demo", "/api/reports/team").toString()).contains(csmA, csmB);
  }

  @Test
  void badReportParametersAre400ProblemsNamingTheParameter() throws Exception {
    Map<String, String> mistakes = Map.of(
        "/api/reports/moments-of-truth?from=yesterday", "from",
        "/api/reports/moments-of-truth?to=2026-13-01", "to",
        "/api/reports/moments-of-truth?from=2026-02-01&to=2026-01-01", "from",
        "/api/reports/moments-of-truth?from=2010-01-01&to=2026-01-01", "from",
        "/api/reports/moments-of-truth?from=2026-01-01&from=2026-02-01", "from",
        "/api/reports/moments-of-truth?csm=x", "csm",
        "/api/reports/renewals?months=6", "months",
        "/api/reports/team?segment=smb", "segment");
    for (var mistake : mistakes.entrySet()) {
      HttpResponse<String> response = get("cs-lead-demo", mistake.getKey());
      assertThat(response.statusCode()).as(mistake.getKey()).isEqualTo(400);
      assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
      assertThat(json.readTree(response.body()).path("detail").asText()).as(mistake.getKey())
          .startsWith(mistake.getValue() + ":");
    }
    assertThat(get(null, "/api/reports/team").statusCode()).isEqualTo(401);
  }

  @Test
  void theReportPagesAndTheirChartLibraryAreServedBesideCockpit() throws Exception {
    HttpResponse<String> chart = get(null, "/webjars/chart.js/4.4.1/dist/chart.umd.js");
    assertThat(chart.statusCode()).isEqualTo(200);
    assertThat(chart.body()).contains("Chart");
    HttpResponse<String> config = get(null, "/camunda/app/cockpit/scripts/config.js");
    assertThat(config.body()).contains("scripts/reports");
    HttpResponse<String> page = get(null, "/camunda/app/cockpit/scripts/reports.js");
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.body()).contains("./baton-common.js", "/reports/moments-of-truth");
    // One loader of the chart library for every page (the Account page draws its health with it too).
    HttpResponse<String> charts = get(null, "/camunda/app/cockpit/scripts/baton-common.js");
    assertThat(charts.statusCode()).isEqualTo(200);
    assertThat(charts.body()).contains("/webjars/chart.js/4.4.1/dist/chart.umd.js");
  }

  /** A red signal starts the account's escalation; its first step is finished after the given time. */
  private void finishEscalationStep(String accountId, Duration after) throws Exception {
    HttpResponse<String> signal = http.send(HttpRequest.newBuilder(
            URI.create("http://localhost:" + port + "/api/accounts/" + accountId + "/health-signals"))
        .header("Authorization", basic("integration-demo")).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(PortfolioApiTest.RED_SIGNAL.formatted(Instant.now().minusSeconds(60))))
        .build(), HttpResponse.BodyHandlers.ofString());
    assertThat(signal.statusCode()).as(signal.body()).isEqualTo(200);
    Task step = tasks.createTaskQuery().processInstanceBusinessKey(accountId).taskDefinitionKey("Task_DiagnoseAndPlan")
        .singleResult();
    ClockUtil.setCurrentTime(Date.from(Instant.now().plus(after)));
    tasks.complete(step.getId(), Map.of("diagnosis", "Nobody uses it", "recoveryPlan", "Training"));
    ClockUtil.reset();
  }

  private String csm(String suffix) {
    String user = "csm-" + tag + suffix;
    IdentityBootstrap.ensureUser(identity, user, "demo", "Report", "CSM " + suffix, user + "@example.com");
    identity.createMembership(user, "csm");
    return user;
  }

  private String save(String suffix, String segment, LocalDate renewal, String csm, Arr arr) {
    String id = tag + "-" + suffix;
    accounts.save(new Account(id, tag + " " + suffix, segment, renewal, "green", Map.of("csm", csm), Map.of(), arr));
    return id;
  }

  private static JsonNode moment(JsonNode report, String id) {
    for (JsonNode moment : report.path("momentsOfTruth")) {
      if (moment.path("id").asText().equals(id)) {
        return moment;
      }
    }
    throw new AssertionError("no moment of truth " + id + " in " + report);
  }

  private static JsonNode group(JsonNode groups, String key) {
    for (JsonNode group : groups) {
      if (group.path("key").asText().equals(key)) {
        return group;
      }
    }
    throw new AssertionError("no group " + key + " in " + groups);
  }

  private static JsonNode member(JsonNode team, String csm) {
    for (JsonNode member : team.path("csms")) {
      if (member.path("csm").asText().equals(csm)) {
        return member;
      }
    }
    throw new AssertionError("no CSM " + csm + " in the team report");
  }

  private JsonNode report(String user, String path) throws Exception {
    HttpResponse<String> response = get(user, path);
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return json.readTree(response.body());
  }

  private HttpResponse<String> get(String user, String path) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path));
    if (user != null) {
      request.header("Authorization", basic(user));
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static String basic(String user) {
    return "Basic " + Base64.getEncoder().encodeToString((user + ":demo").getBytes(StandardCharsets.UTF_8));
  }
}
