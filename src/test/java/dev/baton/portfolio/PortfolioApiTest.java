package dev.baton.portfolio;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.baton.account.Account;
import dev.baton.account.AccountService;
import dev.baton.contact.AccountContacts;
import dev.baton.contact.Contact;
import dev.baton.identity.IdentityBootstrap;
import dev.baton.support.BatonIntegrationTest;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The book of business over HTTP: filters, paging, sorting by risk, who sees which accounts, the timeline, the
 * dashboard's numbers, and bad parameters. Each test makes its own accounts, named with a tag it then searches
 * for ({@code q}), since the database is shared by the whole suite.
 */
@BatonIntegrationTest
class PortfolioApiTest {

  static final String RED_SIGNAL = "{\"timestamp\":\"%s\",\"weeklyActiveUsers\":10,\"licensedUsers\":100}";

  @LocalServerPort int port;
  @Autowired AccountService accounts;
  @Autowired AccountContacts contacts;
  @Autowired IdentityService identity;
  @Autowired TaskService tasks;
  @Autowired org.camunda.bpm.engine.RuntimeService runtime;
  final ObjectMapper json = new ObjectMapper();
  final HttpClient http = HttpClient.newHttpClient();

  String tag;
  String otherCsm;

  @BeforeEach
  void book() {
    tag = "pf" + UUID.randomUUID().toString().substring(0, 8);
    otherCsm = "csm-" + tag;
    IdentityBootstrap.ensureUser(identity, otherCsm, "demo", "Other", "CSM", otherCsm + "@example.com");
    if (identity.createGroupQuery().groupId("csm").groupMember(otherCsm).count() == 0) {
      identity.createMembership(otherCsm, "csm");
    }
  }

  @Test
  void theLeadSeesEveryAccountRedFirstAndEachFilterNarrowsTheList() throws Exception {
    String amber = save("amber", "Enterprise", LocalDate.now().plusDays(30), "yellow", "csm-demo");
    String green = save("green", "Mid-Market", LocalDate.now().plusDays(200), "green", otherCsm);
    String red = save("red", "Enterprise", null, "red", "csm-demo");

    assertThat(ids(list("cs-lead-demo", "q=" + tag))).containsExactly(red, amber, green);
    assertThat(ids(list("cs-lead-demo", "q=" + tag + "&healthBand=red"))).containsExactly(red);
    assertThat(ids(list("cs-lead-demo", "q=" + tag + "&csm=" + otherCsm))).containsExactly(green);
    assertThat(ids(list("cs-lead-demo", "q=" + tag + "&segment=mid-market"))).containsExactly(green);
    assertThat(ids(list("cs-lead-demo", "q=" + tag + "&renewalWithinDays=60"))).containsExactly(amber);
    assertThat(ids(list("cs-lead-demo", "q=" + tag + "&stage=live"))).containsExactly(red, amber, green);
    assertThat(ids(list("cs-lead-demo", "q=" + tag + "&stage=onboarding"))).isEmpty();
    assertThat(ids(list("cs-lead-demo", "q=" + tag.toUpperCase() + "%20green"))).containsExactly(green);

    JsonNode row = list("cs-lead-demo", "q=" + tag + "&healthBand=yellow").path("accounts").get(0);
    assertThat(row.path("name").asText()).isEqualTo(tag + " amber");
    assertThat(row.path("segment").asText()).isEqualTo("Enterprise");
    assertThat(row.path("csm").asText()).isEqualTo("csm-demo");
    assertThat(row.path("renewalDate").asText()).isEqualTo(LocalDate.now().plusDays(30).toString());
    assertThat(row.path("stage").asText()).isEqualTo("live");
  }

  @Test
  void pagesSayTheTotalAndTakeTheirSlice() throws Exception {
    List<String> made = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      made.add(save("n" + i, "Enterprise", LocalDate.now().plusDays(10 + i), "green", "csm-demo"));
    }
    JsonNode first = list("cs-lead-demo", "q=" + tag + "&size=2");
    JsonNode third = list("cs-lead-demo", "q=" + tag + "&size=2&page=2");
    JsonNode beyond = list("cs-lead-demo", "q=" + tag + "&size=2&page=7");

