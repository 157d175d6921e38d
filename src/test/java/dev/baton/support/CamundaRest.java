package dev.baton.support;

import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;

/**
 * Camunda's REST API as one user sees it, by either of its two doors: {@code /engine-rest} with HTTP
 * Basic (Modeler, scripts), or {@code /camunda/api/engine/engine/default}, the path Tasklist itself calls
 * with the browser's session and CSRF token. Paths are given without that prefix, e.g. {@code /task/42}.
 */
public final class CamundaRest {

  /** The two doors, for parameterized tests. */
  public enum Door { ENGINE_REST, TASKLIST }

  private final HttpClient http;
  private final String base;
  private final String basic;
  private final String csrfToken;

  private CamundaRest(HttpClient http, String base, String basic, String csrfToken) {
    this.http = http;
    this.base = base;
    this.basic = basic;
    this.csrfToken = csrfToken;
  }

  public static CamundaRest as(Door door, int port, String user) throws Exception {
    return door == Door.ENGINE_REST ? engineRest(port, user) : tasklist(port, user);
  }

  public static CamundaRest engineRest(int port, String user) {
    String basic = "Basic " + Base64.getEncoder().encodeToString((user + ":demo").getBytes(StandardCharsets.UTF_8));
    return new CamundaRest(HttpClient.newHttpClient(), "http://localhost:" + port + "/engine-rest", basic, null);
  }

  /** Logs in to Tasklist as the browser does (CSRF token first, then the login form). */
  public static CamundaRest tasklist(int port, String user) throws Exception {
    CookieManager cookies = new CookieManager();
    HttpClient http = HttpClient.newBuilder().cookieHandler(cookies).build();
    String root = "http://localhost:" + port + "/camunda";
    HttpResponse<String> page = http.send(HttpRequest.newBuilder(URI.create(root + "/app/tasklist/default/")).build(),
        HttpResponse.BodyHandlers.ofString());
    String token = page.headers().firstValue("X-XSRF-TOKEN").orElseThrow();
    String form = "username=" + URLEncoder.encode(user, StandardCharsets.UTF_8) + "&password=demo";
    HttpResponse<String> login = http.send(HttpRequest.newBuilder(URI.create(root + "/api/admin/auth/user/default/login/tasklist"))
        .header("Content-Type", "application/x-www-form-urlencoded").header("X-XSRF-TOKEN", token)
        .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
    if (login.statusCode() != 200) {
      throw new AssertionError("Tasklist login of " + user + ": HTTP " + login.statusCode() + " " + login.body());
    }
    // Logging in starts a new session, which gets its own CSRF token on its first read.
    HttpResponse<String> engines = http.send(HttpRequest.newBuilder(URI.create(root + "/api/engine/engine/")).build(),
        HttpResponse.BodyHandlers.ofString());
    return new CamundaRest(http, root + "/api/engine/engine/default", null,
        engines.headers().firstValue("X-XSRF-TOKEN").orElseThrow());
  }

  public HttpResponse<String> get(String path) throws Exception {
    return send("GET", path, null);
  }

  /** A JSON request (no body when json is null). */
  public HttpResponse<String> send(String method, String path, String json) throws Exception {
    HttpRequest.Builder request = request(path);
    if (json == null) {
      request.method(method, HttpRequest.BodyPublishers.noBody());
    } else {
      request.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(json));
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  /** A multipart/form-data POST of text parts (Camunda's attachment and binary variable uploads). */
  public HttpResponse<String> postMultipart(String path, Map<String, String> parts) throws Exception {
    String boundary = "baton-" + UUID.randomUUID();
    StringBuilder body = new StringBuilder();
    parts.forEach((name, value) -> body.append("--").append(boundary).append("\r\n")
        .append("Content-Disposition: form-data; name=\"").append(name).append("\"")
        .append(name.equals("content") ? "; filename=\"notes.txt\"" : "").append("\r\n")
        .append("Content-Type: text/plain\r\n\r\n").append(value).append("\r\n"));
    body.append("--").append(boundary).append("--\r\n");
    HttpRequest.Builder request = request(path).header("Content-Type", "multipart/form-data; boundary=" + boundary)
        .POST(HttpRequest.BodyPublishers.ofString(body.toString()));
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private HttpRequest.Builder request(String path) {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).header("Accept", "application/json");
    if (basic != null) {
      request.header("Authorization", basic);
    }
    if (csrfToken != null) {
      // The webapps' CSRF filter wants the session's token echoed in a header on every change.
      request.header("X-XSRF-TOKEN", csrfToken);
    }
    return request;
  }
}
