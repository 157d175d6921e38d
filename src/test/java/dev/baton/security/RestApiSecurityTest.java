package dev.baton.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.support.BatonIntegrationTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

@BatonIntegrationTest
class RestApiSecurityTest {

  @LocalServerPort int port;
  final HttpClient http = HttpClient.newHttpClient();

  @Test
  void engineRestAnswers401WithoutCredentials() throws Exception {
    HttpResponse<String> response = get("/engine-rest/engine", null);
    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(response.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v).startsWith("Basic"));
  }

  // A wrong password counts towards this client's login throttle (LoginThrottle), so it stays a single one.
  @Test
  void engineRestAnswers401ForAWrongPassword() throws Exception {
    assertThat(get("/engine-rest/process-definition", "onboarding-manager-demo:wrong").statusCode()).isEqualTo(401);
  }

  @Test
  void engineRestAnswers200WithCredentials() throws Exception {
    HttpResponse<String> response = get("/engine-rest/engine", "demo:demo");
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).contains("default");
  }

  @Test
  void camundaAuthorizationsApplyToRestCalls() throws Exception {
    // A sales rep may read process definitions but not the list of deployments.
    assertThat(get("/engine-rest/process-definition?key=MailDelivery", "sales-rep-demo:demo").statusCode()).isEqualTo(200);
    assertThat(get("/engine-rest/authorization", "sales-rep-demo:demo").body()).doesNotContain("camunda-admin");
  }

  @Test
  void batonApiAnswers401AsProblemJsonWithoutCredentials() throws Exception {
    HttpResponse<String> response = get("/api/accounts/acme", null);
    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    assertThat(response.body()).contains("\"status\":401");
  }

  @Test
  void batonApiAnswers403ForStaffWhoAreNoApiClients() throws Exception {
    HttpResponse<String> response = get("/api/accounts/acme", "csm-demo:demo");
    assertThat(response.statusCode()).isEqualTo(403);
    assertThat(response.body()).contains("integration");
  }

  @Test
  void healthIsPublicButMetricsNeedAnAdministrator() throws Exception {
    assertThat(get("/actuator/health", null).statusCode()).isEqualTo(200);
    assertThat(get("/actuator/prometheus", null).statusCode()).isEqualTo(401);
    assertThat(get("/actuator/prometheus", "csm-demo:demo").statusCode()).isEqualTo(403);
    HttpResponse<String> prometheus = get("/actuator/prometheus", "demo:demo");
    assertThat(prometheus.statusCode()).isEqualTo(200);
    assertThat(prometheus.body()).contains("jvm_memory_used_bytes");
  }

  @Test
  void healthShowsDatabaseEngineAndMailToAnAdministrator() throws Exception {
    String health = get("/actuator/health", "demo:demo").body();
    // (the job executor is off in tests, so its indicator is absent here)
    assertThat(health).contains("\"db\"", "\"processEngine\"", "\"mail\"");
  }

  private HttpResponse<String> get(String path, String credentials) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path));
    if (credentials != null) {
      request.header("Authorization", "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes()));
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }
}
