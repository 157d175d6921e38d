package dev.baton.review;

import java.time.LocalTime;
import java.time.Period;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The rhythm of business reviews ({@code baton.reviews}, docs/lifecycle.md#the-review-rhythm): {@code cadence}
 * per segment id (an ISO-8601 period such as {@code P3M}; {@code none}, empty or missing: no business reviews);
 * {@code min-gap}: no business review within this time of the renewal's value review (it counts as the
 * review); {@code prepare-ahead}: the preparation starts this long before the review day; {@code at}: the
 * time of day the steps start.
 */
@ConfigurationProperties("baton.reviews")
public record ReviewProperties(Map<String, String> cadence, Period minGap, Period prepareAhead, LocalTime at) {

  static final String NONE = "none";

  public ReviewProperties {
    Map<String, String> checked = new TreeMap<>();
    if (cadence != null) {
      cadence.forEach((segment, value) -> {
        String text = value == null ? "" : value.trim();
        if (!text.isEmpty() && !NONE.equalsIgnoreCase(text)) {
          Period period;
          try {
            period = Period.parse(text);
          } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("baton.reviews.cadence." + segment + ": '" + value
                + "' is not a period; use an ISO-8601 period such as P3M, or none", e);
          }
          if (period.isNegative() || period.isZero()) {
            throw new IllegalArgumentException("baton.reviews.cadence." + segment + ": " + value
                + " must be a positive period such as P3M, or none");
          }
        }
        checked.put(segment.toLowerCase(Locale.ROOT), text);
      });
    }
    cadence = Map.copyOf(checked);
    minGap = minGap == null ? Period.ofMonths(1) : minGap;
    if (minGap.isNegative()) {
      throw new IllegalArgumentException("baton.reviews.min-gap: " + minGap + " must not be negative");
    }
    prepareAhead = prepareAhead == null ? Period.ofDays(14) : prepareAhead;
    if (prepareAhead.isNegative()) {
      throw new IllegalArgumentException("baton.reviews.prepare-ahead: " + prepareAhead + " must not be negative");
    }
    at = at == null ? LocalTime.of(9, 0) : at;
  }

  /** The segment's cadence; empty when the segment has none (tech-touch) or is not configured. */
  Optional<Period> cadenceOf(String segment) {
    if (segment == null) {
      return Optional.empty();
    }
    String value = cadence.get(segment.toLowerCase(Locale.ROOT));
    return value == null || value.isEmpty() || NONE.equalsIgnoreCase(value) ? Optional.empty()
        : Optional.of(Period.parse(value));
  }
}
