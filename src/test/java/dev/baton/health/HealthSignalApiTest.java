package dev.baton.health;

import static dev.baton.health.HealthApi.GREEN;
import static dev.baton.health.HealthApi.RED;
import static dev.baton.health.HealthApi.signal;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.baton.account.AccountRepository;
import dev.baton.support.BatonIntegrationTest;
import java.net.http.HttpResponse;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** POST /api/accounts/{id}/health-signals and GET .../health(/history) over HTTP (docs/health.md). */
@BatonIntegrationTest
class HealthSignalApiTest {

  @LocalServerPort int port;
  @Autowired AccountRepository accounts;
  HealthApi api;
  String account;

  @BeforeEach
  void setUp() {
    api = new HealthApi(port);
    account = HealthApi.newAccount(accounts, "api");
  }

  @AfterEach
  void resetClock() {
    ClockUtil.reset();
  }

  /** Signals dated in November 2026 are scored on a day they still count (usage goes stale after 14 days). */
  private static void scoredOn(String instant) {
    ClockUtil.setCurrentTime(java.util.Date.from(java.time.Instant.parse(instant)));
  }

  @Test
  void aFullSignalIsStoredScoredAndExplained() throws Exception {
    scoredOn("2026-11-24T12:00:00Z");
    HttpResponse<String> response = api.post(account, """
        {"timestamp":"2026-11-23T10:15:30+01:00","licencesActivated":90,"licencesPurchased":100,
         "weeklyActiveUsers":30,"licensedUsers":100,"featuresAdopted":12,"featuresAvailable":40,
         "daysSinceLastTouch":12,"nps":9,"supportSatisfaction":4.5,"openEscalatedTickets":0,
         "csmSentiment":"yellow","csmComment":"Champion changed jobs","goalAttainment":95}""");

    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    JsonNode health = api.json(response).get("health");
    assertThat(api.json(response).get("accepted").asInt()).isEqualTo(1);
    assertThat(health.get("band").asText()).isEqualTo("red");
    assertThat(health.get("outcomes").get("band").asText()).isEqualTo("red");
    assertThat(health.get("experience").get("band").asText()).isEqualTo("yellow");
    JsonNode adoption = dimension(health, "adoption");
    assertThat(adoption.get("band").asText()).isEqualTo("red");
    assertThat(adoption.get("rule").asText()).isEqualTo("WAU/licensed below 40%");
    assertThat(adoption.get("ruleId").asText()).isEqualTo("Rule_AdoptionHealth_LowDepth");
    assertThat(adoption.get("value").asText()).contains("WAU 30 of 100 licensed users (30%)");
    assertThat(dimension(health, "sentiment").get("value").asText()).isEqualTo("yellow: Champion changed jobs");
    assertThat(accounts.find(account).orElseThrow().healthBand()).isEqualTo("red");

    JsonNode get = api.json(api.get("/api/accounts/" + account + "/health"));
    assertThat(get.get("band").asText()).isEqualTo("red");
    assertThat(get.get("escalationProcessInstanceId").isNull()).isFalse();
  }

  @Test
  void aSignalFromTheYear3000IsRefusedAndDoesNotPinTheScore() throws Exception {
    HttpResponse<String> future = api.post(account, GREEN.formatted("3000-01-01T00:00:00Z"));
    assertThat(future.statusCode()).isEqualTo(400);
    assertThat(detail(future)).startsWith("timestamp:").contains("ahead of the server clock");

    HttpResponse<String> now = api.post(account, signal(RED));
    assertThat(now.statusCode()).as(now.body()).isEqualTo(200);
    assertThat(api.json(now).get("health").get("band").asText()).isEqualTo("red");
  }

