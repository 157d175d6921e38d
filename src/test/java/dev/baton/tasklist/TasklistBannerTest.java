package dev.baton.tasklist;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.support.BatonIntegrationTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Staff in Tasklist do not see the "migrate to Camunda 8" banner meant for administrators. */
@BatonIntegrationTest
class TasklistBannerTest {

  @LocalServerPort int port;

  @Test
  void tasklistStylesHideTheCommunityEditionBanner() throws Exception {
    assertThat(get("/camunda/app/tasklist/styles/user-styles.css")).contains(".ce-eol-banner", "display: none");
  }

  @Test
  void cockpitKeepsItForAdministrators() throws Exception {
    assertThat(get("/camunda/app/cockpit/styles/user-styles.css")).doesNotContain(".ce-eol-banner");
  }

  private String get(String path) throws Exception {
    HttpResponse<String> response = HttpClient.newHttpClient().send(
        HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).isEqualTo(200);
    return response.body();
  }
}
