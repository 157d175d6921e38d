package dev.baton.drills;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.account.Account;
import dev.baton.account.AccountRepository;
import dev.baton.crm.BatonSignature;
import dev.baton.crm.HubSpotSignature;
import dev.baton.support.BatonIntegrationTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The bad input battery: every public endpoint gets malformed and truncated JSON, wrong
 * types, huge strings and bodies, unknown fields, invalid dates and time zones, injection strings,
 * missing and forged signatures and replayed timestamps, numbers of absurd magnitude or
 * precision, dates out of range, JSON nested too deep, encoded slashes, names with control characters,
 * segments, bands and team members outside the configured ones. Each answer is a clear 4xx (problem+json on
 * the API), never a 500, and the database does not change.
 */
@BatonIntegrationTest
class BadInputBatteryTest {

  static final String API = "integration-demo:demo";
  static final String CRM_SECRET = "test-crm-webhook-secret";
  static final String HUBSPOT_SECRET = "test-hubspot-client-secret";
  static final String HUBSPOT_URL = "https://baton.example.com/api/webhooks/hubspot";
  static final String INJECTION = "x'); DROP TABLE baton_account; --";
  static final String HUGE = "x".repeat(2 * 1024 * 1024);
  static final String THOUSAND_DIGITS = "9".repeat(1000);
  /** Deeper than any parser limit: two thousand nested arrays. */
  static final String DEEP = "[".repeat(2000) + "]".repeat(2000);
  /** An error body quotes what was wrong, never the whole of a huge input. */
  static final int MAX_ERROR_BODY = 8 * 1024;

  @LocalServerPort int port;
  @Autowired AccountRepository accounts;
  @Autowired JdbcClient jdbc;
  @Autowired RuntimeService runtime;
  @Autowired HistoryService history;
  final HttpClient http = HttpClient.newHttpClient();
  String account;

  @BeforeEach
  void anAccount() {
    account = "battery-" + UUID.randomUUID();
    accounts.save(new Account(account, "Battery Co", "SMB", null, null, Map.of()));
  }

