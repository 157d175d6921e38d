package dev.baton.health;

import java.time.Duration;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How old a measurement may be and still count ({@code baton.health.stale-after}, per measurement
 * {@code baton.health.stale-after-by-field.<field>}; docs/health.md, "Stale measurements"), and the local time
 * ({@code baton.health.rescore-at}, business time zone) of the daily re-score of accounts whose data went stale.
 */
@ConfigurationProperties(prefix = "baton.health")
record StalenessLimits(Duration staleAfter, Map<String, Duration> staleAfterByField, String rescoreAt) {

  static final Duration DEFAULT = Duration.ofDays(45);

  StalenessLimits {
    staleAfter = staleAfter == null ? DEFAULT : requirePositive("baton.health.stale-after", staleAfter);
    staleAfterByField = staleAfterByField == null ? Map.of() : Map.copyOf(staleAfterByField);
    rescoreAt = rescoreAt == null || rescoreAt.isBlank() ? "04:00" : rescoreAt.trim();
    for (Map.Entry<String, Duration> entry : staleAfterByField.entrySet()) {
      String property = "baton.health.stale-after-by-field." + entry.getKey();
      Measurement measurement = Measurement.byKey(entry.getKey()).orElseThrow(() -> new IllegalArgumentException(
          property + ": no such measurement; use one of " + Arrays.stream(Measurement.values())
              .filter(Measurement::canGoStale).map(Measurement::key).toList()));
      if (!measurement.canGoStale()) {
        throw new IllegalArgumentException(property + ": the days since the last touch never go stale, they age "
            + "(docs/health.md): remove the setting");
      }
      requirePositive(property, entry.getValue());
    }
    try {
      LocalTime.parse(rescoreAt);
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException("baton.health.rescore-at: '" + rescoreAt + "' is no time of day; use HH:mm, e.g. 04:00", e);
    }
  }

  /** The limit of every measurement that can go stale. */
  Map<Measurement, Duration> byMeasurement() {
    Map<Measurement, Duration> limits = new EnumMap<>(Measurement.class);
    for (Measurement m : Measurement.values()) {
      if (m.canGoStale()) {
        limits.put(m, staleAfter);
      }
    }
    staleAfterByField.forEach((key, limit) -> limits.put(Measurement.byKey(key).orElseThrow(), limit));
    return limits;
  }

  LocalTime rescoreTime() {
    return LocalTime.parse(rescoreAt);
  }

  private static Duration requirePositive(String property, Duration limit) {
    if (limit == null || limit.isNegative() || limit.isZero()) {
      throw new IllegalArgumentException(property + ": must be a positive duration such as P45D; got " + limit);
    }
    return limit;
  }
}
