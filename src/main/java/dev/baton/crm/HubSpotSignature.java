package dev.baton.crm;

import dev.baton.security.Hmac;
import dev.baton.web.ApiProblem;
import dev.baton.web.Excerpt;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;

/**
 * HubSpot's v3 request signature ({@code X-HubSpot-Signature-v3}): Base64 of HMAC-SHA256, keyed with
 * the app's client secret, over method + URI + raw body + {@code X-HubSpot-Request-Timestamp}
 * (milliseconds). The URI is the public webhook URL configured in the HubSpot app: behind a proxy the
 * request Baton sees has another host, so Baton signs the configured URL, not its own.
 */
public final class HubSpotSignature {

  public static final String SIGNATURE_HEADER = "X-HubSpot-Signature-v3";
  public static final String TIMESTAMP_HEADER = "X-HubSpot-Request-Timestamp";
  /** HubSpot's replay window: a delivery signed longer ago than this is refused. */
  public static final Duration TOLERANCE = Duration.ofMinutes(5);

  /** HubSpot signs these characters decoded (its v3 validation guide lists them). */
  private static final Map<String, String> DECODED = Map.ofEntries(
      Map.entry("%3A", ":"), Map.entry("%2F", "/"), Map.entry("%3F", "?"), Map.entry("%40", "@"),
      Map.entry("%21", "!"), Map.entry("%24", "$"), Map.entry("%27", "'"), Map.entry("%28", "("),
      Map.entry("%29", ")"), Map.entry("%2A", "*"), Map.entry("%2C", ","), Map.entry("%3B", ";"));

  private final String clientSecret;
  private final String uri;

  public HubSpotSignature(String clientSecret, String webhookUrl) {
    this.clientSecret = clientSecret;
    this.uri = decode(webhookUrl);
  }

  /** The v3 signature of a request, as HubSpot computes it. */
  public static String sign(String clientSecret, String method, String uri, byte[] body, String timestamp) {
    return Base64.getEncoder().encodeToString(
        Hmac.sha256(clientSecret, Hmac.utf8(method + decode(uri)), body, Hmac.utf8(timestamp)));
  }

  /** Throws a 401 problem unless the headers sign this body for the configured URL within 5 minutes of now. */
  public void verify(String method, byte[] body, String signature, String timestamp, Instant now) {
    if (signature == null || signature.isBlank()) {
      throw ApiProblem.unauthorized(SIGNATURE_HEADER + ": missing; HubSpot signs every webhook with its v3 signature "
          + "(check that this URL is the app's webhook target)");
    }
    if (timestamp == null || timestamp.isBlank()) {
      throw ApiProblem.unauthorized(TIMESTAMP_HEADER + ": missing; send the time of signing in milliseconds");
    }
    long millis = SigningTime.parse(timestamp.trim()).orElseThrow(() -> ApiProblem.unauthorized(TIMESTAMP_HEADER + ": '"
        + Excerpt.of(timestamp) + "' is not a time; send milliseconds since 1970-01-01T00:00:00Z"));
    long nowMillis = now.toEpochMilli();
    if (!SigningTime.fresh(millis, nowMillis, TOLERANCE.toMillis())) {
      throw ApiProblem.unauthorized(TIMESTAMP_HEADER + ": " + millis + " is "
          + SigningTime.distance(millis, nowMillis, 1000) + " s " + SigningTime.direction(millis, nowMillis)
          + " Baton's clock, more than the " + TOLERANCE.toMinutes() + " minutes allowed; sign each delivery when "
          + "it is sent (and check the clocks)");
    }
    String expected = sign(clientSecret, method, uri, body, timestamp.trim());
    if (!Hmac.equal(expected, signature.trim())) {
      throw ApiProblem.unauthorized(SIGNATURE_HEADER + ": does not match; it must be Base64(HMAC-SHA256(client secret, "
          + "method + " + uri + " + raw body + timestamp)); check baton.crm.hubspot.client-secret and "
          + "baton.crm.hubspot.webhook-url (the exact target URL of the HubSpot app)");
    }
  }

  static String decode(String uri) {
    String decoded = uri;
    for (Map.Entry<String, String> entry : DECODED.entrySet()) {
      decoded = decoded.replace(entry.getKey(), entry.getValue())
          .replace(entry.getKey().toLowerCase(java.util.Locale.ROOT), entry.getValue());
    }
    return decoded;
  }

}