  @Test
  void theAccountsApiRefusesBadInputAndChangesNothing() throws Exception {
    String path = "/api/accounts/" + account;
    List<Call> calls = List.of(
        put(path, "{\"name\": \"Acme\""),
        put(path, "{\"name\": "),
        put(path, "[]"),
        put(path, "{\"name\": \"Acme\", \"team\": \"csm-demo\"}"),
        put(path, "{\"name\": \"Acme\", \"renewalDate\": 20270101}"),
        put(path, "{\"name\": \"Acme\", \"renewalDate\": \"2027-02-30\"}"),
        put(path, "{\"name\": \"Acme\", \"renewalDate\": \"+57467-01-01\"}"),
        put(path, "{\"name\": \"Acme\", \"renewalDate\": 1.5}"),
        put(path, "{\"name\": \"Acme\", \"renewalDate\": \"2027-13-01\"}"),
        put(path, "{\"name\": \"Acme\", \"renewalDate\": \"2027-01-01T00:00:00+25:00\"}"),
        put(path, "{\"name\": \"Acme\", \"ceo\": \"Jane\"}"),
        put(path, "{\"name\": \"" + "N".repeat(10_000) + "\"}"),
        put(path, "{\"name\": \"" + HUGE + "\"}"),
        put(path, "{\"name\": \"Acme\", \"team\": {\"csm\": \"" + INJECTION + "\"}}"),
        put(path, "{\"name\": \"Acme\", \"team\": {\"" + INJECTION + "\": \"csm-demo\"}}"),
        put("/api/accounts/" + enc(INJECTION), "{\"name\": \"Acme\"}"),
        put("/api/accounts/" + "a".repeat(101), "{\"name\": \"Acme\"}"),
        put(path, "{\"name\": \"Acme\"}").type("text/plain"),
        put(path, "{\"name\": \"Acme\"}").as(null),
        put(path, "{\"name\": \"Acme\"}").as("sales-rep-demo:demo"),
        // An unknown user, not a wrong password: Camunda would delay integration-demo's next logins (throttling).
        put(path, "{\"name\": \"Acme\"}").as("no-such-user:wrong"),
        get("/api/accounts/" + enc(INJECTION)),
        get("/api/accounts/no-such-" + UUID.randomUUID()),
        // Numbers: huge exponents, a thousand digits.
        put(path, "{\"name\": 1E+999999999}").naming("name"),
        put(path, "{\"name\": \"Acme\", \"segment\": 1E-999999999}").naming("segment"),
        put(path, "{\"name\": " + THOUSAND_DIGITS + "}").naming("name"),
        // Dates out of range.
        put(path, "{\"name\": \"Acme\", \"renewalDate\": \"2999-12-31\"}").naming("renewalDate"),
        put(path, "{\"name\": \"Acme\", \"renewalDate\": \"1899-12-31\"}").naming("renewalDate"),
        put(path, "{\"name\": \"Acme\", \"renewalDate\": \"" + "9".repeat(100_000) + "\"}").naming("renewalDate"),
        // JSON nested deeper than the parser allows; encoded slashes in the path.
        put(path, "{\"name\": \"Acme\", \"team\": " + DEEP + "}").naming("team"),
        put("/api/accounts/a%2Fb", "{\"name\": \"Acme\"}"),
        get("/api/accounts/a%2Fb"),
        get("/api/accounts/a%2fb/health"),
        get("/api/accounts/a%00b").naming("encoded NUL or backslash"),
        get("/api/accounts/a%5Cb").naming("encoded NUL or backslash"),
        get("/api/accounts/%2e%2e/raci"),
        // Names: control characters, not text.
        put(path, "{\"name\": \"Ac\\u0000me\"}").naming("name"),
        put(path, "{\"name\": \"Acme\\r\\nX-Injected: 1\"}").naming("name"),
        put(path, "{\"name\": 42}").naming("name"),
        put(path, "{\"name\": true}").naming("name"),
        put(path, "{\"name\": \"Acme\", \"team\": {\"csm\": 7}}").naming("team.csm"),
        // Segments and bands outside the configured ones; a team member outside the role's group.
        put(path, "{\"name\": \"Acme\", \"segment\": \"Galactic\"}").naming("segment"),
        put(path, "{\"name\": \"Acme\", \"healthBand\": \"purple\"}").naming("healthBand"),
        put(path, "{\"name\": \"Acme\", \"team\": {\"csm\": \"sales-rep-demo\"}}").naming("team.csm"));
    assertRefusedWithoutChange(calls, true);
    assertThat(accounts.find(account).orElseThrow().name()).isEqualTo("Battery Co");
  }

