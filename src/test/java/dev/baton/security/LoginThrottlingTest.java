package dev.baton.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.support.BatonIntegrationTest;
import dev.baton.support.LoopbackClient;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * An attacker (a client at 127.0.0.1x) sends wrong passwords for the administrator through each way in;
 * the administrator, at 127.0.0.1 like the rest of the suite, still logs in at once. Each test attacks from
 * its own address, so the throttle's memory of one test never meets another.
 */
@BatonIntegrationTest
class LoginThrottlingTest {

  static final String API = "/api/raci";
  static final String ENGINE_REST = "/engine-rest/engine";

  @LocalServerPort int port;
  @Autowired JdbcTemplate jdbc;
  @Autowired CamundaLoginLocksLifted camundaLocks;
  final HttpClient http = HttpClient.newHttpClient();

  @Test
  void wrongPasswordsFromAnAttackerNeverLockTheAdministratorOutOfTheApi() throws Exception {
    LoopbackClient attacker = new LoopbackClient("127.0.0.11", port);
    LoopbackClient.Response attackerAnswer = guessUntilThrottled(attacker, API);

    assertThat(get(API, "demo:demo").statusCode()).isEqualTo(200);
    assertLoginCountersClear("demo");
    assertThrottled(attackerAnswer);
    assertThat(attackerAnswer.header("Content-Type")).isEqualTo("application/problem+json");
    assertThat(attackerAnswer.body()).contains("\"status\":429", "Too many failed logins");
  }

  @Test
  void wrongPasswordsFromAnAttackerNeverLockTheAdministratorOutOfTheEngineRest() throws Exception {
    LoopbackClient attacker = new LoopbackClient("127.0.0.12", port);
    LoopbackClient.Response attackerAnswer = guessUntilThrottled(attacker, ENGINE_REST);

    assertThat(get(ENGINE_REST, "demo:demo").statusCode()).isEqualTo(200);
    assertLoginCountersClear("demo");
    assertThrottled(attackerAnswer);
    assertThat(attackerAnswer.header("Content-Type")).isEqualTo("application/problem+json");
  }

  @Test
  void wrongPasswordsOnTheActuatorAreThrottledToo() throws Exception {
    LoopbackClient attacker = new LoopbackClient("127.0.0.17", port);
    LoopbackClient.Response attackerAnswer = guessUntilThrottled(attacker, "/actuator/prometheus");

    assertThat(get("/actuator/prometheus", "demo:demo").statusCode()).isEqualTo(200);
    assertThrottled(attackerAnswer);
  }

  @Test
  void aThrottledClientIsRefusedEvenWithTheRightPasswordWithoutItBeingChecked() throws Exception {
    LoopbackClient attacker = new LoopbackClient("127.0.0.13", port);
    assertThrottled(guessUntilThrottled(attacker, API));

    LoopbackClient.Response rightPassword = attacker.get(API, "demo:demo");
    assertThat(rightPassword.status()).isEqualTo(429);
    assertThat(rightPassword.header("Retry-After")).isNotBlank();
  }

  @Test
  void wrongPasswordsOnTheWebappLoginThrottleTheAttackerAndNotTheAdministrator() throws Exception {
    LoopbackClient attacker = new LoopbackClient("127.0.0.14", port);
    LoopbackClient.Response page = attacker.get("/camunda/app/tasklist/default/", null);
    Map<String, String> headers = Map.of("Cookie", page.cookies(), "X-XSRF-TOKEN", page.header("X-XSRF-TOKEN"),
        "Content-Type", "application/x-www-form-urlencoded");
    LoopbackClient.Response response = null;
    for (int attempt = 0; attempt < 20; attempt++) {
      response = attacker.send("POST", "/camunda/api/admin/auth/user/default/login/tasklist", headers,
          "username=demo&password=guess-" + attempt);
      if (response.status() != 401) {
        break;
      }
    }
    assertThat(webappLogin("demo", "demo").statusCode()).isEqualTo(200);
    assertLoginCountersClear("demo");
    assertThrottled(response);
    // The login page shows the answer's "message" in its error box.
    assertThat(response.body()).contains("\"message\":\"Too many failed logins");
  }

