package dev.baton.portfolio;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.baton.identity.IdentityBootstrap;
import dev.baton.support.BatonIntegrationTest;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RepositoryService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The book of business and the moments-of-truth report at scale (docs/benchmarks.md): 100,000 accounts, then
 * GET /api/accounts as a CS Lead and as a CSM with 1,000 accounts (the first page, and each filter); and one year
 * of history for 10,000 of them, then GET /api/reports/moments-of-truth over that year. Prints p50/p95 and the
 * CPU time of Baton's JVM per request.
 *
 * <p>Data is inserted directly, for speed: accounts and teams into Baton's tables, history rows into Camunda's
 * ACT_HI_* tables as the engine writes them for a finished step (task, activity, process instance, and the
 * {@code accountId} variable), each account's handoff, onboarding and renewal with its steps, a fifth of them late.
 * Run: {@code mvn -B -ntp test -Dtest=PortfolioBenchmark} (H2), add {@code -Ppostgres} with DB_URL/DB_USER/
 * DB_PASSWORD for PostgreSQL. {@code -Dbaton.bench.accounts=N} and {@code -Dbaton.bench.history-accounts=N};
 * {@code -Dbaton.bench.only=summary;team} measures only the calls so named, {@code -Dbaton.bench.samples=N}.
 */
@BatonIntegrationTest
class PortfolioBenchmark {

  static final int ACCOUNTS = Integer.getInteger("baton.bench.accounts", 100_000);
  static final int HISTORY_ACCOUNTS = Integer.getInteger("baton.bench.history-accounts", 10_000);
  static final int CSMS = 100;
  static final int SAMPLES = Integer.getInteger("baton.bench.samples", 20);
  /** Only the calls whose description contains one of these (separated by ";"), e.g. "size=25, CS"; empty: all. */
  static final List<String> ONLY = java.util.Arrays.stream(System.getProperty("baton.bench.only", "").split(";"))
      .filter(part -> !part.isBlank()).toList();
  /** Requests not counted: the JIT compiles the path first (its CPU time would be counted otherwise). */
  static final int WARM_UP = 5;
  static final String[] SEGMENTS = {"Enterprise", "Mid-Market", "SMB", "Tech-touch"};
  static final String[] BANDS = {"green", "green", "green", "yellow", "red"};
  /** The filters of the Accounts page, one at a time (none: the first page in risk order). */
  static final String[] ACCOUNT_FILTERS = {"", "&healthBand=red", "&segment=smb", "&stage=onboarding", "&stage=live",
      "&renewalWithinDays=90", "&csm=bench-csm-0", "&q=customer%20123"};

  @LocalServerPort int port;
  @Autowired JdbcTemplate jdbc;
  @Autowired DataSource dataSource;
  @Autowired IdentityService identity;
  @Autowired RepositoryService repository;
  final ObjectMapper json = new ObjectMapper();
  final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

