package dev.baton.crm;

import static dev.baton.crm.HubSpotSignatureTest.assertRejected;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The generic webhook's Baton-Signature (t=..., v1=hex HMAC-SHA256 of "t.body"). */
class BatonSignatureTest {

  static final String SECRET = "whsec-example";
  static final byte[] BODY = "{\"crm\":\"salesforce\"}".getBytes(StandardCharsets.UTF_8);
  static final long T = 1_764_000_000L;
  static final Instant NOW = Instant.ofEpochSecond(T);

  final BatonSignature signature = new BatonSignature(SECRET);

  @Test
  void signsAsOpensslDoes() {
    // printf '%s' '1764000000.{"crm":"salesforce"}' | openssl dgst -sha256 -hmac whsec-example
    assertThat(BatonSignature.sign(SECRET, T, BODY))
        .isEqualTo("t=1764000000,v1=68f201bd4893cd49786dfd9317e8101a54d842c8e2d2e9d3a6be7da3dc346be4");
  }

  @Test
  void acceptsItsOwnSignatureWithin300Seconds() {
    String header = BatonSignature.sign(SECRET, T, BODY);
    assertThatCode(() -> signature.verify(header, BODY, NOW.plusSeconds(300))).doesNotThrowAnyException();
    assertThatCode(() -> signature.verify(header, BODY, NOW.minusSeconds(300))).doesNotThrowAnyException();
  }

  @Test
  void acceptsWhenOneOfSeveralSignaturesMatches() {
    String header = "t=" + T + ",v1=" + "00".repeat(32) + "," + BatonSignature.sign(SECRET, T, BODY).split(",")[1];
    assertThatCode(() -> signature.verify(header, BODY, NOW)).doesNotThrowAnyException();
  }

  @Test
  void rejectsAStaleSignature() {
    String header = BatonSignature.sign(SECRET, T, BODY);
    assertRejected(() -> signature.verify(header, BODY, NOW.plusSeconds(301)), "more than the 300 s allowed");
  }

  @Test
  void rejectsAChangedBodyOrTimestamp() {
    String header = BatonSignature.sign(SECRET, T, BODY);
    assertRejected(() -> signature.verify(header, "{\"crm\":\"pipedrive\"}".getBytes(StandardCharsets.UTF_8), NOW),
        "v1 does not match");
    String moved = header.replace("t=" + T, "t=" + (T + 1));
    assertRejected(() -> signature.verify(moved, BODY, NOW), "v1 does not match");
  }

  @Test
  void rejectsAnotherSecret() {
    String header = BatonSignature.sign("another-secret", T, BODY);
    assertRejected(() -> signature.verify(header, BODY, NOW), "v1 does not match");
  }

  @Test
  void rejectsMissingOrMalformedHeaders() {
    assertRejected(() -> signature.verify(null, BODY, NOW), "Baton-Signature: missing");
    assertRejected(() -> signature.verify("v1=abc", BODY, NOW), "lacks t=");
    assertRejected(() -> signature.verify("t=" + T, BODY, NOW), "lacks v1=");
    assertRejected(() -> signature.verify("t=soon,v1=abc", BODY, NOW), "t='soon' is not a time");
  }

  @Test
  void refusesTimesNoInstantCanHoldAsStaleOrUnreadable() {
    assertRejected(() -> signature.verify("t=9223372036854775807,v1=abc", BODY, NOW),
        "t=9223372036854775807 is 9223372035090775807 s ahead of Baton's clock");
    assertRejected(() -> signature.verify("t=-9223372036854775808,v1=abc", BODY, NOW),
        "t=-9223372036854775808 is 9223372038618775808 s before Baton's clock");
    assertRejected(() -> signature.verify("t=9223372036854775808,v1=abc", BODY, NOW), "is not a time");
    assertRejected(() -> signature.verify("t=+1764000000,v1=abc", BODY, NOW), "is not a time");
    assertRejected(() -> signature.verify("t=\u0661\u0667\u0666\u0664,v1=abc", BODY, NOW), "is not a time");
    assertRejected(() -> signature.verify("t=1e9,v1=abc", BODY, NOW), "is not a time");
  }
}
