package dev.baton.tasklist;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.baton.identity.RoleCatalogue;
import dev.baton.support.BatonIntegrationTest;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.net.CookieManager;
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
 * Tasklist at scale: 50,000 open tasks spread over the role groups, then the request Tasklist sends
 * when a CSM opens "My team's tasks" (the HAL list of the first page with the card variables and the
 * count), and the filter's separate count, measured over HTTP with authorizations on, through both doors:
 * Tasklist's session (logged in once, CSRF token) and {@code /engine-rest} with HTTP Basic. Target: p95
 * under 50 ms.
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
  /** What Tasklist 7.24 posts when a filter opens: its (empty) search, its default sorting, active tasks only. */
  static final String TASKLIST_BODY = """
      {"processVariables": [], "taskVariables": [], "caseInstanceVariables": [],
       "sorting": [{"sortBy": "created", "sortOrder": "desc"}], "active": true}""";

  @LocalServerPort int port;
  @Autowired RepositoryService repository;
  @Autowired RuntimeService runtime;
  @Autowired TaskService taskService;
  @Autowired FilterService filters;
  @Autowired RoleCatalogue roles;
  @Autowired TransactionTemplate transaction;
  @Autowired ObjectMapper json;
  @Autowired DataSource dataSource;

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
    System.out.printf("Load average before measuring: %.2f%n", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    // The headline: what Tasklist itself sends, logged in once, over its session. Then scripts and Modeler:
    // HTTP Basic on every request. Both are warmed up first, so neither pays the other's JIT compilation.
    List<Door> doors = List.of(tasklistSession(), engineRestBasic());
    for (Door door : doors) {
      for (int i = 0; i < 50; i++) {
        list(door, filterId, TASKLIST_BODY);
        count(door, filterId);
      }
    }
    for (Door door : doors) {
      measure(door, filterId);
    }
    System.out.printf("Load average after measuring: %.2f%n", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
  }

  /**
   * Opening "My team's tasks" sends one request: the filter's HAL list of the first 15, whose {@code count} is
   * the number next to the filter (Tasklist 7.24 sends no count request of its own, and no {@code itemCount}).
   * The body is Tasklist's own ({@link #TASKLIST_BODY}). The separate count is measured too, as scripts and the
   * earlier figures send it.
   */
  private void measure(Door door, String filterId) throws Exception {
    String body = TASKLIST_BODY;
    List<Double> listTimes = new ArrayList<>();
    List<Double> countTimes = new ArrayList<>();
    long cpu0 = processCpuNanos();
    for (int i = 0; i < SAMPLES; i++) {
      long t0 = System.nanoTime();
      HttpResponse<String> page = list(door, filterId, body);
      long t1 = System.nanoTime();
      HttpResponse<String> count = count(door, filterId);
      long t2 = System.nanoTime();
      listTimes.add((t1 - t0) / 1e6);
      countTimes.add((t2 - t1) / 1e6);
      if (i == 0) {
        JsonNode hal = json.readTree(page.body());
        int shown = hal.path("_embedded").path("task").size();
        System.out.printf("%s: a CSM's first page shows %d tasks of %s (count request: %s)%n", door.name(), shown,
            hal.path("count").asText(), count.body());
        if (shown == 0) {
          throw new AssertionError("The CSM's task list is empty: the benchmark measured nothing");
        }
      }
    }
    double cpuMillisPerPair = (processCpuNanos() - cpu0) / 1e6 / SAMPLES;
    report(door.name() + " filter list (HAL, first 15, card variables, count inside)", listTimes);
    report(door.name() + " filter count", countTimes);
    System.out.printf("%s: this JVM's CPU %.1f ms per list + count (client included; the database's is not)%n",
        door.name(), cpuMillisPerPair);
  }

  private static long processCpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
  }

  /** One of the REST API's two doors: its base path and how a request is signed in. */
  record Door(String name, HttpClient http, String base, Map<String, String> headers) {}

  private Door engineRestBasic() {
    return new Door("engine-rest, Basic", HttpClient.newHttpClient(), "http://localhost:" + port + "/engine-rest",
        Map.of("Authorization", "Basic " + Base64.getEncoder().encodeToString("csm-demo:demo".getBytes())));
  }

  /** Logs in as the Tasklist page does: CSRF token, login form, then the session's own token. */
  private Door tasklistSession() throws Exception {
    HttpClient http = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
    String root = "http://localhost:" + port + "/camunda";
    HttpResponse<String> page = http.send(HttpRequest.newBuilder(URI.create(root + "/app/tasklist/default/")).build(),
        HttpResponse.BodyHandlers.ofString());
    HttpResponse<String> login = http.send(HttpRequest.newBuilder(URI.create(root + "/api/admin/auth/user/default/login/tasklist"))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .header("X-XSRF-TOKEN", page.headers().firstValue("X-XSRF-TOKEN").orElseThrow())
        .POST(HttpRequest.BodyPublishers.ofString("username=csm-demo&password=demo")).build(), HttpResponse.BodyHandlers.ofString());
    if (login.statusCode() != 200) {
      throw new AssertionError("Tasklist login: HTTP " + login.statusCode());
    }
    HttpResponse<String> engines = http.send(HttpRequest.newBuilder(URI.create(root + "/api/engine/engine/")).build(),
        HttpResponse.BodyHandlers.ofString());
    return new Door("Tasklist session", http, root + "/api/engine/engine/default",
        Map.of("X-XSRF-TOKEN", engines.headers().firstValue("X-XSRF-TOKEN").orElseThrow()));
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

  private HttpResponse<String> list(Door door, String filterId, String body) throws Exception {
    HttpResponse<String> response = door.http().send(request(door, "/filter/" + filterId + "/list?firstResult=0&maxResults=15")
        .header("Accept", "application/hal+json, application/json; q=0.5").header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    return ok(response);
  }

  private HttpResponse<String> count(Door door, String filterId) throws Exception {
    return ok(door.http().send(request(door, "/filter/" + filterId + "/count").header("Accept", "application/json").GET().build(),
        HttpResponse.BodyHandlers.ofString()));
  }

  private static HttpResponse<String> ok(HttpResponse<String> response) {
    if (response.statusCode() != 200) {
      throw new AssertionError(response.request().uri() + ": HTTP " + response.statusCode() + " " + response.body());
    }
    return response;
  }

  private static HttpRequest.Builder request(Door door, String path) {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(door.base() + path));
    door.headers().forEach(request::header);
    return request;
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
