package dev.baton.account;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.support.BatonIntegrationTest;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.PayloadApplicationEvent;

@BatonIntegrationTest
class AccountApiTest {

  static final String API_CLIENT = "integration-demo:demo";

  @LocalServerPort int port;
  @Autowired AccountRepository accounts;
  @Autowired ConfigurableApplicationContext context;
  final SavedAccounts saved = new SavedAccounts();
  final HttpClient http = HttpClient.newHttpClient();

  @BeforeEach
  void listen() {
    context.addApplicationListener(saved.listener);
  }

  @AfterEach
  void stopListening() {
    context.removeApplicationListener(saved.listener);
  }

  @Test
  void putCreatesTheAccountWithItsTeamThenUpdatesIt() throws Exception {
    String id = "acme-" + UUID.randomUUID();
    HttpResponse<String> created = put(id, """
        {"name": "Acme Corp", "segment": "enterprise", "renewalDate": "2027-03-31", "healthBand": "green",
         "team": {"csm": "csm-demo", "sales-rep": "sales-rep-demo"}}""", API_CLIENT);

    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    assertThat(created.body()).contains("\"accountId\":\"" + id + "\"", "\"renewalDate\":\"2027-03-31\"",
        "\"csm\":\"csm-demo\"");
    assertThat(accounts.find(id).orElseThrow().team()).isEqualTo(Map.of("csm", "csm-demo", "sales-rep", "sales-rep-demo"));
    assertThat(saved.events).singleElement().satisfies(e -> assertThat(e.previous()).isNull());

    HttpResponse<String> updated = put(id, """
        {"name": "Acme Corporation", "renewalDate": "2027-04-30", "team": {"support": "support-demo"}}""", API_CLIENT);

    assertThat(updated.statusCode()).isEqualTo(200);
    Account account = accounts.find(id).orElseThrow();
    assertThat(account.name()).isEqualTo("Acme Corporation");
    assertThat(account.renewalDate()).isEqualTo(LocalDate.of(2027, 4, 30));
    assertThat(account.team()).isEqualTo(Map.of("support", "support-demo"));
    assertThat(saved.events).hasSize(2);
    assertThat(saved.events.get(1).previous().name()).isEqualTo("Acme Corp");
    assertThat(saved.events.get(1).renewalDateChanged()).isTrue();

    HttpResponse<String> read = get(id, API_CLIENT);
    assertThat(read.statusCode()).isEqualTo(200);
    assertThat(read.body()).contains("Acme Corporation", "support-demo");
  }

  @Test
  void theContractValueIsRecordedShownAndKeptByAnUpdateWithoutIt() throws Exception {
    String id = "acme-" + UUID.randomUUID();
    HttpResponse<String> created = put(id, """
        {"name": "Acme Corp", "arr": {"amount": 120000.5, "currency": "eur"}}""", API_CLIENT);

    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    assertThat(created.body()).contains("\"arr\":{\"amount\":120000.50,\"currency\":\"EUR\"}");
    assertThat(put(id, "{\"name\": \"Acme Corporation\"}", API_CLIENT).statusCode()).isEqualTo(200);
    assertThat(accounts.find(id).orElseThrow().arr()).isEqualTo(new Arr(new BigDecimal("120000.50"), "EUR"));
    assertThat(get(id, API_CLIENT).body()).contains("\"amount\":120000.50", "\"currency\":\"EUR\"");

    put(id, "{\"name\": \"Acme Corporation\", \"arr\": {\"amount\": 0, \"currency\": \"USD\"}}", API_CLIENT);
    assertThat(accounts.find(id).orElseThrow().arr()).isEqualTo(new Arr(BigDecimal.ZERO, "USD"));
  }

  @Test
  void aWrongContractValueIsA400NamingTheField() throws Exception {
    String id = "acme-" + UUID.randomUUID();
    Map<String, String> mistakes = Map.of(
        "{\"amount\": -1, \"currency\": \"USD\"}", "arr.amount: must be 0 or more",
        "{\"amount\": 1.234, \"currency\": \"USD\"}", "arr.amount: must have at most 13 digits and 2 decimals",
        "{\"amount\": 100, \"currency\": \"XYZ\"}", "arr.currency: 'XYZ' is not an ISO 4217 currency code",
        "{\"amount\": 100, \"currency\": \"dollars\"}", "arr.currency: must be a three-letter ISO 4217 code",
        "{\"amount\": 100}", "arr.currency: is required with an amount",
        "{\"currency\": \"USD\"}", "arr.amount: is required with a currency");
    for (var mistake : mistakes.entrySet()) {
      HttpResponse<String> response = put(id, "{\"name\": \"Acme\", \"arr\": " + mistake.getKey() + "}", API_CLIENT);
      assertThat(response.statusCode()).as(mistake.getKey()).isEqualTo(400);
      assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
      assertThat(response.body()).as(mistake.getKey()).contains(mistake.getValue());
    }
    assertThat(accounts.find(id)).isEmpty();
  }

