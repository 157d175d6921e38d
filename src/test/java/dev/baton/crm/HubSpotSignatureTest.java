package dev.baton.crm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.baton.web.ApiProblem;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * HubSpot's v3 request signature, checked against the example HubSpot publishes with its own client
 * libraries (hubspot-api-python, tests/spec/utils/test_signature.py: client secret
 * yyyyyyyy-yyyy-yyyy-yyyy-yyyyyyyyyyyy, POST https://www.example.com/webhook_uri, timestamp 15000000).
 */
class HubSpotSignatureTest {

  static final String SECRET = "yyyyyyyy-yyyy-yyyy-yyyy-yyyyyyyyyyyy";
  static final String URL = "https://www.example.com/webhook_uri";
  static final byte[] BODY = "{'example_field':'example_value'}".getBytes(StandardCharsets.UTF_8);
  static final String TIMESTAMP = "15000000";
  static final String PUBLISHED = "HPW73RUtKmcYoEDADG0s6MmGFWUzWJKAW07r8RDgcQw=";
  /** When HubSpot's example was signed: 15000000 ms after the epoch. */
  static final Instant SIGNED_AT = Instant.ofEpochMilli(15_000_000);

  final HubSpotSignature signature = new HubSpotSignature(SECRET, URL);

  @Test
  void signsHubSpotsPublishedV3ExampleToThePublishedValue() {
    assertThat(HubSpotSignature.sign(SECRET, "POST", URL, BODY, TIMESTAMP)).isEqualTo(PUBLISHED);
  }

  @Test
  void acceptsHubSpotsPublishedV3ExampleWithinFiveMinutes() {
    assertThatCode(() -> signature.verify("POST", BODY, PUBLISHED, TIMESTAMP, SIGNED_AT.plusSeconds(299)))
        .doesNotThrowAnyException();
  }

  @Test
  void rejectsTheExampleSignedMoreThanFiveMinutesAgo() {
    assertRejected(() -> signature.verify("POST", BODY, PUBLISHED, TIMESTAMP, SIGNED_AT.plusSeconds(301)),
        "X-HubSpot-Request-Timestamp: 15000000 is 301 s before Baton's clock");
  }

  @Test
  void rejectsATimestampFarInTheFuture() {
    assertRejected(() -> signature.verify("POST", BODY, PUBLISHED, TIMESTAMP, SIGNED_AT.minusSeconds(301)),
        "ahead of Baton's clock");
  }

  @Test
  void rejectsAChangedBody() {
    byte[] changed = "{'example_field':'example_valuE'}".getBytes(StandardCharsets.UTF_8);
    assertRejected(() -> signature.verify("POST", changed, PUBLISHED, TIMESTAMP, SIGNED_AT),
        "X-HubSpot-Signature-v3: does not match");
  }

  @Test
  void rejectsAnotherTimestampUnderTheSameSignature() {
    assertRejected(() -> signature.verify("POST", BODY, PUBLISHED, "15000001", SIGNED_AT),
        "does not match");
  }

  @Test
  void rejectsAnotherClientSecret() {
    HubSpotSignature other = new HubSpotSignature("zzzzzzzz-zzzz-zzzz-zzzz-zzzzzzzzzzzz", URL);
    assertRejected(() -> other.verify("POST", BODY, PUBLISHED, TIMESTAMP, SIGNED_AT), "does not match");
  }

  @Test
  void rejectsAnotherWebhookUrl() {
    HubSpotSignature other = new HubSpotSignature(SECRET, "https://www.example.com/other_uri");
    assertRejected(() -> other.verify("POST", BODY, PUBLISHED, TIMESTAMP, SIGNED_AT), "does not match");
  }

  @Test
  void rejectsMissingOrUnreadableHeaders() {
    assertRejected(() -> signature.verify("POST", BODY, null, TIMESTAMP, SIGNED_AT),
        "X-HubSpot-Signature-v3: missing");
    assertRejected(() -> signature.verify("POST", BODY, PUBLISHED, null, SIGNED_AT),
        "X-HubSpot-Request-Timestamp: missing");
    assertRejected(() -> signature.verify("POST", BODY, PUBLISHED, "yesterday", SIGNED_AT),
        "'yesterday' is not a time");
  }

  @Test
  void refusesTimestampsAtTheEndsOfTheNumberRangeAsStale() {
    assertRejected(() -> signature.verify("POST", BODY, PUBLISHED, String.valueOf(Long.MAX_VALUE), SIGNED_AT),
        "ahead of Baton's clock");
    assertRejected(() -> signature.verify("POST", BODY, PUBLISHED, String.valueOf(Long.MIN_VALUE), SIGNED_AT),
        "before Baton's clock");
    assertRejected(() -> signature.verify("POST", BODY, PUBLISHED, "99999999999999999999", SIGNED_AT),
        "is not a time");
  }

  @Test
  void signsTheUrlWithTheCharactersHubSpotDecodes() {
    String encoded = "https://www.example.com/webhook_uri%3Fportal%3D62515%2Cdeal%40x";
    String decoded = "https://www.example.com/webhook_uri?portal%3D62515,deal@x";
    assertThat(HubSpotSignature.decode(encoded)).isEqualTo(decoded);
    assertThat(HubSpotSignature.sign(SECRET, "POST", encoded, BODY, TIMESTAMP))
        .isEqualTo(HubSpotSignature.sign(SECRET, "POST", decoded, BODY, TIMESTAMP));
  }

  static void assertRejected(Runnable verification, String detail) {
    assertThatThrownBy(verification::run).isInstanceOfSatisfying(ApiProblem.class, problem -> {
      assertThat(problem.getStatusCode().value()).isEqualTo(401);
      assertThat(problem.getBody().getDetail()).contains(detail);
    });
  }
}
