package dev.baton.health;

import dev.baton.calendar.BusinessTime;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * What of an account's measurements counts now (docs/health.md, "Stale measurements" and "Baton's own
 * touches"): a measurement older than its limit ({@link StalenessLimits}) no longer counts, so its dimension
 * is unknown, not the band it had; the days since the last customer touch are counted to today from the
 * newest touch known, the day-count an integration pushed (as of its timestamp) or a step done in Baton.
 */
@Component
class MeasurementAges {

  private final Map<Measurement, Duration> limits;
  private final BusinessTime time;

  MeasurementAges(StalenessLimits limits, BusinessTime time) {
    this.limits = limits.byMeasurement();
    this.time = time;
  }

  HealthMeasurements current(HealthMeasurements latest, Optional<CustomerTouch> batonTouch) {
    Instant now = time.now();
    Map<Measurement, LocalDate> stale = new EnumMap<>(Measurement.class);
    latest.measuredAt().forEach((measurement, at) -> {
      Duration limit = limits.get(measurement);
      if (limit != null && !at.plus(limit).isAfter(now)) {
        stale.put(measurement, time.dateOf(at));
      }
    });
    return latest.without(stale).withLastTouch(lastTouch(latest, batonTouch));
  }

  /** The newest touch known: the later day wins, Baton's own on a tie (it says what it was). */
  private HealthMeasurements.LastTouch lastTouch(HealthMeasurements latest, Optional<CustomerTouch> batonTouch) {
    LocalDate today = time.today();
    LocalDate pushed = latest.daysSinceLastTouch() == null ? null
        : time.dateOf(latest.measuredAt().get(Measurement.LAST_TOUCH)).minusDays(latest.daysSinceLastTouch());
    LocalDate own = batonTouch.map(t -> time.dateOf(t.at())).orElse(null);
    if (own != null && (pushed == null || !own.isBefore(pushed))) {
      return new HealthMeasurements.LastTouch(own, daysBetween(own, today), batonTouch.get().what());
    }
    return pushed == null ? null : new HealthMeasurements.LastTouch(pushed, daysBetween(pushed, today), null);
  }

  /** A timestamp up to the clock skew ahead may fall on tomorrow: never fewer than 0 days. */
  private static int daysBetween(LocalDate from, LocalDate to) {
    return (int) Math.max(0, ChronoUnit.DAYS.between(from, to));
  }
}