  @Test
  void theHealthSignalsApiRefusesBadInputAndChangesNothing() throws Exception {
    String path = "/api/accounts/" + account + "/health-signals";
    String now = "\"" + java.time.OffsetDateTime.now() + "\"";
    List<Call> calls = List.of(
        post(path, "{\"timestamp\": " + now + ", \"nps\": 7"),
        post(path, "{\"timestamp\": " + now + ", \"nps\": \"seven\"}"),
        post(path, "{\"timestamp\": " + now + ", \"nps\": 11}"),
        post(path, "{\"timestamp\": " + now + ", \"nps\": 7.5}"),
        post(path, "{\"timestamp\": " + now + ", \"weeklyActiveUsers\": -1}"),
        post(path, "{\"timestamp\": \"2026-11-24T10:00:00+99:00\", \"nps\": 7}"),
        post(path, "{\"timestamp\": \"yesterday\", \"nps\": 7}"),
        post(path, "{\"timestamp\": " + now + ", \"nps\": 7, \"mood\": \"happy\"}"),
        post(path, "{\"timestamp\": " + now + ", \"csmSentiment\": \"" + INJECTION + "\"}"),
        post(path, "{\"timestamp\": " + now + ", \"csmSentiment\": \"red\", \"csmComment\": \"" + HUGE + "\"}"),
        post("/api/accounts/no-such-" + UUID.randomUUID() + "/health-signals", "{\"timestamp\": " + now + ", \"nps\": 7}"),
        post(path, "{\"timestamp\": " + now + ", \"nps\": 7}").as(null),
        post(path, "{\"timestamp\": " + now + ", \"nps\": 7}").type("application/xml"),
        // Numbers: huge exponents, a thousand digits.
        post(path, "{\"timestamp\": " + now + ", \"supportSatisfaction\": 1E+999999999}").naming("supportSatisfaction"),
        post(path, "{\"timestamp\": " + now + ", \"goalAttainment\": 1E-999999999}").naming("goalAttainment"),
        post(path, "{\"timestamp\": " + now + ", \"nps\": 1E+999999999}").naming("nps"),
        post(path, "{\"timestamp\": " + now + ", \"nps\": " + THOUSAND_DIGITS + "}").naming("nps"),
        post(path, "[{\"timestamp\": " + now + ", \"goalAttainment\": 0." + "3".repeat(40) + "}]").naming("goalAttainment"),
        // Times far ahead of the server clock or out of range.
        post(path, "{\"timestamp\": \"3000-01-01T00:00:00Z\", \"nps\": 7}").naming("timestamp"),
        post(path, "{\"timestamp\": \"" + java.time.OffsetDateTime.now().plusHours(1) + "\", \"nps\": 7}").naming("timestamp"),
        post(path, "{\"timestamp\": \"1899-12-31T00:00:00Z\", \"nps\": 7}").naming("timestamp"),
        post(path, "{\"timestamp\": \"+999999999-12-31T23:59:59Z\", \"nps\": 7}").naming("timestamp"),
        post(path, "{\"timestamp\": \"" + "2".repeat(100_000) + "\", \"nps\": 7}").naming("timestamp"),
        // Nested too deep; text where text belongs only.
        post(path, "{\"timestamp\": " + now + ", \"csmComment\": " + DEEP + "}").naming("csmComment"),
        post(path, "{\"timestamp\": " + now + ", \"csmSentiment\": 1}").naming("csmSentiment"),
        post("/api/accounts/a%2Fb/health-signals", "{\"timestamp\": " + now + ", \"nps\": 7}"),
        get("/api/accounts/" + account + "/health/history?limit=1E+999999999").naming("limit"),
        get("/api/accounts/" + account + "/health/history?limit=" + THOUSAND_DIGITS).naming("limit"));
    assertRefusedWithoutChange(calls, true);
  }

