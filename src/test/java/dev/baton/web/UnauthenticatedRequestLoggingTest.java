package dev.baton.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.support.BatonIntegrationTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Nobody without credentials can fill Baton's log: a battery of hostile requests (webhooks with absurd
 * signature headers and bodies, customer pages with junk tokens, junk credentials on the API) is
 * answered 4xx, as problem+json on the API, and leaves no stack trace in the log.
 */
@BatonIntegrationTest
@ExtendWith(OutputCaptureExtension.class)
class UnauthenticatedRequestLoggingTest {

  static final Pattern STACK_TRACE_LINE = Pattern.compile("(?m)^\\s+at ");
  static final String EVENT = "{\"crm\":\"salesforce\",\"dealId\":\"006-hostile\"}";

  @LocalServerPort int port;
  final HttpClient http = HttpClient.newHttpClient();

  @Test
  void hostileUnauthenticatedRequestsAnswer4xxAndLeaveNoStackTraceInTheLog(CapturedOutput output) throws Exception {
    List<HttpResponse<String>> answers = new ArrayList<>();
    for (String signature : List.of("t=9223372036854775807,v1=00", "t=-9223372036854775808,v1=00",
        "t=9223372036854775808,v1=00", "t=-1,v1=00", "t=0,v1=00", "t=1e9,v1=00", "t=+1764000000,v1=00",
        "t=,v1=", "=,=,=", ",,,,", "t", "v1=" + "f".repeat(4000),
        "t=" + "9".repeat(4000) + ",v1=00", "t=1764000000,t=9223372036854775807,v1=00")) {
      answers.add(send(post("/api/webhooks/crm", EVENT).header("Baton-Signature", signature)));
    }
    for (String timestamp : List.of(String.valueOf(Long.MAX_VALUE), String.valueOf(Long.MIN_VALUE),
        "99999999999999999999", "-0", "1.5e12", "NaN", " ", "0x1F")) {
      answers.add(send(post("/api/webhooks/hubspot", "[]").header("X-HubSpot-Request-Timestamp", timestamp)
          .header("X-HubSpot-Signature-v3", "AAAA")));
    }
    answers.add(send(post("/api/webhooks/crm", "{".repeat(100_000)).header("Baton-Signature", "t=1,v1=00")));
    answers.add(send(post("/api/webhooks/crm", "\u0000\uffff".repeat(1000)).header("Baton-Signature", "t=1,v1=00")));
    answers.add(send(HttpRequest.newBuilder(uri("/api/webhooks/crm")).header("Content-Type", "application/json; charset=no-such")
        .POST(HttpRequest.BodyPublishers.ofString(EVENT))));
    answers.add(send(HttpRequest.newBuilder(uri("/api/webhooks/hubspot")).header("Content-Type", "text/x-junk;;;=")
        .POST(HttpRequest.BodyPublishers.ofString(EVENT))));
    answers.add(send(post("/api/webhooks/crm", "x".repeat(2 * 1024 * 1024)).header("Baton-Signature", "t=1,v1=00")));
    for (String credentials : List.of("Basic !!!", "Basic " + base64("no-colon"), "Basic " + base64(":"),
        "Basic " + base64("\u0000:\u0000"), "Bearer " + "x".repeat(3000), "Basic")) {
      answers.add(send(HttpRequest.newBuilder(uri("/api/accounts/hostile")).header("Authorization", credentials).GET()));
    }
    List<HttpResponse<String>> pages = new ArrayList<>();
    for (String token : List.of("junk", "a.b.c", "..", "a.b.c.d", "%E2%80%AE", "x".repeat(4000),
        "00000000-0000-0000-0000-000000000000.yes." + "A".repeat(43))) {
      pages.add(send(HttpRequest.newBuilder(uri("/customer/questions/" + token)).GET()));
      pages.add(send(HttpRequest.newBuilder(uri("/customer/questions/" + token))
          .header("Content-Type", "application/x-www-form-urlencoded")
          .POST(HttpRequest.BodyPublishers.ofString("comment=" + "c".repeat(5000)))));
    }
    pages.add(send(HttpRequest.newBuilder(uri("/customer/questions/a.b.c")).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString("{}"))));

    assertThat(answers).allSatisfy(answer -> {
      assertThat(answer.statusCode()).as(answer.request().uri() + " " + answer.body()).isBetween(400, 499);
      assertThat(answer.headers().firstValue("Content-Type")).as(answer.body()).hasValue("application/problem+json");
    });
    assertThat(pages).allSatisfy(page ->
        assertThat(page.statusCode()).as(page.request().uri() + " " + page.body()).isBetween(400, 499));
    assertThat(STACK_TRACE_LINE.matcher(output.getAll()).find()).as(output.getAll()).isFalse();
  }

  private HttpRequest.Builder post(String path, String body) {
    return HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body));
  }

  private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private URI uri(String path) {
    return URI.create("http://localhost:" + port + path);
  }

  private static String base64(String text) {
    return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
  }
}
