package dev.baton.security;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * HMAC-SHA256 and a constant-time comparison: the one helper for every keyed hash in Baton (the webhook
 * signatures and credentials, the hashes of customer links).
 */
public final class Hmac {

  private Hmac() {}

  public static byte[] sha256(String key, byte[]... parts) {
    return sha256(utf8(key), parts);
  }

  public static byte[] sha256(byte[] key, byte[]... parts) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      for (byte[] part : parts) {
        mac.update(part);
      }
      return mac.doFinal();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is not available in this JVM", e);
    }
  }

  public static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  /** Compares in time independent of where the values differ, so a caller cannot guess byte by byte. */
  public static boolean equal(String expected, String given) {
    return MessageDigest.isEqual(utf8(expected), utf8(given));
  }
}