  @Test
  void lifecycleFactsRecordedByProcessesShowOnTheAccountAndSurviveAnUpdate() throws Exception {
    String id = "acme-" + UUID.randomUUID();
    put(id, """
        {"name": "Acme Corp", "team": {"csm": "csm-demo"}}""", API_CLIENT);
    accounts.setLifecycle(id, "stage", "onboarding");
    accounts.setLifecycle(id, "onboardingStatus", "on-track");
    accounts.setLifecycle(id, "onboardingStatus", "at-risk");

    put(id, """
        {"name": "Acme Corporation", "team": {"csm": "csm-demo"}}""", API_CLIENT);

    HttpResponse<String> read = get(id, API_CLIENT);
    assertThat(read.body()).contains("\"lifecycle\":{\"onboardingStatus\":\"at-risk\",\"stage\":\"onboarding\"}");
    accounts.setLifecycle(id, "onboardingStatus", null);
    assertThat(accounts.find(id).orElseThrow().lifecycle()).isEqualTo(Map.of("stage", "onboarding"));
  }

  @Test
  void theApiCannotWriteLifecycleFacts() throws Exception {
    HttpResponse<String> response = put("acme-" + UUID.randomUUID(), """
        {"name": "Acme", "lifecycle": {"stage": "churned"}}""", API_CLIENT);

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.body()).contains("lifecycle");
  }

  @Test
  void getOfAnUnknownAccountIs404Problem() throws Exception {
    HttpResponse<String> response = get("nobody-" + UUID.randomUUID(), API_CLIENT);
    assertThat(response.statusCode()).isEqualTo(404);
    assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    assertThat(response.body()).contains("no account");
  }

  @Test
  void unknownRolesAreA400NamingThem() throws Exception {
    String id = "acme-" + UUID.randomUUID();
    HttpResponse<String> response = put(id, """
        {"name": "Acme", "team": {"csm": "csm-demo", "ceo": "demo", "legal": "demo"}}""", API_CLIENT);

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.body()).contains("unknown role(s) [ceo, legal]", "\"unknownRoles\":[\"ceo\",\"legal\"]");
    assertThat(accounts.exists(id)).isFalse();
    assertThat(saved.events).isEmpty();
  }

  @Test
  void unknownUsersAreA400NamingThem() throws Exception {
    String id = "acme-" + UUID.randomUUID();
    HttpResponse<String> response = put(id, """
        {"name": "Acme", "team": {"csm": "jane.nobody", "support": "support-demo"}}""", API_CLIENT);

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.body()).contains("unknown user id(s) [jane.nobody]");
    assertThat(accounts.exists(id)).isFalse();
  }

  @Test
  void aRoleLeftEmptyHasNoPersonSoItsTasksGoToTheRoleGroup() throws Exception {
    String id = "acme-" + UUID.randomUUID();
    HttpResponse<String> response = put(id, """
        {"name": "Acme", "team": {"csm": null, "support": "", "sales-rep": "sales-rep-demo"}}""", API_CLIENT);

    assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
    assertThat(accounts.find(id).orElseThrow().team()).isEqualTo(Map.of("sales-rep", "sales-rep-demo"));
  }

  @Test
  void aTeamMemberOutsideTheRoleGroupIsA400NamingTheRole() throws Exception {
    String id = "acme-" + UUID.randomUUID();
    HttpResponse<String> response = put(id, """
        {"name": "Acme", "team": {"csm": "sales-rep-demo", "support": "support-demo"}}""", API_CLIENT);

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.body()).contains("team.csm", "sales-rep-demo", "not a member of the group csm")
        .doesNotContain("team.support");
    assertThat(accounts.exists(id)).isFalse();
  }

  @Test
  void aSegmentIsOneTheSegmentationDecisionOutputsWrittenInAnyCase() throws Exception {
    assertThat(put("acme-" + UUID.randomUUID(), """
        {"name": "Acme", "segment": "mid market"}""", API_CLIENT).statusCode()).isEqualTo(201);

    String id = "acme-" + UUID.randomUUID();
    HttpResponse<String> response = put(id, """
        {"name": "Acme", "segment": "Galactic"}""", API_CLIENT);
    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.body()).contains("segment", "Galactic", "Enterprise", "Mid-Market", "SMB", "Tech-touch");
    assertThat(accounts.exists(id)).isFalse();
  }

  @Test
  void aHealthBandIsOneOfTheConfiguredBands() throws Exception {
    String id = "acme-" + UUID.randomUUID();
    HttpResponse<String> response = put(id, """
        {"name": "Acme", "healthBand": "purple"}""", API_CLIENT);

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.body()).contains("healthBand", "red, yellow, green");
    assertThat(accounts.exists(id)).isFalse();
  }

  @Test
  void aNameWithLineBreaksOrNulIsA400() throws Exception {
    for (String name : new String[] {"Acme\\r\\nBcc: x", "Ac\\u0000me", "Acme\\tCorp"}) {
      HttpResponse<String> response = put("acme-" + UUID.randomUUID(), "{\"name\": \"" + name + "\"}", API_CLIENT);
      assertThat(response.statusCode()).as(name).isEqualTo(400);
      assertThat(response.body()).contains("name:", "control characters");
    }
  }

  @Test
  void aNameThatIsNotTextIsA400() throws Exception {
    HttpResponse<String> response = put("acme-" + UUID.randomUUID(), "{\"name\": 42}", API_CLIENT);

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.body()).contains("name: expected text");
  }

  @Test
  void aRenewalDateOutsideTheAcceptedRangeIsA400SayingTheRange() throws Exception {
    HttpResponse<String> response = put("acme-" + UUID.randomUUID(), """
        {"name": "Acme", "renewalDate": "2999-12-31"}""", API_CLIENT);

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.body()).contains("renewalDate", "2000-01-01", "2099-12-31");
  }

  @Test
  void aBadDateIsA400NamingTheFieldAndFormat() throws Exception {
    HttpResponse<String> response = put("acme-" + UUID.randomUUID(), """
        {"name": "Acme", "renewalDate": "31.03.2027"}""", API_CLIENT);

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.body()).contains("renewalDate", "yyyy-MM-dd");
  }

  @Test
  void anUnknownFieldIsA400NamingIt() throws Exception {
    HttpResponse<String> response = put("acme-" + UUID.randomUUID(), """
        {"name": "Acme", "owner": "someone"}""", API_CLIENT);

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.body()).contains("unknown field 'owner'");
  }

  @Test
  void aMissingNameIsA400() throws Exception {
    HttpResponse<String> response = put("acme-" + UUID.randomUUID(), "{\"segment\": \"smb\"}", API_CLIENT);

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.body()).contains("name: is required");
  }

  @Test
  void withoutCredentialsIs401AndForStaffIs403() throws Exception {
    String body = "{\"name\": \"Acme\"}";
    assertThat(put("acme-" + UUID.randomUUID(), body, null).statusCode()).isEqualTo(401);
    assertThat(put("acme-" + UUID.randomUUID(), body, "sales-rep-demo:demo").statusCode()).isEqualTo(403);
    assertThat(get("acme", "csm-demo:demo").statusCode()).isEqualTo(403);
  }

  @Test
  void anAdministratorMayUseTheApi() throws Exception {
    assertThat(put("acme-" + UUID.randomUUID(), "{\"name\": \"Acme\"}", "demo:demo").statusCode()).isEqualTo(201);
  }

  private HttpResponse<String> put(String id, String json, String credentials) throws Exception {
    return send(request(id, credentials).header("Content-Type", "application/json")
        .PUT(HttpRequest.BodyPublishers.ofString(json)));
  }

  private HttpResponse<String> get(String id, String credentials) throws Exception {
    return send(request(id, credentials).GET());
  }

  private HttpRequest.Builder request(String id, String credentials) {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/accounts/" + id));
    if (credentials != null) {
      request.header("Authorization", "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes()));
    }
    return request;
  }

  private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  /** Records the AccountSaved events published while a test runs. */
  static class SavedAccounts {
    final List<AccountSaved> events = java.util.Collections.synchronizedList(new ArrayList<>());
    final ApplicationListener<PayloadApplicationEvent<AccountSaved>> listener = ApplicationListener.forPayload(events::add);
  }
}
