package dev.baton.support;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Everything staff can read about one account's work through the REST APIs: each data endpoint of
 * Camunda's REST API for every process instance with the account's business key (its lifecycle processes
 * and its mails), the open tasks of those instances, and Baton's {@code /api}, called with the
 * credentials of each staff role.
 */
public final class StaffReadings {

  /** One demo user per kind of staff login: Tasklist roles and a Cockpit manager. */
  public static final List<String> STAFF = List.of("finance-demo", "support-demo", "sales-rep-demo", "csm-demo",
      "cs-lead-demo");
  private static final String ADMIN = "demo";
  private static final String PASSWORD = "demo";

  private final int port;
  private final HttpClient http = HttpClient.newHttpClient();
  private final ObjectMapper json = new ObjectMapper();

  public StaffReadings(int port) {
    this.port = port;
  }

  /** Path to answer body, of every endpoint this user may call about the account. */
  public Map<String, String> of(String user, String accountId) throws Exception {
    String key = enc(accountId);
    Set<String> instances = ids(get(ADMIN, "/engine-rest/history/process-instance?processInstanceBusinessKey=" + key));
    Set<String> tasks = ids(get(ADMIN, "/engine-rest/task?processInstanceBusinessKey=" + key));
    assertThat(instances).as("process instances of account " + accountId).isNotEmpty();
    String in = String.join(",", instances);

    List<String> paths = new ArrayList<>(List.of(
        "/engine-rest/variable-instance?deserializeValues=false&processInstanceIdIn=" + in,
        "/engine-rest/history/variable-instance?deserializeValues=false&processInstanceIdIn=" + in,
        "/engine-rest/history/process-instance?processInstanceBusinessKey=" + key,
        "/engine-rest/process-instance?businessKey=" + key,
        "/engine-rest/history/task?processInstanceBusinessKey=" + key,
        "/engine-rest/task?processInstanceBusinessKey=" + key,
        "/engine-rest/execution?businessKey=" + key,
        "/api/accounts/" + key,
        "/api/accounts/" + key + "/health",
        "/api/raci"));
    for (String instance : instances) {
      paths.addAll(List.of(
          "/engine-rest/process-instance/" + instance + "/variables?deserializeValues=false",
          "/engine-rest/history/process-instance/" + instance,
          "/engine-rest/history/detail?deserializeValues=false&processInstanceId=" + instance,
          "/engine-rest/history/activity-instance?processInstanceId=" + instance,
          "/engine-rest/history/user-operation?processInstanceId=" + instance,
          "/engine-rest/execution?processInstanceId=" + instance,
          "/engine-rest/job?processInstanceId=" + instance,
          "/engine-rest/incident?processInstanceId=" + instance,
          "/engine-rest/history/incident?processInstanceId=" + instance,
          "/engine-rest/history/job-log?processInstanceId=" + instance,
          "/engine-rest/history/external-task-log?processInstanceId=" + instance));
    }
    for (String task : tasks) {
      paths.addAll(List.of("/engine-rest/task/" + task, "/engine-rest/task/" + task + "/variables?deserializeValues=false",
          "/engine-rest/task/" + task + "/form-variables?deserializeValues=false"));
    }
    Map<String, String> answers = new LinkedHashMap<>();
    for (String path : paths) {
      answers.put(path, get(user, path).body());
    }
    return answers;
  }

  /**
   * Asserts that no staff user finds any of the secrets, nor the first 12 characters of one, in any answer
   * about the account; returns what the users read (for checks that the sweep saw the account's data).
   */
  public Map<String, Map<String, String>> assertNoStaffFinds(String accountId, Collection<String> secrets)
      throws Exception {
    Map<String, Map<String, String>> read = new LinkedHashMap<>();
    List<String> leaks = new ArrayList<>();
    for (String user : STAFF) {
      Map<String, String> answers = of(user, accountId);
      read.put(user, answers);
      answers.forEach((path, body) -> {
        for (String secret : secrets) {
          if (body.contains(secret.substring(0, 12))) {
            leaks.add(user + " finds " + (body.contains(secret) ? "the token " : "the start of the token ") + secret
                + " in GET " + path);
          }
        }
      });
    }
    assertThat(leaks).as("what staff find of the customer's links").isEmpty();
    return read;
  }

  private HttpResponse<String> get(String user, String path) throws Exception {
    HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
        .header("Authorization", "Basic " + Base64.getEncoder()
            .encodeToString((user + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8)))
        .GET().build();
    return http.send(request, HttpResponse.BodyHandlers.ofString());
  }

  private Set<String> ids(HttpResponse<String> answer) throws Exception {
    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
    Set<String> ids = new LinkedHashSet<>();
    for (JsonNode node : json.readTree(answer.body())) {
      ids.add(node.get("id").asText());
    }
    return ids;
  }

  private static String enc(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }
}
