package dev.baton.nps;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.baton.account.Account;
import dev.baton.account.AccountService;
import dev.baton.contact.Contact;
import dev.baton.support.BatonIntegrationTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** {@code GET /api/accounts/{id}/nps} (docs/lifecycle.md#the-nps-api): every survey and answer, the NPS of the last 12 months. */
@BatonIntegrationTest
class NpsApiTest {

  static final Instant NOW = Instant.parse("2027-06-01T10:00:00Z");

  @LocalServerPort int port;
  @Autowired AccountService accountService;
  @Autowired NpsStore store;
  @Autowired ObjectMapper json;
  final HttpClient http = HttpClient.newHttpClient();
  String account;

  @BeforeEach
  void surveyedTwice() {
    ClockUtil.setCurrentTime(Date.from(NOW));
    account = "nps-api-" + UUID.randomUUID().toString().substring(0, 8);
    accountService.save(new Account(account, "Acme " + account, "enterprise", null, null, Map.of("csm", "csm-demo")));
    // Thirteen months ago: a detractor, outside the 12 months the NPS covers.
    survey(NOW.minus(400, ChronoUnit.DAYS), Map.of("old@customer.test", 0));
    // Within the 12 months: two promoters, a passive, a detractor, and one who did not answer.
    String recent = survey(NOW.minus(30, ChronoUnit.DAYS), Map.of("a@customer.test", 10, "b@customer.test", 9,
        "c@customer.test", 7, "d@customer.test", 3));
    store.openSurvey(UUID.randomUUID().toString(), account, "pi", NOW.minus(5, ChronoUnit.DAYS),
        List.of(new Contact("Quiet", "quiet@customer.test", null, "user", null)));
    store.closeSurvey(recent, NOW.minus(16, ChronoUnit.DAYS));
  }

  @AfterEach
  void resetClock() {
    ClockUtil.reset();
  }

  @Test
  void theNpsIsPromotersMinusDetractorsOverTheLastTwelveMonthsAndEverySurveyIsListed() throws Exception {
    HttpResponse<String> answer = get(account, "integration-demo:demo");

    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
    JsonNode nps = json.readTree(answer.body());
    // 2 promoters of 4 answers (50 %) minus 1 detractor (25 %).
    assertThat(nps.get("nps").asInt()).isEqualTo(25);
    assertThat(nps.get("answers").asInt()).isEqualTo(4);
    assertThat(nps.get("promoters").asInt()).isEqualTo(2);
    assertThat(nps.get("passives").asInt()).isEqualTo(1);
    assertThat(nps.get("detractors").asInt()).isEqualTo(1);
    assertThat(nps.get("surveys")).hasSize(3);
    JsonNode latest = nps.get("surveys").get(0);
    assertThat(latest.get("closedAt").isNull()).isTrue();
    assertThat(latest.get("responses").get(0).get("status").asText()).isEqualTo("asked");
    JsonNode recent = nps.get("surveys").get(1);
    assertThat(recent.get("responses")).hasSize(4);
    assertThat(recent.get("responses").get(3).get("category").asText()).isEqualTo("detractor");
    assertThat(recent.get("responses").get(0).get("comment").asText()).isEqualTo("Score 10");
    assertThat(nps.get("surveys").get(2).get("responses").get(0).get("score").asInt()).isZero();
  }

  @Test
  void anAccountWithoutAnswersHasNoNpsYet() throws Exception {
    String quiet = "nps-api-" + UUID.randomUUID().toString().substring(0, 8);
    accountService.save(new Account(quiet, "Quiet " + quiet, "smb", null, null, Map.of()));

    JsonNode nps = json.readTree(get(quiet, "integration-demo:demo").body());

    assertThat(nps.get("nps").isNull()).isTrue();
    assertThat(nps.get("surveys")).isEmpty();
  }

  @Test
  void theAccountsTeamMayReadTheNpsOtherStaffMayNot() throws Exception {
    assertThat(get(account, "csm-demo:demo").statusCode()).isEqualTo(200);
    HttpResponse<String> other = get(account, "finance-demo:demo");
    assertThat(other.statusCode()).isEqualTo(403);
    assertThat(other.headers().firstValue("Content-Type")).hasValueSatisfying(type ->
        assertThat(type).startsWith("application/problem+json"));
    assertThat(get("no-such-account-" + UUID.randomUUID(), "integration-demo:demo").statusCode()).isEqualTo(404);
  }

  private String survey(Instant sentAt, Map<String, Integer> scores) {
    String id = UUID.randomUUID().toString();
    store.openSurvey(id, account, "pi", sentAt, scores.keySet().stream()
        .map(email -> new Contact(email, email, null, "user", null)).toList());
    scores.forEach((email, score) -> store.answered(id, email, score, "Score " + score, sentAt.plus(1, ChronoUnit.DAYS)));
    store.closeSurvey(id, sentAt.plus(14, ChronoUnit.DAYS));
    return id;
  }

  private HttpResponse<String> get(String accountId, String credentials) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/accounts/" + accountId + "/nps"))
        .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)))
        .GET().build(), HttpResponse.BodyHandlers.ofString());
  }
}