  @Test
  void theCrmWebhookRefusesBadInputAndStartsNothing() throws Exception {
    String deal = validDeal("battery-" + UUID.randomUUID());
    long now = Instant.now().getEpochSecond();
    List<Call> calls = List.of(
        crm(deal).header(BatonSignature.HEADER, null),
        crm(deal).header(BatonSignature.HEADER, "t=" + now + ",v1=" + "0".repeat(64)),
        crm(deal).header(BatonSignature.HEADER, BatonSignature.sign("someone-elses-secret", now, bytes(deal))),
        crm(deal).header(BatonSignature.HEADER, BatonSignature.sign(CRM_SECRET, now - 3600, bytes(deal))),
        crm(deal).header(BatonSignature.HEADER, "garbage"),
        signedCrm(deal.substring(0, deal.length() / 2)),
        signedCrm(deal.replace("\"amount\": 48000", "\"amount\": \"a lot\"")),
        signedCrm(deal.replace("\"closeDate\": \"2026-11-20\"", "\"closeDate\": \"2026-11-31\"")),
        signedCrm(deal.replace("\"closeDate\": \"2026-11-20\"", "\"closeDate\": \"2026-11-20T00:00:00+25:00\"")),
        signedCrm(deal.replace("\"crm\": \"zoho\"", "\"crm\": \"zoho\", \"discount\": 50")),
        signedCrm(deal.replace("\"dealId\": \"", "\"dealId\": \"" + INJECTION.replace("'", "")).replace(";", "")),
        signedCrm(deal.replace("\"accountName\": \"Acme Logistics\"", "\"accountName\": \"" + "A".repeat(100_000) + "\"")),
        signedCrm("{\"crm\": \"zoho\", \"pad\": \"" + HUGE + "\"}"),
        signedCrm(deal).type("text/plain"),
        signedCrm("[]"),
        // Numbers: huge exponents, a thousand digits, too many decimals.
        signedCrm(deal.replace("\"amount\": 48000", "\"amount\": 1E+999999999")).naming("amount"),
        signedCrm(deal.replace("\"amount\": 48000", "\"amount\": 1E-999999999")).naming("amount"),
        signedCrm(deal.replace("\"amount\": 48000", "\"amount\": " + THOUSAND_DIGITS)).naming("amount"),
        signedCrm(deal.replace("\"amount\": 48000", "\"amount\": 48000.0000000000000000000000001")).naming("amount"),
        // Dates out of range.
        signedCrm(deal.replace("\"closeDate\": \"2026-11-20\"", "\"closeDate\": \"1899-11-20\"")).naming("closeDate"),
        signedCrm(deal.replace("\"renewalDate\": \"2027-12-01\"", "\"renewalDate\": \"2999-12-01\"")).naming("renewalDate"),
        signedCrm(deal.replace("\"contractEnd\": \"2027-11-30\"", "\"contractEnd\": \"+99999-11-30\"")).naming("contractEnd"),
        // Nested too deep.
        signedCrm(deal.replace("\"accountName\": \"Acme Logistics\"", "\"accountName\": " + DEEP)).naming("accountName"),
        crm(deal).header(BatonSignature.HEADER, "t=" + THOUSAND_DIGITS + ",v1=" + "0".repeat(64)).naming(BatonSignature.HEADER));
    assertRefusedWithoutChange(calls, true);
  }

  @Test
  void theHubSpotWebhookRefusesBadInputAndStartsNothing() throws Exception {
    String event = "{\"eventId\": 1, \"subscriptionType\": \"deal.propertyChange\", \"objectId\": %s, "
        + "\"propertyName\": \"dealstage\", \"propertyValue\": \"closedwon\", \"occurredAt\": 1764000000000}";
    String batch = "[" + event.formatted(Math.abs(UUID.randomUUID().getMostSignificantBits() % 1_000_000_000L)) + "]";
    String now = String.valueOf(System.currentTimeMillis());
    List<Call> calls = List.of(
        hubspot(batch, now).header(HubSpotSignature.SIGNATURE_HEADER, null),
        hubspot(batch, now).header(HubSpotSignature.SIGNATURE_HEADER, Base64.getEncoder().encodeToString(new byte[32])),
        hubspot(batch, String.valueOf(System.currentTimeMillis() - 3_600_000)),
        hubspot(batch, now).header(HubSpotSignature.TIMESTAMP_HEADER, "not-a-time"),
        hubspot(batch.substring(0, 30), now),
        hubspot("{\"objectId\": 1}", now),
        hubspot("[" + (event.formatted("\"" + INJECTION + "\"")) + "]", now),
        hubspot("[" + String.join(",", java.util.Collections.nCopies(101, event.formatted(7))) + "]", now),
        hubspot("[\"" + HUGE + "\"]", now),
        hubspot(batch, now).type("application/x-www-form-urlencoded"),
        // Numbers: huge exponents, a thousand digits; nested too deep.
        hubspot("[" + event.formatted("1E+999999999") + "]", now).naming("objectId"),
        hubspot("[" + event.formatted(THOUSAND_DIGITS) + "]", now).naming("objectId"),
        hubspot("[" + event.formatted("7").replace("\"eventId\": 1", "\"eventId\": 1E-999999999") + "]", now).naming("eventId"),
        hubspot("[" + event.formatted(DEEP) + "]", now).naming("objectId"),
        hubspot(batch, THOUSAND_DIGITS).naming(HubSpotSignature.TIMESTAMP_HEADER));
    assertRefusedWithoutChange(calls, true);
  }

