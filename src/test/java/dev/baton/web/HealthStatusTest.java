package dev.baton.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.support.BatonIntegrationTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthContributorRegistry;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.actuate.health.Status;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * /actuator/health answers with an HTTP status that matches what it says, so a load balancer takes a
 * DOWN node out: 503 for DOWN and OUT_OF_SERVICE, 200 for UP and DEGRADED (mail waiting). A health
 * indicator the test switches is added to the running application for the test and removed after it.
 */
@BatonIntegrationTest
class HealthStatusTest {

  static final String SWITCH = "testSwitch";

  @LocalServerPort int port;
  @Autowired HealthContributorRegistry contributors;
  final AtomicReference<Status> status = new AtomicReference<>(Status.UP);

  @BeforeEach
  void addSwitch() {
    contributors.registerContributor(SWITCH, (HealthIndicator) () -> Health.status(status.get()).build());
  }

  @AfterEach
  void removeSwitch() {
    contributors.unregisterContributor(SWITCH);
  }

  @Test
  void downAnswers503() throws Exception {
    status.set(Status.DOWN);
    assertHealth(503, "DOWN");
  }

  @Test
  void outOfServiceAnswers503() throws Exception {
    status.set(Status.OUT_OF_SERVICE);
    assertHealth(503, "OUT_OF_SERVICE");
  }

  @Test
  void degradedMailStaysInServiceWith200() throws Exception {
    status.set(new Status("DEGRADED"));
    assertHealth(200, "DEGRADED");
  }

  private void assertHealth(int httpStatus, String said) throws Exception {
    HttpResponse<String> health = HttpClient.newHttpClient().send(
        HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/actuator/health")).GET().build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(health.body()).contains("\"status\":\"" + said + "\"");
    assertThat(health.statusCode()).as(health.body()).isEqualTo(httpStatus);
  }
}