  @Test
  void anAdministratorLiftsTheThrottleOfAUserAtOnce() throws Exception {
    LoopbackClient attacker = new LoopbackClient("127.0.0.15", port);
    assertThrottled(guessUntilThrottled(attacker, API));

    assertThat(send("DELETE", "/api/login-throttle/users/demo", "csm-demo:demo").statusCode()).isEqualTo(403);
    HttpResponse<String> lifted = send("DELETE", "/api/login-throttle/users/demo", "demo:demo");
    assertThat(lifted.statusCode()).isEqualTo(200);
    assertThat(lifted.body()).contains("\"user\":\"demo\"");

    assertThat(attacker.get(API, "demo:demo").status()).isEqualTo(200);
  }

  @Test
  void anAdministratorLiftsTheThrottleOfAClientAddressAtOnce() throws Exception {
    LoopbackClient attacker = new LoopbackClient("127.0.0.16", port);
    assertThrottled(guessUntilThrottled(attacker, API));

    assertThat(send("DELETE", "/api/login-throttle/addresses/127.0.0.16", "demo:demo").statusCode()).isEqualTo(200);

    assertThat(attacker.get(API, "demo:wrong-again").status()).isEqualTo(401);
  }

  @Test
  void aLockLeftByCamundasOwnCheckNeitherKeepsTheUserOutNorSurvivesAStart() throws Exception {
    // As Camunda's check left the administrator after ten wrong passwords: locked until unlocked by hand.
    jdbc.update("update ACT_ID_USER set ATTEMPTS_ = 10, LOCK_EXP_TIME_ = ? where ID_ = 'demo'",
        java.sql.Timestamp.from(java.time.Instant.now().plus(java.time.Duration.ofDays(365))));

    assertThat(get(ENGINE_REST, "demo:demo").statusCode()).isEqualTo(200);
    assertThat(webappLogin("demo", "demo").statusCode()).isEqualTo(200);

    // What every start runs once the engine is built.
    assertThat(camundaLocks.lift("")).isGreaterThanOrEqualTo(1);
    assertLoginCountersClear("demo");
  }

  /**
   * Wrong passwords for the administrator until the throttle answers (its delay doubles with each failure,
   * so it answers within a few guesses however slow the machine), or more than Camunda's lock would allow.
   */
  private LoopbackClient.Response guessUntilThrottled(LoopbackClient attacker, String path) throws Exception {
    LoopbackClient.Response response = null;
    for (int attempt = 0; attempt < 15; attempt++) {
      response = attacker.get(path, "demo:guess-" + attempt);
      if (response.status() != 401) {
        break;
      }
    }
    return response;
  }

  private static void assertThrottled(LoopbackClient.Response response) {
    assertThat(response.status()).isEqualTo(429);
    assertThat(Long.parseLong(response.header("Retry-After"))).isPositive();
  }

  private void assertLoginCountersClear(String user) {
    Map<String, Object> row = jdbc.queryForMap("select coalesce(ATTEMPTS_, 0) as ATTEMPTS_, LOCK_EXP_TIME_ from ACT_ID_USER where ID_ = ?", user);
    assertThat(((Number) row.get("ATTEMPTS_")).intValue()).as("ATTEMPTS_").isZero();
    assertThat(row.get("LOCK_EXP_TIME_")).as("LOCK_EXP_TIME_").isNull();
  }

  private HttpResponse<String> get(String path, String credentials) throws Exception {
    return send("GET", path, credentials);
  }

  private HttpResponse<String> send(String method, String path, String credentials) throws Exception {
    HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
        .method(method, HttpRequest.BodyPublishers.noBody())
        .header("Authorization", LoopbackClient.basic(credentials)).build();
    return http.send(request, HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> webappLogin(String user, String password) throws Exception {
    HttpClient browser = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
    HttpResponse<String> page = browser.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port
        + "/camunda/app/tasklist/default/")).build(), HttpResponse.BodyHandlers.ofString());
    String form = "username=" + URLEncoder.encode(user, StandardCharsets.UTF_8)
        + "&password=" + URLEncoder.encode(password, StandardCharsets.UTF_8);
    return browser.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port
            + "/camunda/api/admin/auth/user/default/login/tasklist"))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .header("X-XSRF-TOKEN", page.headers().firstValue("X-XSRF-TOKEN").orElseThrow())
        .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
  }
}