  @Test
  void customerLinksAndTheRaciChartRefuseBadInputAndChangeNothing() throws Exception {
    List<Call> calls = List.of(
        get("/customer/questions/" + enc(INJECTION)).as(null),
        get("/customer/questions/" + UUID.randomUUID() + ".likely.forged").as(null),
        new Call("POST", "/customer/questions/" + UUID.randomUUID() + ".likely.forged", "comment=hi",
            "application/x-www-form-urlencoded", null, new LinkedHashMap<>()),
        new Call("POST", "/customer/questions/abc", "{}", "application/json", null, new LinkedHashMap<>()),
        get("/api/raci?format=" + enc(INJECTION)).as("csm-demo:demo"),
        get("/api/raci").as(null),
        get("/customer/questions/a%2Fb").as(null),
        new Call("POST", "/customer/questions/a%2Fb", "comment=hi", "application/x-www-form-urlencoded", null,
            new LinkedHashMap<>()));
    assertRefusedWithoutChange(calls, false);
  }

  private void assertRefusedWithoutChange(List<Call> calls, boolean problemJson) throws Exception {
    Map<String, Long> before = snapshot();
    List<String> wrong = new ArrayList<>();
    for (Call call : calls) {
      HttpResponse<String> response = send(call);
      int status = response.statusCode();
      String type = response.headers().firstValue("Content-Type").orElse("");
      String what = call.method() + " " + abbreviate(call.path()) + " " + abbreviate(call.body()) + " -> " + status
          + " " + abbreviate(response.body());
      if (status < 400 || status >= 500) {
        wrong.add("not a 4xx: " + what);
      } else if (problemJson && call.path().startsWith("/api/") && !type.startsWith("application/problem+json")) {
        wrong.add("not problem+json (" + type + "): " + what);
      } else if (problemJson && call.path().startsWith("/api/") && !response.body().contains("\"detail\"")) {
        wrong.add("no detail saying what is wrong: " + what);
      } else if (call.field() != null && !response.body().contains(call.field())) {
        wrong.add("does not name " + call.field() + ": " + what);
      } else if (call.path().startsWith("/api/") && response.body().length() > MAX_ERROR_BODY) {
        wrong.add("an error body of " + response.body().length() + " characters: " + what);
      }
    }
    assertThat(wrong).isEmpty();
    assertThat(snapshot()).isEqualTo(before);
  }

  /** Row counts of Baton's tables and of Camunda's instances: nothing may change. */
  private Map<String, Long> snapshot() {
    Map<String, Long> counts = new LinkedHashMap<>();
    for (String table : List.of("baton_account", "baton_account_team", "baton_account_lifecycle", "baton_health_signal",
        "baton_health_score", "baton_handoff_deal", "baton_customer_question")) {
      counts.put(table, jdbc.sql("select count(*) from " + table).query(Long.class).single());
    }
    counts.put("process instances", runtime.createProcessInstanceQuery().count());
    counts.put("historic process instances", history.createHistoricProcessInstanceQuery().count());
    return counts;
  }

  private String validDeal(String dealId) {
    return """
        {"crm": "zoho", "dealId": "%s", "accountId": "%s", "accountName": "Acme Logistics",
         "amount": 48000, "currency": "EUR", "closeDate": "2026-11-20", "contractStart": "2026-12-01",
         "contractEnd": "2027-11-30", "renewalDate": "2027-12-01", "ownerEmail": "sales-rep-demo@example.com",
         "contacts": [{"name": "Ann Buyer", "email": "ann@acme.example", "role": "champion"}]}"""
        .formatted(dealId, dealId);
  }

  private Call crm(String body) {
    return new Call("POST", "/api/webhooks/crm", body, "application/json", null, new LinkedHashMap<>());
  }

  private Call signedCrm(String body) {
    return crm(body).header(BatonSignature.HEADER, BatonSignature.sign(CRM_SECRET, Instant.now().getEpochSecond(), bytes(body)));
  }