  @Test
  void aSignalAFewMinutesAheadOfTheServerClockIsAccepted() throws Exception {
    String aheadBySkew = java.time.OffsetDateTime.now().plusMinutes(2).toString();
    assertThat(api.post(account, GREEN.formatted(aheadBySkew)).statusCode()).isEqualTo(200);

    String tooFarAhead = java.time.OffsetDateTime.now().plusMinutes(10).toString();
    assertThat(api.post(account, GREEN.formatted(tooFarAhead)).statusCode()).isEqualTo(400);
  }

  @Test
  void aSignalBeforeTheAcceptedRangeIsRefused() throws Exception {
    HttpResponse<String> old = api.post(account, GREEN.formatted("1999-12-31T23:59:59Z"));
    assertThat(old.statusCode()).isEqualTo(400);
    assertThat(detail(old)).startsWith("timestamp:").contains("2000-01-01");
  }

  @Test
  void theHealthShowsThePreviousBandAndWhichDimensionsMoved() throws Exception {
    api.post(account, signal(RED));
    HttpResponse<String> response = api.post(account, signal(GREEN));
    JsonNode health = api.json(api.get("/api/accounts/" + account + "/health"));

    assertThat(health.get("band").asText()).isEqualTo("green");
    assertThat(health.get("previousBand").asText()).isEqualTo("red");
    assertThat(health.get("changes").findValuesAsText("what")).containsExactly("overall", "outcomes", "adoption");
    JsonNode adoption = health.get("changes").get(2);
    assertThat(adoption.get("from").asText()).isEqualTo("red");
    assertThat(adoption.get("to").asText()).isEqualTo("green");
    assertThat(adoption.get("direction").asText()).isEqualTo("better");
    assertThat(adoption.get("value").asText()).contains("WAU 80 of 100");
    assertThat(response.statusCode()).isEqualTo(200);

    JsonNode history = api.json(api.get("/api/accounts/" + account + "/health/history"));
    assertThat(history.size()).isEqualTo(2);
    assertThat(history.get(0).get("band").asText()).isEqualTo("green");
    assertThat(history.get(1).get("band").asText()).isEqualTo("red");
    // The first computation of a new account has nothing to compare with.
    assertThat(history.get(1).get("previousBand").isNull()).isTrue();
    assertThat(history.get(1).get("changes")).isEmpty();
  }

  @Test
  void aBatchIsStoredAndScoredOnceUsingTheNewestValueOfEachMeasurement() throws Exception {
    scoredOn("2026-11-24T12:00:00Z");
    HttpResponse<String> response = api.post(account, """
        [{"timestamp":"2026-11-20T10:00:00Z","weeklyActiveUsers":80,"licensedUsers":100,"nps":3},
         {"timestamp":"2026-11-22T10:00:00Z","nps":10},
         {"timestamp":"2026-11-21T10:00:00Z","weeklyActiveUsers":10,"licensedUsers":100,"nps":0}]""");

    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    JsonNode body = api.json(response);
    assertThat(body.get("accepted").asInt()).isEqualTo(3);
    // The newest NPS (Nov 22) is 10, the newest usage (Nov 21) is WAU 10%, whatever the order of the array.
    assertThat(dimension(body.get("health"), "nps").get("value").asText()).isEqualTo("NPS 10");
    assertThat(dimension(body.get("health"), "adoption").get("band").asText()).isEqualTo("red");
    assertThat(api.json(api.get("/api/accounts/" + account + "/health/history")).size()).isEqualTo(1);
  }

  @Test
  void outOfRangeValuesAreRejectedNamingTheFieldAndTheAllowedRange() throws Exception {
    HttpResponse<String> response = api.post(account, """
        {"timestamp":"2026-11-23T10:00:00Z","nps":11,"supportSatisfaction":0.5,"daysSinceLastTouch":-1,
         "csmSentiment":"purple","goalAttainment":1200}""");

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    assertThat(api.json(response).get("detail").asText()).contains(
        "nps: must be between 0 and 10", "supportSatisfaction: must be between 1 and 5",
        "daysSinceLastTouch: must be between 0 and 3650", "csmSentiment: must be one of red, yellow, green",
        "goalAttainment: must be between 0 and 1000 (percent)");
    assertThat(api.get("/api/accounts/" + account + "/health").statusCode()).isEqualTo(404);
  }

