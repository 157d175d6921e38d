package dev.baton.drills;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Base64;

/**
 * What an operator's Retry of an incident in Cockpit sends: {@code PUT job/{id}/retries} with
 * {@code {"retries": 1}} (Cockpit's job retry dialog, keeping the due date), here through
 * {@code /engine-rest} with the Basic credentials of the demo's operator (the CS Lead), authorizations on.
 */
final class Cockpit {

  static final String OPERATOR = "cs-lead-demo:demo";
  static final String ADMIN = "demo:demo";

  private final int port;
  private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  Cockpit(int port) {
    this.port = port;
  }

  /** Retries the incident's job (an incident's configuration is its job id). */
  void retry(String jobId) throws Exception {
    HttpResponse<String> answer = http.send(HttpRequest.newBuilder(
            URI.create("http://localhost:" + port + "/engine-rest/job/" + jobId + "/retries"))
        .timeout(Duration.ofSeconds(30))
        .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(OPERATOR.getBytes()))
        .header("Content-Type", "application/json")
        .PUT(HttpRequest.BodyPublishers.ofString("{\"retries\": 1}")).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(answer.statusCode()).as("Cockpit's retry of job %s: %s", jobId, answer.body()).isEqualTo(204);
  }
}
