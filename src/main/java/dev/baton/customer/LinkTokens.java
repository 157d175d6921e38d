package dev.baton.customer;

import dev.baton.security.Hmac;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/**
 * The secret part of a customer link: 32 random bytes, URL-safe, and the hash Baton stores in its place.
 * The hash is keyed with CUSTOMER_LINK_SECRET, so rows written into the database by hand accept no token
 * without the secret, and changing the secret ends every link already sent.
 */
final class LinkTokens {

  private static final SecureRandom RANDOM = new SecureRandom();

  private final byte[] key;

  LinkTokens(String secret) {
    this.key = secret.getBytes(StandardCharsets.UTF_8);
  }

  String newToken() {
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  /** Whether the text can be a token at all (43 URL-safe Base64 characters), before asking the database. */
  static boolean wellFormed(String token) {
    return token != null && token.matches("[A-Za-z0-9_-]{43}");
  }

  String hash(String token) {
    return HexFormat.of().formatHex(Hmac.sha256(key, token.getBytes(StandardCharsets.US_ASCII)));
  }
}