  private Call hubspot(String body, String timestamp) {
    return new Call("POST", "/api/webhooks/hubspot", body, "application/json", null, new LinkedHashMap<>())
        .header(HubSpotSignature.TIMESTAMP_HEADER, timestamp)
        .header(HubSpotSignature.SIGNATURE_HEADER, HubSpotSignature.sign(HUBSPOT_SECRET, "POST", HUBSPOT_URL, bytes(body), timestamp));
  }

  private static Call put(String path, String body) {
    return new Call("PUT", path, body, "application/json", API, new LinkedHashMap<>());
  }

  private static Call post(String path, String body) {
    return new Call("POST", path, body, "application/json", API, new LinkedHashMap<>());
  }

  private static Call get(String path) {
    return new Call("GET", path, null, null, API, new LinkedHashMap<>());
  }

  private HttpResponse<String> send(Call call) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + call.path()));
    if (call.body() == null) {
      request.method(call.method(), HttpRequest.BodyPublishers.noBody());
    } else {
      request.method(call.method(), HttpRequest.BodyPublishers.ofByteArray(bytes(call.body())));
      request.header("Content-Type", call.contentType());
    }
    if (call.credentials() != null) {
      request.header("Authorization", "Basic " + Base64.getEncoder().encodeToString(call.credentials().getBytes()));
    }
    call.headers().forEach((name, value) -> {
      if (value != null) {
        request.header(name, value);
      }
    });
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private static String enc(String text) {
    return java.net.URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
  }

  private static String abbreviate(String text) {
    return text == null ? "" : text.length() <= 120 ? text : text.substring(0, 120) + "...(" + text.length() + ")";
  }

  /** One request; {@code field}, when set, is what the answer must name. */
  record Call(String method, String path, String body, String contentType, String credentials, Map<String, String> headers,
      String field) {

    Call(String method, String path, String body, String contentType, String credentials, Map<String, String> headers) {
      this(method, path, body, contentType, credentials, headers, null);
    }

    Call header(String name, String value) {
      Map<String, String> copy = new LinkedHashMap<>(headers);
      copy.put(name, value);
      return new Call(method, path, body, contentType, credentials, copy, field);
    }

    Call type(String type) {
      return new Call(method, path, body, type, credentials, headers, field);
    }

    Call as(String user) {
      return new Call(method, path, body, contentType, user, headers, field);
    }

    Call naming(String expected) {
      return new Call(method, path, body, contentType, credentials, headers, expected);
    }
  }
  @Test
  void theSalesforceWebhookRefusesBadInputWithSoapFaultsAndStartsNothing() throws Exception {
    String opportunity = "006" + UUID.randomUUID().toString().replace("-", "").substring(0, 15);
    String message = java.nio.file.Files.readString(java.nio.file.Path.of("docs/examples/salesforce-outbound-message.xml"))
        .replace("0065g00000XyZ12AAB", opportunity);
    String path = "/api/webhooks/salesforce/test-salesforce-webhook-token";
    String notification = message.substring(message.indexOf("<Notification>"), message.indexOf("</Notification>") + 15);
    String doctype = "<?xml version=\"1.0\"?>\n<!DOCTYPE lolz [<!ENTITY lol \"lol\"><!ENTITY lol2 \"&lol;&lol;&lol;&lol;\">]>";
    List<Call> calls = List.of(
        soap("/api/webhooks/salesforce", message),
        soap("/api/webhooks/salesforce/wrong-token", message),
        soap(path, message.replace("00D5g000004TestAAA", "00D5g000004OtherAA")),
        soap(path, message.substring(0, message.length() / 2)),
        soap(path, message.replaceFirst("<\\?xml[^>]*>", doctype).replace("Acme Logistics - Platform", "&lol2;")),
        soap(path, message.replaceFirst("<\\?xml[^>]*>",
            "<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>").replace("Closed Won", "&xxe;")),
        soap(path, message.replace("<sf:Amount>48000.0</sf:Amount>", "<sf:Amount>a lot</sf:Amount>")),
        soap(path, message.replace("2026-11-20", "2026-02-30")),
        soap(path, message.replace("2026-11-20", "3000-11-20")),
        soap(path, message.replace("2026-11-20", "1899-11-20")),
        soap(path, message.replace("<sf:Amount>48000.0</sf:Amount>", "<sf:Amount>1E+999999999</sf:Amount>")),
        soap(path, message.replace(opportunity, INJECTION.replace("'", "&apos;").replace("<", ""))),
        soap(path, message.replace("sf:Opportunity", "sf:Account")),
        soap(path, message.replace(notification, String.join("", java.util.Collections.nCopies(101, notification)))),
        soap(path, message.replace("Acme Logistics - Platform", HUGE)),
        soap(path, ""),
        soap(path, "{\"OrganizationId\": \"00D5g000004TestAAA\"}").type("application/json"));
    Map<String, Long> before = snapshot();
    List<String> wrong = new ArrayList<>();
    for (Call call : calls) {
      HttpResponse<String> response = send(call);
      String what = abbreviate(call.path()) + " " + abbreviate(call.body()) + " -> " + response.statusCode() + " "
          + abbreviate(response.body());
      if (response.statusCode() < 400 || response.statusCode() >= 500) {
        wrong.add("not a 4xx: " + what);
      } else if (!response.headers().firstValue("Content-Type").orElse("").startsWith("text/xml")
          || !response.body().contains("<faultstring>")) {
        wrong.add("not a SOAP fault: " + what);
      }
    }
    assertThat(wrong).isEmpty();
    assertThat(snapshot()).isEqualTo(before);
  }

  @Test
  void thePipedriveWebhookRefusesBadInputAndStartsNothing() throws Exception {
    String dealId = String.valueOf(Math.abs(UUID.randomUUID().getMostSignificantBits() % 1_000_000_000L) + 1);
    String event = java.nio.file.Files.readString(java.nio.file.Path.of("docs/examples/pipedrive-deal-won.json"))
        .replace("4711", dealId);
    String auth = "Basic " + Base64.getEncoder().encodeToString("test-pipedrive:test-pipedrive-webhook-password".getBytes());
    List<Call> calls = List.of(
        pipedrive(event, null),
        pipedrive(event, "Basic " + Base64.getEncoder().encodeToString("test-pipedrive:guess".getBytes())),
        pipedrive(event, "Basic " + Base64.getEncoder().encodeToString("someone:test-pipedrive-webhook-password".getBytes())),
        pipedrive(event, "Basic %%%not-base64"),
        pipedrive(event, "Bearer test-pipedrive-webhook-password"),
        pipedrive(event.substring(0, event.length() / 2), auth),
        pipedrive("[" + event + "]", auth),
        pipedrive(event.replace("\"value\": 48000", "\"value\": \"a lot\""), auth),
        pipedrive(event.replace("\"id\": " + dealId, "\"id\": \"" + INJECTION + "\""), auth),
        pipedrive(event.replace("\"won_time\": \"2026-11-20T10:15:03Z\"", "\"won_time\": \"2026-11-20T10:15:03+25:00\""), auth),
        pipedrive(event.replace("\"currency\": \"EUR\"", "\"currency\": \"EURO\""), auth),
        pipedrive(event.replace("\"won_time\": \"2026-11-20T10:15:03Z\"", "\"won_time\": \"3000-11-20T10:15:03Z\""), auth),
        pipedrive(event.replace("\"value\": 48000", "\"value\": 1E+999999999"), auth),
        pipedrive(event.replace("\"version\": \"2.0\"", "\"version\": \"1.0\""), auth),
        pipedrive(event.replace("\"meta\"", "\"metadata\""), auth),
        pipedrive(event.replace("Acme Logistics - Platform", HUGE), auth),
        pipedrive(event, auth).type("text/plain"));
    assertRefusedWithoutChange(calls, true);
  }

  private Call soap(String path, String body) {
    return new Call("POST", path, body, "text/xml; charset=utf-8", null, new LinkedHashMap<>()).header("SOAPAction", "\"\"");
  }

  private Call pipedrive(String body, String authorization) {
    return new Call("POST", "/api/webhooks/pipedrive", body, "application/json", null, new LinkedHashMap<>())
        .header("Authorization", authorization);
  }
}
