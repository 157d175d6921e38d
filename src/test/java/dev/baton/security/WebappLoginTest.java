package dev.baton.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.support.BatonIntegrationTest;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Logs in to the webapps the way the browser does: fetch the CSRF token, then post the login form. */
@BatonIntegrationTest
class WebappLoginTest {

  @LocalServerPort int port;

  @Test
  void aSalesRepLogsInToTasklistButNotToCockpit() throws Exception {
    assertThat(login("sales-rep-demo", "demo", "tasklist").body()).contains("\"authorizedApps\":[\"tasklist\",\"welcome\"]");
    assertThat(login("sales-rep-demo", "demo", "cockpit").statusCode()).isEqualTo(403);
  }

  @Test
  void aCsLeadMayAlsoWatchInCockpit() throws Exception {
    HttpResponse<String> response = login("cs-lead-demo", "demo", "cockpit");
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).contains("cockpit", "tasklist");
  }

  @Test
  void aWrongPasswordIsRefused() throws Exception {
    assertThat(login("onboarding-manager-demo", "nope", "tasklist").statusCode()).isEqualTo(401);
  }

  @Test
  void theWebappsKeepCsrfProtection() throws Exception {
    HttpClient http = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
    HttpResponse<String> response = http.send(loginRequest("csm-demo", "demo", "tasklist", null), HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).isEqualTo(403);
    assertThat(response.headers().firstValue("X-XSRF-TOKEN")).hasValue("Required");
  }

  private HttpResponse<String> login(String user, String password, String app) throws Exception {
    HttpClient http = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
    HttpResponse<String> page = http.send(HttpRequest.newBuilder(url("/camunda/app/tasklist/default/")).build(),
        HttpResponse.BodyHandlers.ofString());
    String token = page.headers().firstValue("X-XSRF-TOKEN").orElseThrow();
    return http.send(loginRequest(user, password, app, token), HttpResponse.BodyHandlers.ofString());
  }

  private HttpRequest loginRequest(String user, String password, String app, String token) {
    String form = "username=" + URLEncoder.encode(user, StandardCharsets.UTF_8)
        + "&password=" + URLEncoder.encode(password, StandardCharsets.UTF_8);
    HttpRequest.Builder request = HttpRequest.newBuilder(url("/camunda/api/admin/auth/user/default/login/" + app))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString(form));
    if (token != null) {
      request.header("X-XSRF-TOKEN", token);
    }
    return request.build();
  }

  private URI url(String path) {
    return URI.create("http://localhost:" + port + path);
  }
}
