package dev.baton.tasklist;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.baton.identity.RoleCatalogue;
import dev.baton.support.BatonIntegrationTest;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Tasklist at scale: 50,000 open tasks spread over the role groups, then the requests
 * Tasklist sends when a CSM opens "My team's tasks" (HAL list of the first page with the card
 * variables, and the count), measured over HTTP with authorizations on. Target: p95 under 50 ms.
 *
 * <p>Run: {@code mvn -B -ntp test -Dtest=TasklistBenchmark} (H2), and with {@code -Ppostgres} and
 * DB_URL/DB_USER/DB_PASSWORD on PostgreSQL. {@code -Dbaton.bench.tasks=N} changes the number of tasks. On a
 * database that already holds the benchmark's tasks (PostgreSQL) it only tops them up to N.
 */
@BatonIntegrationTest
class TasklistBenchmark {

  static final int TASKS = Integer.getInteger("baton.bench.tasks", 50_000);
  static final int BATCH = 500;
  static final int SAMPLES = 200;

  @LocalServerPort int port;
  @Autowired RepositoryService repository;
  @Autowired RuntimeService runtime;
  @Autowired TaskService taskService;
  @Autowired FilterService filters;
  @Autowired RoleCatalogue roles;
  @Autowired TransactionTemplate transaction;
  @Autowired ObjectMapper json;
  @Autowired DataSource dataSource;
  final HttpClient http = HttpClient.newHttpClient();

  @Test
  void aRoleGroupsTaskListAnswersFastWithFiftyThousandOpenTasks() throws Exception {
    List<String> roleIds = new ArrayList<>(roles.ids());
    deployOneProcessPerRole(roleIds);

    // Tops the database up to TASKS open tasks, so a second run on the same database measures at once.
    long existing = taskService.createTaskQuery().processDefinitionKeyIn(roleIds.stream()
        .map(TasklistBenchmark::processKey).toArray(String[]::new)).count();
    long start = System.nanoTime();
    for (long done = existing; done < TASKS; done += BATCH) {
      long from = done;
      transaction.executeWithoutResult(status -> {
        for (long i = from; i < Math.min(from + BATCH, TASKS); i++) {
          String role = roleIds.get((int) (i % roleIds.size()));
          String account = "bench-tasklist-" + i;
          runtime.startProcessInstanceByKey(processKey(role), account,
              Map.of("accountId", account, "accountName", "Customer " + i));
        }
      });
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    System.out.printf("%,d open tasks (%,d were there, the rest created in %.1f s) on %s%n", TASKS, existing, seconds,
        database());

    String filterId = filters.createTaskFilterQuery().filterName("My team's tasks").singleResult().getId();
    String body = """
        {"variableNames": ["accountName", "accountId"], "sorting": [{"sortBy": "dueDate", "sortOrder": "asc"}]}""";
    // Warm up: the first requests load caches and compile queries.
    for (int i = 0; i < 20; i++) {
      list(filterId, body);
      count(filterId);
    }
    List<Double> listTimes = new ArrayList<>();
    List<Double> countTimes = new ArrayList<>();
    int shown = 0;
    for (int i = 0; i < SAMPLES; i++) {
      long t0 = System.nanoTime();
      HttpResponse<String> page = list(filterId, body);
      long t1 = System.nanoTime();
      HttpResponse<String> count = count(filterId);
      long t2 = System.nanoTime();
      listTimes.add((t1 - t0) / 1e6);
      countTimes.add((t2 - t1) / 1e6);
      if (i == 0) {
        JsonNode tasks = json.readTree(page.body()).path("_embedded").path("task");
        shown = tasks.size();
        System.out.printf("A CSM's first page: %d tasks of %s%n", shown, count.body());
      }
    }
    if (shown == 0) {
      throw new AssertionError("The CSM's task list is empty: the benchmark measured nothing");
    }
    report("filter list (HAL, first 15, card variables)", listTimes);
    report("filter count", countTimes);
  }

  private void deployOneProcessPerRole(List<String> roleIds) throws Exception {
    String template;
    try (InputStream in = getClass().getResourceAsStream("/tasklist/TasklistLoad.bpmn")) {
      template = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    var deployment = repository.createDeployment().name("tasklist-benchmark").enableDuplicateFiltering(true);
    for (String role : roleIds) {
      String key = processKey(role);
      deployment.addString(key + ".bpmn", template.replace("PROCESS_KEY", key).replace("RESPONSIBLE_ROLE", role));
    }
    deployment.deploy();
  }

  private static String processKey(String role) {
    return "TasklistLoad_" + role.replace('-', '_');
  }

  private HttpResponse<String> list(String filterId, String body) throws Exception {
    return http.send(request("/engine-rest/filter/" + filterId + "/list?firstResult=0&maxResults=15")
        .header("Accept", "application/hal+json").header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> count(String filterId) throws Exception {
    return http.send(request("/engine-rest/filter/" + filterId + "/count").GET().build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private HttpRequest.Builder request(String path) {
    return HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
        .header("Authorization", "Basic " + Base64.getEncoder().encodeToString("csm-demo:demo".getBytes()));
  }

  private static void report(String what, List<Double> millis) {
    List<Double> sorted = new ArrayList<>(millis);
    Collections.sort(sorted);
    System.out.printf("%s: p50 %.1f ms, p95 %.1f ms, p99 %.1f ms, max %.1f ms over %d requests%n", what,
        sorted.get(sorted.size() / 2), sorted.get((int) (sorted.size() * 0.95)), sorted.get((int) (sorted.size() * 0.99)),
        sorted.get(sorted.size() - 1), sorted.size());
  }

  private String database() throws Exception {
    try (var connection = dataSource.getConnection()) {
      return connection.getMetaData().getDatabaseProductName() + " " + connection.getMetaData().getDatabaseProductVersion();
    }
  }
}