  @Test
  void inconsistentPairsAndEmptySignalsAreRejected() throws Exception {
    assertThat(detail(api.post(account, "{\"timestamp\":\"2026-11-23T10:00:00Z\",\"weeklyActiveUsers\":5}")))
        .contains("weeklyActiveUsers and licensedUsers come together");
    assertThat(detail(api.post(account, "{\"timestamp\":\"2026-11-23T10:00:00Z\",\"featuresAdopted\":5,\"featuresAvailable\":4}")))
        .contains("featuresAdopted <= featuresAvailable");
    assertThat(detail(api.post(account, "{\"timestamp\":\"2026-11-23T10:00:00Z\"}")))
        .contains("at least one measurement");
    assertThat(detail(api.post(account, "{\"nps\":5}"))).contains("timestamp: required");
    assertThat(detail(api.post(account, "[]"))).contains("at least one signal");
  }

  @Test
  void wrongTypesAreRejectedNamingTheField() throws Exception {
    HttpResponse<String> word = api.post(account, "{\"timestamp\":\"2026-11-23T10:00:00Z\",\"nps\":\"ten\"}");
    assertThat(word.statusCode()).isEqualTo(400);
    assertThat(detail(word)).startsWith("nps:").contains("number");

    HttpResponse<String> noOffset = api.post(account, "{\"timestamp\":\"2026-11-23T10:00:00\",\"nps\":5}");
    assertThat(noOffset.statusCode()).isEqualTo(400);
    assertThat(detail(noOffset)).startsWith("timestamp:").contains("offset");

    assertThat(detail(api.post(account, "{\"timestamp\":\"2026-11-23T10:00:00Z\",\"wau\":5}")))
        .contains("unknown field 'wau'");
    assertThat(detail(api.post(account, "\"hello\""))).contains("one signal object or an array");
  }

  @Test
  void oneBadSignalInABatchRejectsTheBatchNamingItsIndex() throws Exception {
    HttpResponse<String> response = api.post(account, """
        [{"timestamp":"2026-11-23T10:00:00Z","nps":8},
         {"timestamp":"2026-11-23T11:00:00Z","supportSatisfaction":7}]""");
    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(detail(response)).isEqualTo("[1].supportSatisfaction: must be between 1 and 5");
    assertThat(api.get("/api/accounts/" + account + "/health").statusCode()).isEqualTo(404);
  }

  @Test
  void anUnknownAccountIs404() throws Exception {
    HttpResponse<String> response = api.post("no-such-account-" + account, signal(GREEN));
    assertThat(response.statusCode()).isEqualTo(404);
    assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    assertThat(api.json(response).get("detail").asText()).contains("no account 'no-such-account-");
    assertThat(api.get("/api/accounts/no-such-account-" + account + "/health").statusCode()).isEqualTo(404);
    assertThat(api.get("/api/accounts/no-such-account-" + account + "/health/history").statusCode()).isEqualTo(404);
  }

  @Test
  void signalsNeedAnApiClient() throws Exception {
    assertThat(api.post(account, signal(GREEN), null).statusCode()).isEqualTo(401);
    assertThat(api.post(account, signal(GREEN), "csm-demo:demo").statusCode()).isEqualTo(403);
    assertThat(api.post(account, signal(GREEN), "demo:demo").statusCode()).isEqualTo(200);
  }

  private String detail(HttpResponse<String> response) throws Exception {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
    return api.json(response).get("detail").asText();
  }

  private static JsonNode dimension(JsonNode health, String name) {
    for (JsonNode d : health.get("dimensions")) {
      if (d.get("name").asText().equals(name)) {
        return d;
      }
    }
    throw new AssertionError("no dimension " + name + " in " + health);
  }
}