  @Test
  void theBookOfBusinessAndTheMomentsOfTruthReportAtScale() throws Exception {
    String csm = "bench-csm-0";
    IdentityBootstrap.ensureUser(identity, csm, "demo", "Bench", "CSM", csm + "@example.com");
    if (identity.createGroupQuery().groupId("csm").groupMember(csm).count() == 0) {
      identity.createMembership(csm, "csm");
    }
    long start = System.nanoTime();
    int made = insertAccounts();
    System.out.printf("%,d accounts (%,d inserted in %.1f s) on %s%n", ACCOUNTS, made, (System.nanoTime() - start) / 1e9,
        database());
    start = System.nanoTime();
    int rows = insertHistory();
    System.out.printf("One year of history for %,d accounts: %,d rows inserted in %.1f s%n", HISTORY_ACCOUNTS, rows,
        (System.nanoTime() - start) / 1e9);

    // The Accounts page: the first page in risk order, then each filter it offers, as the CS Lead (every account)
    // and as a CSM (their own book).
    for (String[] view : new String[][] {{"CS Lead", "cs-lead-demo"}, {"CSM with " + ACCOUNTS / CSMS + " accounts", csm}}) {
      for (String filter : ACCOUNT_FILTERS) {
        measure("GET /api/accounts?size=25" + filter + ", " + view[0], view[1], "/api/accounts?size=25" + filter);
      }
    }
    LocalDate today = LocalDate.now();
    measure("GET /api/reports/moments-of-truth, one year, CS Lead", "cs-lead-demo",
        "/api/reports/moments-of-truth?from=" + today.minusYears(1).plusDays(1) + "&to=" + today);
    measure("GET /api/reports/moments-of-truth, one year, CSM", csm,
        "/api/reports/moments-of-truth?from=" + today.minusYears(1).plusDays(1) + "&to=" + today);
    measure("GET /api/reports/renewals, CS Lead", "cs-lead-demo", "/api/reports/renewals");
    measure("GET /api/reports/team, CS Lead", "cs-lead-demo", "/api/reports/team");
    measure("GET /api/portfolio/summary, CS Lead", "cs-lead-demo", "/api/portfolio/summary");
  }

  /** Tops the database up to ACCOUNTS benchmark accounts, so a second run on one database measures at once. */
  private int insertAccounts() {
    int existing = jdbc.queryForObject("select count(*) from baton_account where account_id like 'bench-pf-%'",
        Integer.class);
    Timestamp now = Timestamp.from(Instant.now());
    LocalDate today = LocalDate.now();
    for (int from = existing; from < ACCOUNTS; from += 1000) {
      List<Object[]> accounts = new ArrayList<>();
      List<Object[]> team = new ArrayList<>();
      List<Object[]> stages = new ArrayList<>();
      for (int i = from; i < Math.min(from + 1000, ACCOUNTS); i++) {
        String id = "bench-pf-" + i;
        accounts.add(new Object[] {id, "Customer " + i, SEGMENTS[i % SEGMENTS.length],
            Date.valueOf(today.plusDays(i % 400)), BANDS[i % BANDS.length],
            i % 10 == 0 ? null : BigDecimal.valueOf(10_000L + (i % 97) * 1_000L), i % 10 == 0 ? null : i % 7 == 0 ? "EUR" : "USD",
            now, now});
        // Each CSM a run of 1,000 accounts, so their book has every band, segment and stage.
        team.add(new Object[] {id, "csm", "bench-csm-" + (i / (ACCOUNTS / CSMS))});
        // A tenth onboarding, a tenth with no stage recorded (live), the rest live; a sixth unsure of renewing.
        if (i % 10 != 9) {
          stages.add(new Object[] {id, "stage", i % 10 == 3 ? "onboarding" : "live", now});
        }
        if (i % 6 == 1) {
          stages.add(new Object[] {id, "renewalLikelihood", "unsure", now});
        }
      }
      jdbc.batchUpdate("insert into baton_account (account_id, name, segment, renewal_date, health_band, arr_amount, "
          + "arr_currency, created_at, updated_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?)", accounts);
      jdbc.batchUpdate("insert into baton_account_team (account_id, role_id, user_id) values (?, ?, ?)", team);
      jdbc.batchUpdate("insert into baton_account_lifecycle (account_id, fact, fact_value, updated_at) values (?, ?, ?, ?)",
          stages);
    }
    return Math.max(0, ACCOUNTS - existing);
  }

