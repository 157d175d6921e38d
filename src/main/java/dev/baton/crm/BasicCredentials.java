package dev.baton.crm;

import dev.baton.security.Hmac;
import dev.baton.web.ApiProblem;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;

/**
 * HTTP Basic credentials of a webhook that is not signed (Pipedrive's): the user and password set on the
 * webhook in the CRM, compared in constant time.
 */
final class BasicCredentials {

  private final String user;
  private final String password;
  private final String settings;

  BasicCredentials(String user, String password, String settings) {
    this.user = user;
    this.password = password;
    this.settings = settings;
  }

  /** Throws a 401 problem unless the Authorization header carries exactly these credentials. */
  void verify(String authorization) {
    if (authorization == null || !authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
      throw challenge("Authorization: missing; set HTTP Auth username and password on the webhook (" + settings + ")");
    }
    String decoded;
    try {
      decoded = new String(Base64.getDecoder().decode(authorization.substring(6).trim()), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw challenge("Authorization: not Base64 of user:password");
    }
    int colon = decoded.indexOf(':');
    String givenUser = colon < 0 ? decoded : decoded.substring(0, colon);
    String givenPassword = colon < 0 ? "" : decoded.substring(colon + 1);
    // Both are always compared (as digests of equal length), so the time says nothing about which was wrong.
    boolean userMatches = same(user, givenUser);
    boolean passwordMatches = same(password, givenPassword);
    if (!(userMatches & passwordMatches)) {
      throw challenge("Authorization: the user or password does not match " + settings);
    }
  }

  private static boolean same(String expected, String given) {
    return MessageDigest.isEqual(Hmac.sha256(expected, Hmac.utf8(given)), Hmac.sha256(expected, Hmac.utf8(expected)));
  }

  private static ApiProblem challenge(String detail) {
    ApiProblem problem = ApiProblem.unauthorized(detail);
    problem.getHeaders().set("WWW-Authenticate", "Basic realm=\"Baton webhook\", charset=\"UTF-8\"");
    return problem;
  }
}
