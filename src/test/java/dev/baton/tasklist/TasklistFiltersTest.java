package dev.baton.tasklist;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.support.BatonIntegrationTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Base64;
import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.ProcessEngine;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

@BatonIntegrationTest
class TasklistFiltersTest {

  @LocalServerPort int port;
  @Autowired ProcessEngine engine;
  @Autowired FilterService filters;
  @Autowired TasklistFilters tasklistFilters;

  @Test
  void everyRoleSeesTheSharedFiltersOnFirstLogin() throws Exception {
    for (String user : new String[] {"sales-rep-demo", "csm-demo", "cs-lead-demo"}) {
      String body = get("/engine-rest/filter?resourceType=Task", user + ":demo");
      assertThat(body).contains("\"My tasks\"", "\"My team's tasks\"", "\"Overdue\"", "\"Escalated\"");
      assertThat(body).contains("accountName");
    }
  }

  @Test
  void restartingCreatesNoSecondCopyOfAFilter() {
    tasklistFilters.postProcessEngineBuild(engine);
    assertThat(filters.createTaskFilterQuery().filterName("My tasks").count()).isEqualTo(1);
    assertThat(filters.createTaskFilterQuery().filterName("Escalated").count()).isEqualTo(1);
  }

  private String get(String path, String credentials) throws Exception {
    HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
        .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes())).build();
    HttpResponse<String> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).isEqualTo(200);
    return response.body();
  }
}