  /**
   * For each of the first HISTORY_ACCOUNTS accounts: a finished handoff (knowledge transfer), onboarding (kickoff,
   * launch) and renewal (internal review, survey wait, decision), spread over the last year; every fifth late.
   */
  private int insertHistory() {
    int existing = jdbc.queryForObject("select count(*) from ACT_HI_VARINST where ID_ like 'bench-pf-%'", Integer.class);
    if (existing > 0) {
      return 0;
    }
    String renewalDefinition = repository.createProcessDefinitionQuery().processDefinitionKey("RenewalPreparation")
        .latestVersion().singleResult().getId();
    String onboardingDefinition = repository.createProcessDefinitionQuery().processDefinitionKey("OnboardingKickoff")
        .latestVersion().singleResult().getId();
    String handoffDefinition = repository.createProcessDefinitionQuery().processDefinitionKey("SalesToCsHandoff")
        .latestVersion().singleResult().getId();
    Instant now = Instant.now();
    int rows = 0;
    for (int from = 0; from < HISTORY_ACCOUNTS; from += 500) {
      List<Object[]> tasks = new ArrayList<>();
      List<Object[]> variables = new ArrayList<>();
      List<Object[]> activities = new ArrayList<>();
      List<Object[]> instances = new ArrayList<>();
      for (int i = from; i < Math.min(from + 500, HISTORY_ACCOUNTS); i++) {
        String account = "bench-pf-" + i;
        boolean late = i % 5 == 0;
        Instant base = now.minus(Duration.ofDays(1 + i % 360));
        String handoff = "bench-pf-h-" + i;
        String onboarding = "bench-pf-o-" + i;
        String renewal = "bench-pf-r-" + i;
        for (String instance : List.of(handoff, onboarding, renewal)) {
          variables.add(new Object[] {"bench-pf-v-" + instance, instance, instance, "accountId", "string", account});
        }
        tasks.add(task(handoff, handoffDefinition, "SalesToCsHandoff", "Task_KnowledgeTransfer", base, late));
        tasks.add(task(onboarding, onboardingDefinition, "OnboardingKickoff", "Task_HoldKickoff",
            base.plus(Duration.ofDays(5)), late));
        activities.add(new Object[] {"bench-pf-a-l-" + i, onboardingDefinition, "OnboardingKickoff", onboarding,
            onboarding, "Task_RecordLaunch", "serviceTask", Timestamp.from(base.plus(Duration.ofDays(30))),
            Timestamp.from(base.plus(Duration.ofDays(30))), 0, 1});
        tasks.add(task(renewal, renewalDefinition, "RenewalPreparation", "Task_InternalAccountReview", base, late));
        tasks.add(task(renewal, renewalDefinition, "RenewalPreparation", "Task_RecordDecision", base, late));
        instances.add(new Object[] {onboarding, onboarding, onboardingDefinition, "OnboardingKickoff", account,
            Timestamp.from(base), Timestamp.from(base.plus(Duration.ofDays(31)))});
        if (late) {
          activities.add(new Object[] {"bench-pf-a-t-" + i, onboardingDefinition, "OnboardingKickoff", onboarding,
              onboarding, "StartEvent_TimeToValuePassed", "startTimerEvent", Timestamp.from(base.plus(Duration.ofDays(20))),
              Timestamp.from(base.plus(Duration.ofDays(20))), 0, 1});
        }
        activities.add(new Object[] {"bench-pf-a-s-" + i, renewalDefinition, "RenewalPreparation", renewal, renewal,
            "Task_AwaitAnswer", "receiveTask", Timestamp.from(base), Timestamp.from(base.plus(Duration.ofDays(late ? 10 : 3))),
            Duration.ofDays(late ? 10 : 3).toMillis(), late ? 2 : 1});
      }
      // The engine's task queries by process key join the definition: PROC_DEF_ID_ must name a deployed one.
      jdbc.batchUpdate("insert into ACT_HI_TASKINST (ID_, PROC_DEF_ID_, PROC_DEF_KEY_, PROC_INST_ID_, EXECUTION_ID_, "
          + "TASK_DEF_KEY_, NAME_, START_TIME_, END_TIME_, DURATION_, DELETE_REASON_, DUE_DATE_, PRIORITY_) "
          + "values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'completed', ?, 50)", tasks);
      jdbc.batchUpdate("insert into ACT_HI_VARINST (ID_, PROC_INST_ID_, EXECUTION_ID_, NAME_, VAR_TYPE_, TEXT_, STATE_) "
          + "values (?, ?, ?, ?, ?, ?, 'CREATED')", variables);
      jdbc.batchUpdate("insert into ACT_HI_PROCINST (ID_, PROC_INST_ID_, PROC_DEF_ID_, PROC_DEF_KEY_, BUSINESS_KEY_, "
          + "START_TIME_, END_TIME_, STATE_) values (?, ?, ?, ?, ?, ?, ?, 'COMPLETED')", instances);
      jdbc.batchUpdate("insert into ACT_HI_ACTINST (ID_, PROC_DEF_ID_, PROC_DEF_KEY_, PROC_INST_ID_, EXECUTION_ID_, "
          + "ACT_ID_, ACT_TYPE_, START_TIME_, END_TIME_, DURATION_, ACT_INST_STATE_) "
          + "values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", activities);
      rows += tasks.size() + variables.size() + instances.size() + activities.size();
    }
    return rows;
  }

