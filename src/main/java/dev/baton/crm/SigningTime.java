package dev.baton.crm;

import java.util.Optional;

/**
 * The signing time of a webhook against Baton's clock, in whole units (seconds or milliseconds), for any
 * long a caller sends: no Instant is made from it and nothing overflows, so an absurd value such as
 * t=9223372036854775807 is refused like any stale one instead of failing.
 */
final class SigningTime {

  private SigningTime() {}

  /**
   * A whole number in ASCII digits (an optional leading minus) that fits a long, else empty. Long.parseLong
   * alone also takes "+5" and digits of other scripts; a signing time is plain digits.
   */
  static Optional<Long> parse(String value) {
    if (value == null || !value.matches("-?[0-9]{1,19}")) {
      return Optional.empty();
    }
    try {
      return Optional.of(Long.parseLong(value));
    } catch (NumberFormatException tooLarge) {
      return Optional.empty();
    }
  }

  /** Whether {@code signed} lies within {@code tolerance} of {@code now} (now is a real time, so now ± tolerance fits). */
  static boolean fresh(long signed, long now, long tolerance) {
    return signed >= now - tolerance && signed <= now + tolerance;
  }

  /** How far apart they are, in units divided by {@code per} (the distance may exceed Long.MAX_VALUE, so unsigned). */
  static String distance(long signed, long now, long per) {
    long apart = signed > now ? signed - now : now - signed;
    return Long.toUnsignedString(Long.divideUnsigned(apart, per));
  }

  static String direction(long signed, long now) {
    return signed > now ? "ahead of" : "before";
  }
}
