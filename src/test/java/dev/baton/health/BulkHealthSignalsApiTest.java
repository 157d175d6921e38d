package dev.baton.health;

import static dev.baton.health.HealthApi.GREEN;
import static dev.baton.health.HealthApi.INTEGRATION;
import static dev.baton.health.HealthApi.RED;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.baton.account.AccountRepository;
import dev.baton.support.BatonIntegrationTest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.Date;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** POST /api/health-signals: many accounts per call, each item answered on its own (docs/health.md). */
@BatonIntegrationTest
class BulkHealthSignalsApiTest {

  static final String JSON = "application/json";
  static final String NDJSON = "application/x-ndjson";

  @LocalServerPort int port;
  @Autowired AccountRepository accounts;
  @Autowired RuntimeService runtime;
  HealthApi api;

  @BeforeEach
  void setUp() {
    api = new HealthApi(port);
    // Signals dated 23 November 2026 are scored on a day they still count.
    ClockUtil.setCurrentTime(Date.from(Instant.parse("2026-11-24T12:00:00Z")));
  }

  @AfterEach
  void resetClock() {
    ClockUtil.reset();
  }

  @Test
  void anArrayWithAValidAndAnInvalidItemScoresTheValidOneAndNamesTheInvalidOnesField() throws Exception {
    String good = HealthApi.newAccount(accounts, "bulk");
    String bad = HealthApi.newAccount(accounts, "bulk");

    HttpResponse<String> response = api.postBulk("[" + item(good, GREEN) + ","
        + "{\"accountId\":\"" + bad + "\",\"timestamp\":\"2026-11-23T10:00:00Z\",\"nps\":11}]", JSON, INTEGRATION);

    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    JsonNode answer = api.json(response);
    assertThat(answer.get("scored").asInt()).isEqualTo(1);
    assertThat(answer.get("invalid").asInt()).isEqualTo(1);
    JsonNode scored = answer.get("items").get(0);
    assertThat(scored.get("outcome").asText()).isEqualTo("scored");
    assertThat(scored.get("accountId").asText()).isEqualTo(good);
    assertThat(scored.get("band").asText()).isEqualTo("green");
    JsonNode invalid = answer.get("items").get(1);
    assertThat(invalid.get("index").asInt()).isEqualTo(1);
    assertThat(invalid.get("outcome").asText()).isEqualTo("invalid");
    assertThat(invalid.get("problem").asText()).isEqualTo("nps: must be between 0 and 10");
    assertThat(invalid.get("errors").get(0).get("field").asText()).isEqualTo("nps");

    assertThat(api.json(api.get("/api/accounts/" + good + "/health")).get("band").asText()).isEqualTo("green");
    assertThat(api.get("/api/accounts/" + bad + "/health").statusCode()).isEqualTo(404);
  }

  @Test
  void ndjsonIsReadOneSignalPerLine() throws Exception {
    String first = HealthApi.newAccount(accounts, "bulk-nd");
    String second = HealthApi.newAccount(accounts, "bulk-nd");

    HttpResponse<String> response = api.postBulk(item(first, GREEN) + "\n" + item(second, HealthApi.YELLOW) + "\n",
        NDJSON, INTEGRATION);

    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    assertThat(api.json(response).get("scored").asInt()).isEqualTo(2);
    assertThat(api.json(api.get("/api/accounts/" + first + "/health")).get("band").asText()).isEqualTo("green");
    assertThat(api.json(api.get("/api/accounts/" + second + "/health")).get("band").asText()).isEqualTo("yellow");
  }

  @Test
  void anUnknownAccountIsRefusedOnItsOwn() throws Exception {
    String known = HealthApi.newAccount(accounts, "bulk");

    HttpResponse<String> response = api.postBulk("[" + item("no-such-account-" + known, GREEN) + "," + item(known, GREEN)
        + "]", JSON, INTEGRATION);

    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    JsonNode unknown = api.json(response).get("items").get(0);
    assertThat(unknown.get("outcome").asText()).isEqualTo("unknown");
    assertThat(unknown.get("problem").asText()).startsWith("accountId: no account 'no-such-account-");
    assertThat(api.json(response).get("items").get(1).get("outcome").asText()).isEqualTo("scored");
  }

  @Test
  void moreThan5000ItemsAreRefusedAsAWholeNamingTheLimit() throws Exception {
    String account = HealthApi.newAccount(accounts, "bulk");
    StringBuilder body = new StringBuilder();
    for (int i = 0; i < 5001; i++) {
      body.append(item(account, GREEN)).append('\n');
    }

    HttpResponse<String> response = api.postBulk(body.toString(), NDJSON, INTEGRATION);

    assertThat(response.statusCode()).isEqualTo(413);
    assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    assertThat(api.json(response).get("detail").asText()).contains("at most 5000");
    assertThat(api.get("/api/accounts/" + account + "/health").statusCode()).isEqualTo(404);
  }