    assertThat(first.path("total").asLong()).isEqualTo(5);
    assertThat(ids(first)).containsExactly(made.get(0), made.get(1));
    assertThat(ids(third)).containsExactly(made.get(4));
    assertThat(beyond.path("total").asLong()).isEqualTo(5);
    assertThat(ids(beyond)).isEmpty();
  }

  @Test
  void aCsmSeesTheirBookOfBusinessAndSupportSeesEveryAccount() throws Exception {
    String mine = save("mine", "Enterprise", null, "green", "csm-demo");
    String theirs = save("theirs", "Enterprise", null, "green", otherCsm);

    assertThat(ids(list("csm-demo", "q=" + tag))).containsExactly(mine);
    assertThat(ids(list(otherCsm, "q=" + tag))).containsExactly(theirs);
    assertThat(ids(list("support-demo", "q=" + tag))).containsExactlyInAnyOrder(mine, theirs);
    assertThat(ids(list("integration-demo", "q=" + tag))).containsExactlyInAnyOrder(mine, theirs);
    // In no team of these accounts, and no role that sees every account.
    assertThat(list("finance-demo", "q=" + tag).path("total").asLong()).isZero();

    assertThat(get("csm-demo", "/api/accounts/" + mine + "/timeline").statusCode()).isEqualTo(200);
    HttpResponse<String> hidden = get("csm-demo", "/api/accounts/" + theirs + "/timeline");
    assertThat(hidden.statusCode()).isEqualTo(404);
    assertThat(hidden.body()).doesNotContain(tag + " theirs");
    assertThat(get(null, "/api/accounts").statusCode()).isEqualTo(401);
  }

  @Test
  void theWebappLoginReadsTheBookOfBusinessButWritesNothing() throws Exception {
    String mine = save("session", "Enterprise", null, "green", "csm-demo");
    HttpClient browser = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
    String root = "http://localhost:" + port;
    HttpResponse<String> page = browser.send(HttpRequest.newBuilder(URI.create(root + "/camunda/app/tasklist/default/"))
        .build(), HttpResponse.BodyHandlers.ofString());
    String token = page.headers().firstValue("X-XSRF-TOKEN").orElseThrow();
    HttpResponse<String> login = browser.send(HttpRequest.newBuilder(
            URI.create(root + "/camunda/api/admin/auth/user/default/login/tasklist"))
        .header("Content-Type", "application/x-www-form-urlencoded").header("X-XSRF-TOKEN", token)
        .POST(HttpRequest.BodyPublishers.ofString("username=csm-demo&password=demo")).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(login.statusCode()).isEqualTo(200);

    HttpResponse<String> read = browser.send(HttpRequest.newBuilder(URI.create(root + "/api/accounts?q=" + tag)).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(read.statusCode()).as(read.body()).isEqualTo(200);
    assertThat(ids(json.readTree(read.body()))).containsExactly(mine);
    HttpResponse<String> report = browser.send(HttpRequest.newBuilder(URI.create(root + "/api/reports/team")).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(report.statusCode()).as(report.body()).isEqualTo(200);
    assertThat(json.readTree(report.body()).path("csms").size()).isEqualTo(1);
    HttpResponse<String> write = browser.send(HttpRequest.newBuilder(URI.create(root + "/api/accounts/" + mine))
        .header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString("{\"name\":\"x\"}")).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(write.statusCode()).isEqualTo(401);
  }

  @Test
  void readingTheBookOfBusinessKeepsTheCockpitLogin() throws Exception {
    HttpClient browser = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
    String root = "http://localhost:" + port;
    HttpResponse<String> page = browser.send(HttpRequest.newBuilder(URI.create(root + "/camunda/app/cockpit/default/"))
        .build(), HttpResponse.BodyHandlers.ofString());
    String token = page.headers().firstValue("X-XSRF-TOKEN").orElseThrow();
    HttpResponse<String> login = browser.send(HttpRequest.newBuilder(
            URI.create(root + "/camunda/api/admin/auth/user/default/login/cockpit"))
        .header("Content-Type", "application/x-www-form-urlencoded").header("X-XSRF-TOKEN", token)
        .POST(HttpRequest.BodyPublishers.ofString("username=cs-lead-demo&password=demo")).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(login.statusCode()).as(login.body()).isEqualTo(200);

    for (String path : new String[] {"/api/portfolio/summary", "/api/accounts?q=" + tag}) {
      HttpResponse<String> read = browser.send(HttpRequest.newBuilder(URI.create(root + path))
          .header("X-Requested-With", "XMLHttpRequest").build(), HttpResponse.BodyHandlers.ofString());
      assertThat(read.statusCode()).as(path + " " + read.body()).isEqualTo(200);
      // The webapps' session keeps its id: Cockpit's requests in flight still carry it.
      assertThat(read.headers().allValues("Set-Cookie")).as(path).noneMatch(cookie -> cookie.startsWith("JSESSIONID"));
      HttpResponse<String> who = browser.send(HttpRequest.newBuilder(
          URI.create(root + "/camunda/api/admin/auth/user/default")).build(), HttpResponse.BodyHandlers.ofString());
      assertThat(who.statusCode()).as("after " + path + ": " + who.body()).isEqualTo(200);
      assertThat(who.body()).contains("cs-lead-demo");
    }
    // Cockpit checks a login again after its cache time (5 minutes): still logged in.
    org.camunda.bpm.engine.impl.util.ClockUtil.setCurrentTime(Date.from(Instant.now().plus(10, ChronoUnit.MINUTES)));
    try {
      HttpResponse<String> who = browser.send(HttpRequest.newBuilder(
          URI.create(root + "/camunda/api/admin/auth/user/default")).build(), HttpResponse.BodyHandlers.ofString());
      assertThat(who.statusCode()).as("10 minutes later: " + who.body()).isEqualTo(200);
      HttpResponse<String> read = browser.send(HttpRequest.newBuilder(URI.create(root + "/api/portfolio/summary"))
          .header("X-Requested-With", "XMLHttpRequest").build(), HttpResponse.BodyHandlers.ofString());
      assertThat(read.statusCode()).as("10 minutes later: " + read.body()).isEqualTo(200);
    } finally {
      org.camunda.bpm.engine.impl.util.ClockUtil.reset();
    }
  }

  @Test
  void aRedAccountWithALateStepComesFirstAndItsTimelineTellsWhatHappened() throws Exception {
    String quiet = save("quiet", "Enterprise", null, "yellow", "csm-demo");
    String troubled = save("troubled", "Enterprise", null, "green", "csm-demo");
    HttpResponse<String> signal = http.send(HttpRequest.newBuilder(
            URI.create("http://localhost:" + port + "/api/accounts/" + troubled + "/health-signals"))
        .header("Authorization", basic("integration-demo")).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(RED_SIGNAL.formatted(Instant.now().minusSeconds(60)))).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(signal.statusCode()).as(signal.body()).isEqualTo(200);
    Task plan = tasks.createTaskQuery().processInstanceBusinessKey(troubled).singleResult();
    plan.setDueDate(Date.from(Instant.now().minus(1, ChronoUnit.DAYS)));
    tasks.saveTask(plan);

    JsonNode page = list("cs-lead-demo", "q=" + tag);
    assertThat(ids(page)).containsExactly(troubled, quiet);
    JsonNode row = page.path("accounts").get(0);
    assertThat(row.path("healthBand").asText()).isEqualTo("red");
    assertThat(row.path("healthTrend").asText()).isEqualTo("worse");
    assertThat(row.path("healthReason").asText()).isNotBlank();
    assertThat(row.path("late").asBoolean()).isTrue();
    assertThat(row.path("escalationOpen").asBoolean()).isTrue();
    assertThat(row.path("momentOfTruth").path("step").asText()).isEqualTo(plan.getName());
    assertThat(row.path("momentOfTruth").path("late").asBoolean()).isTrue();

    contacts.replace(troubled, List.of(new Contact("Dana Boss", "dana@troubled.example", "CFO", "decision-maker", null)));
    JsonNode timeline = json.readTree(get("cs-lead-demo", "/api/accounts/" + troubled + "/timeline").body());
    assertThat(timeline.path("team").toString()).contains("Customer Success Manager", "csm-demo");
    // The customer's people, and the success plan (none agreed yet), for everyone who sees the account.
    assertThat(timeline.path("contacts").get(0).path("name").asText()).isEqualTo("Dana Boss");
    assertThat(timeline.path("contacts").get(0).path("persona").asText()).isEqualTo("decision-maker");
    assertThat(timeline.path("successPlan").isNull()).isTrue();
    assertThat(timeline.path("health").get(0).path("band").asText()).isEqualTo("red");
    List<String> titles = new ArrayList<>();
    timeline.path("timeline").forEach(entry -> titles.add(entry.path("title").asText()));
    assertThat(titles).contains("Health turned red (was green)", "Open: " + plan.getName());
    assertThat(titles).anyMatch(title -> title.endsWith(" started"));
    assertThat(timeline.path("timeline").toString()).contains("\"late\":true");

    JsonNode summary = json.readTree(get("csm-demo", "/api/portfolio/summary").body());
    assertThat(summary.path("redAccounts").asLong()).isPositive();
    assertThat(summary.path("lateMomentsOfTruth").asLong()).isPositive();
    assertThat(summary.path("openEscalations").asLong()).isPositive();
    assertThat(summary.path("arrRenewingAtRisk").path("currency").asText()).isEqualTo("USD");
  }

  @Test
  void badParametersAre400ProblemsNamingTheParameter() throws Exception {
    Map<String, String> mistakes = Map.of(
        "healthBand=purple", "healthBand",
        "stage=asleep", "stage",
        "renewalWithinDays=soon", "renewalWithinDays",
        "renewalWithinDays=-1", "renewalWithinDays",
        "page=-1", "page",
        "size=0", "size",
        "size=100000", "size",
        "sort=name", "sort",
        "q=" + "x".repeat(101), "q");
    for (var mistake : mistakes.entrySet()) {
      HttpResponse<String> response = get("cs-lead-demo", "/api/accounts?" + mistake.getKey());
      assertThat(response.statusCode()).as(mistake.getKey()).isEqualTo(400);
      assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
      assertThat(json.readTree(response.body()).path("detail").asText()).as(mistake.getKey())
          .startsWith(mistake.getValue() + ":");
    }
  }

  @Test
  void belowTheWorstBandALateStepAndARunningEscalationComeBeforeABetterBandAndEqualNamesGoById() throws Exception {
    String amber = save("amber", "Enterprise", null, "yellow", "csm-demo");
    String first = save("a-first", "Enterprise", null, "green", "csm-demo");
    String late = save("late", "Enterprise", null, "green", "csm-demo");
    // A running escalation with its step past due, on an account still green (started here as the model is).
    runtime.startProcessInstanceByKey("RedHealthEscalation", late, org.camunda.bpm.engine.variable.Variables
        .createVariables().putValue("accountId", late).putValue("accountName", tag + " late")
        .putValue("healthBand", "green").putValue("healthReason", "test").putValue("redDimensions", "")
        .putValue("reviewCount", 0));
    Task plan = tasks.createTaskQuery().processInstanceBusinessKey(late).singleResult();
    plan.setDueDate(Date.from(Instant.now().minus(1, ChronoUnit.DAYS)));
    tasks.saveTask(plan);
    accounts.save(new Account(tag + "-twin-b", tag + " twin", "SMB", null, "green", Map.of("csm", "csm-demo")));
    accounts.save(new Account(tag + "-twin-a", tag + " twin", "SMB", null, "green", Map.of("csm", "csm-demo")));

    assertThat(ids(list("cs-lead-demo", "q=" + tag)))
        .containsExactly(late, amber, first, tag + "-twin-a", tag + "-twin-b");
    assertThat(ids(list("csm-demo", "q=" + tag + "&size=2&page=1"))).containsExactly(first, tag + "-twin-a");
    JsonNode row = list("cs-lead-demo", "q=" + tag).path("accounts").get(0);
    assertThat(row.path("late").asBoolean()).isTrue();
    assertThat(row.path("escalationOpen").asBoolean()).isTrue();
    assertThat(row.path("stage").asText()).isEqualTo("live");
  }

  private String save(String suffix, String segment, LocalDate renewal, String band, String csm) {
    String id = tag + "-" + suffix;
    accounts.save(new Account(id, tag + " " + suffix, segment, renewal, band, Map.of("csm", csm)));
    return id;
  }

  private JsonNode list(String user, String query) throws Exception {
    HttpResponse<String> response = get(user, "/api/accounts?" + query);
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

  private static List<String> ids(JsonNode page) {
    List<String> ids = new ArrayList<>();
    page.path("accounts").forEach(row -> ids.add(row.path("accountId").asText()));
    return ids;
  }
}
