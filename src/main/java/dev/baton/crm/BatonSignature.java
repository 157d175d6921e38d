package dev.baton.crm;

import dev.baton.security.Hmac;
import dev.baton.web.ApiProblem;
import dev.baton.web.Excerpt;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * The generic CRM webhook's signature, Stripe-style: header
 * {@code Baton-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<raw body>">}, keyed with
 * {@code baton.crm.webhook-secret}. Several {@code v1=} entries may be sent (one per secret while a
 * secret is rotated); one matching is enough.
 */
public final class BatonSignature {

  public static final String HEADER = "Baton-Signature";
  public static final Duration TOLERANCE = Duration.ofSeconds(300);
  private static final String FORMAT = "send t=<unix seconds>,v1=<hex HMAC-SHA256 of \"<t>.<raw body>\"> "
      + "keyed with the webhook secret (docs/webhooks.md)";

  private final String secret;

  public BatonSignature(String secret) {
    this.secret = secret;
  }

  /** The header value for this body signed at this time. */
  public static String sign(String secret, long unixSeconds, byte[] body) {
    return "t=" + unixSeconds + ",v1=" + hex(secret, String.valueOf(unixSeconds), body);
  }

  /** Throws a 401 problem unless the header signs this body within 300 s of now. */
  public void verify(String header, byte[] body, Instant now) {
    if (header == null || header.isBlank()) {
      throw ApiProblem.unauthorized(HEADER + ": missing; " + FORMAT);
    }
    String t = null;
    List<String> signatures = new ArrayList<>();
    for (String part : header.split(",")) {
      int eq = part.indexOf('=');
      if (eq < 0) {
        continue;
      }
      String key = part.substring(0, eq).trim();
      String value = part.substring(eq + 1).trim();
      if (key.equals("t")) {
        t = value;
      } else if (key.equals("v1")) {
        signatures.add(value.toLowerCase(java.util.Locale.ROOT));
      }
    }
    if (t == null || signatures.isEmpty()) {
      throw ApiProblem.unauthorized(HEADER + ": '" + Excerpt.of(header) + "' lacks "
          + (t == null ? "t=" : "v1=") + "; " + FORMAT);
    }
    String time = t;
    long seconds = SigningTime.parse(time).orElseThrow(() -> ApiProblem.unauthorized(HEADER + ": t='"
        + Excerpt.of(time) + "' is not a time; send seconds since 1970-01-01T00:00:00Z"));
    long nowSeconds = now.getEpochSecond();
    if (!SigningTime.fresh(seconds, nowSeconds, TOLERANCE.toSeconds())) {
      throw ApiProblem.unauthorized(HEADER + ": t=" + seconds + " is " + SigningTime.distance(seconds, nowSeconds, 1)
          + " s " + SigningTime.direction(seconds, nowSeconds) + " Baton's clock, more than the "
          + TOLERANCE.toSeconds() + " s allowed; sign each call when it is sent (and check the clocks)");
    }
    String expected = hex(secret, t, body);
    boolean matched = false;
    for (String signature : signatures) {
      matched |= Hmac.equal(expected, signature);
    }
    if (!matched) {
      throw ApiProblem.unauthorized(HEADER + ": v1 does not match the body; " + FORMAT
          + " (check baton.crm.webhook-secret)");
    }
  }

  private static String hex(String secret, String t, byte[] body) {
    return HexFormat.of().formatHex(Hmac.sha256(secret, Hmac.utf8(t + "."), body));
  }
}