  /** A completed step: created at {@code start}, due a day later, done after 20 hours, or after 3 days when late. */
  private static Object[] task(String instance, String definition, String process, String step, Instant start,
      boolean late) {
    Duration took = late ? Duration.ofDays(3) : Duration.ofHours(20);
    return new Object[] {UUID.randomUUID().toString(), definition, process, instance, instance, step, step,
        Timestamp.from(start),
        Timestamp.from(start.plus(took)), took.toMillis(), Timestamp.from(start.plus(Duration.ofDays(1)))};
  }

  private void measure(String what, String user, String path) throws Exception {
    if (!ONLY.isEmpty() && ONLY.stream().noneMatch(what::contains)) {
      return;
    }
    List<Double> millis = new ArrayList<>();
    String first = null;
    long cpu = 0;
    for (int i = 0; i < SAMPLES + WARM_UP; i++) {
      long c0 = processCpuNanos();
      long t0 = System.nanoTime();
      HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
          .header("Authorization", "Basic " + Base64.getEncoder().encodeToString((user + ":demo")
              .getBytes(StandardCharsets.UTF_8))).timeout(Duration.ofMinutes(5)).build(),
          HttpResponse.BodyHandlers.ofString());
      long t1 = System.nanoTime();
      if (response.statusCode() != 200) {
        throw new AssertionError(what + ": " + response.statusCode() + " " + response.body());
      }
      if (i >= WARM_UP) {
        millis.add((t1 - t0) / 1e6);
        cpu += processCpuNanos() - c0;
      } else {
        first = response.body();
      }
    }
    Collections.sort(millis);
    JsonNode answer = json.readTree(first);
    String size = answer.has("total") ? "total " + answer.get("total") : first.length() + " bytes";
    if (answer.has("momentsOfTruth")) {
      long reached = 0;
      for (JsonNode moment : answer.get("momentsOfTruth")) {
        reached += moment.get("onTime").asLong() + moment.get("late").asLong();
      }
      size += ", " + reached + " moments reached";
      if (reached == 0) {
        throw new AssertionError("The report counted nothing: the benchmark measured nothing");
      }
    }
    System.out.printf("%s: p50 %.0f ms, p95 %.0f ms, max %.0f ms, CPU %.1f ms per request over %d requests (%s)%n",
        what, millis.get(millis.size() / 2), millis.get((int) Math.ceil(millis.size() * 0.95) - 1),
        millis.get(millis.size() - 1), cpu / 1e6 / millis.size(), millis.size(), size);
  }

  /** CPU time of this JVM (Baton and the benchmark's HTTP client), not the database's. */
  private static long processCpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }

  private String database() throws Exception {
    try (var connection = dataSource.getConnection()) {
      return connection.getMetaData().getDatabaseProductName() + " " + connection.getMetaData().getDatabaseProductVersion();
    }
  }
}