  @Test
  void aMalformedBodyIsOneProblem() throws Exception {
    HttpResponse<String> json = api.postBulk("[{\"accountId\":\"a\",", JSON, INTEGRATION);
    assertThat(json.statusCode()).isEqualTo(400);
    assertThat(json.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    assertThat(api.json(json).get("detail").asText()).startsWith("body:");

    HttpResponse<String> ndjson = api.postBulk("{\"accountId\":\"a\"}\nnot json\n", NDJSON, INTEGRATION);
    assertThat(ndjson.statusCode()).isEqualTo(400);
    assertThat(api.json(ndjson).get("detail").asText()).startsWith("body:").contains("line 2");
  }

  @Test
  void nothingUsableIsA400ListingEveryItem() throws Exception {
    HttpResponse<String> response = api.postBulk("[{\"timestamp\":\"2026-11-23T10:00:00Z\",\"nps\":5}]", JSON, INTEGRATION);

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(api.json(response).get("detail").asText()).startsWith("[0] accountId: required");
    assertThat(api.json(response).get("items").get(0).get("outcome").asText()).isEqualTo("invalid");
  }

  @Test
  void aRedCrossingItemStartsTheRedHealthEscalation() throws Exception {
    String account = HealthApi.newAccount(accounts, "bulk-esc");
    assertThat(api.postBulk("[" + item(account, GREEN) + "]", JSON, INTEGRATION).statusCode()).isEqualTo(200);
    assertThat(escalations(account)).isZero();

    HttpResponse<String> red = api.postBulk("[" + item(account, RED) + "]", JSON, INTEGRATION);

    JsonNode item = api.json(red).get("items").get(0);
    assertThat(item.get("band").asText()).isEqualTo("red");
    assertThat(item.get("previousBand").asText()).isEqualTo("green");
    assertThat(escalations(account)).isEqualTo(1);
    assertThat(api.json(api.get("/api/accounts/" + account + "/health")).get("escalationProcessInstanceId").isNull())
        .isFalse();

    // Back to green in the same call as another red: the escalation ends, the account is scored twice in order.
    api.postBulk("[" + item(account, RED) + "," + item(account, GREEN) + "]", JSON, INTEGRATION);
    assertThat(escalations(account)).isZero();
    assertThat(api.json(api.get("/api/accounts/" + account + "/health")).get("band").asText()).isEqualTo("green");
  }

  @Test
  void aCallerOutsideTheIntegrationGroupIsRefused() throws Exception {
    String account = HealthApi.newAccount(accounts, "bulk");
    String body = "[" + item(account, GREEN) + "]";

    assertThat(api.postBulk(body, JSON, "csm-demo:demo").statusCode()).isEqualTo(403);
    assertThat(api.postBulk(body, JSON, null).statusCode()).isEqualTo(401);
    assertThat(api.get("/api/accounts/" + account + "/health").statusCode()).isEqualTo(404);
  }

  @Test
  void aBulkItemIsScoredExactlyAsTheSingleEndpointScoresIt() throws Exception {
    String single = HealthApi.newAccount(accounts, "bulk-same");
    String bulk = HealthApi.newAccount(accounts, "bulk-same");
    String before = """
        {"timestamp":"2026-11-20T10:15:30+01:00","licencesActivated":90,"licencesPurchased":100,
         "weeklyActiveUsers":30,"licensedUsers":100,"featuresAdopted":12,"featuresAvailable":40,
         "daysSinceLastTouch":12,"nps":9,"supportSatisfaction":4.567,"openEscalatedTickets":0,
         "csmSentiment":"yellow","csmComment":"Champion changed jobs","goalAttainment":95.125}""";
    // Newer usage, an older NPS answer (the newer one still counts) and a new day-count of the last touch.
    String after = """
        {"timestamp":"2026-11-23T08:00:00Z","weeklyActiveUsers":70,"licensedUsers":100,"daysSinceLastTouch":2}""";
    String olderNps = "{\"timestamp\":\"2026-11-10T08:00:00Z\",\"nps\":3}";
    for (String account : new String[] {single, bulk}) {
      assertThat(api.post(account, before).statusCode()).isEqualTo(200);
    }
    assertThat(api.post(single, after).statusCode()).isEqualTo(200);
    assertThat(api.post(single, olderNps).statusCode()).isEqualTo(200);

    HttpResponse<String> response = api.postBulk(item(bulk, after) + "\n" + item(bulk, olderNps), NDJSON, INTEGRATION);

    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    assertThat(health(bulk)).isEqualTo(health(single));
    assertThat(api.json(api.get("/api/accounts/" + bulk + "/health/history")).size()).isEqualTo(3);
  }

  private JsonNode health(String account) throws Exception {
    ObjectNode health = (ObjectNode) api.json(api.get("/api/accounts/" + account + "/health"));
    health.remove(java.util.List.of("accountId", "escalationProcessInstanceId"));
    return health;
  }

  private long escalations(String account) {
    return runtime.createProcessInstanceQuery().processDefinitionKey(RedHealthEscalations.PROCESS_KEY)
        .processInstanceBusinessKey(account).count();
  }

  /** The signal (a HealthApi template, or a JSON object) dated 23 November 2026, with its account. */
  private static String item(String accountId, String signal) {
    String json = signal.contains("%s") ? signal.formatted("2026-11-23T10:00:00Z") : signal.strip();
    return "{\"accountId\":\"" + accountId + "\"," + json.substring(1);
  }
}
