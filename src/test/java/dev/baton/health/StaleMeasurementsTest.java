package dev.baton.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.baton.calendar.BusinessTime;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * What counts when a score is computed (docs/health.md, "Stale measurements", "Baton's own touches"): a
 * measurement older than its limit is dropped and explained in business words, limits per measurement, and
 * the last touch is the newest of the pushed day-count (aged to today) and Baton's own.
 */
class StaleMeasurementsTest {

  static final Instant NOW = Instant.parse("2026-12-04T10:00:00Z");
  static final BusinessTime TIME = new BusinessTime(Clock.fixed(NOW, ZoneId.of("Europe/Berlin")));

  @Test
  void aMeasurementOlderThanItsLimitNoLongerCountsAndSaysSinceWhen() {
    MeasurementAges ages = new MeasurementAges(new StalenessLimits(null, Map.of(), null), TIME);
    HealthMeasurements current = ages.current(measured(Map.of(
        Measurement.ACTIVE_USERS, Instant.parse("2026-10-12T08:00:00Z"),
        Measurement.NPS, Instant.parse("2026-11-20T08:00:00Z"))), Optional.empty());

    assertThat(current.weeklyActiveUsers()).isNull();
    assertThat(current.decisionVariables().get("weeklyActiveUsage")).isNull();
    assertThat(current.describe("adoption")).isEqualTo("No usage data since 12 October 2026");
    assertThat(current.nps()).isEqualTo(9);
    assertThat(current.describe("nps")).isEqualTo("NPS 9");
  }

  @Test
  void theDefaultLimitIsFortyFiveDaysAndAMeasurementJustYoungerStillCounts() {
    MeasurementAges ages = new MeasurementAges(new StalenessLimits(null, Map.of(), null), TIME);
    HealthMeasurements current = ages.current(measured(Map.of(
        Measurement.ACTIVE_USERS, NOW.minus(Duration.ofDays(45)).plusSeconds(60),
        Measurement.NPS, NOW.minus(Duration.ofDays(45)))), Optional.empty());

    assertThat(current.weeklyActiveUsers()).isEqualTo(80);
    assertThat(current.nps()).isNull();
    assertThat(current.describe("nps")).isEqualTo("No NPS answer since 20 October 2026");
  }

  @Test
  void aLimitPerMeasurementOverridesTheDefault() {
    StalenessLimits limits = new StalenessLimits(Duration.ofDays(45),
        Map.of("weekly-active-users", Duration.ofDays(7), "NPS", Duration.ofDays(200)), null);
    MeasurementAges ages = new MeasurementAges(limits, TIME);
    HealthMeasurements current = ages.current(measured(Map.of(
        Measurement.ACTIVE_USERS, NOW.minus(Duration.ofDays(8)),
        Measurement.NPS, NOW.minus(Duration.ofDays(150)))), Optional.empty());

    assertThat(current.weeklyActiveUsers()).isNull();
    assertThat(current.describe("adoption")).isEqualTo("No usage data since 26 November 2026");
    assertThat(current.nps()).isEqualTo(9);
    assertThat(limits.byMeasurement()).containsEntry(Measurement.SUPPORT_SATISFACTION, Duration.ofDays(45))
        .doesNotContainKey(Measurement.LAST_TOUCH);
  }

  @Test
  void aStaleHalfOfADimensionIsNamedBesideTheHalfThatCounts() {
    MeasurementAges ages = new MeasurementAges(new StalenessLimits(null, Map.of("weeklyActiveUsers", Duration.ofDays(14)), null), TIME);
    HealthMeasurements latest = HealthMeasurements.of(null, null, 80, 100, 30, 40, null, null, null, null, null, null, null,
        Map.of(Measurement.ACTIVE_USERS, NOW.minus(Duration.ofDays(20)), Measurement.FEATURES, NOW.minus(Duration.ofDays(1))));

    assertThat(ages.current(latest, Optional.empty()).describe("adoption"))
        .isEqualTo("no active-user data since 14 November 2026, 30 of 40 features adopted (75%)");
  }

  @Test
  void unknownMeasurementsAndTheAgingTouchCountAreRefusedAsLimits() {
    assertThatThrownBy(() -> new StalenessLimits(null, Map.of("usage", Duration.ofDays(3)), null))
        .hasMessageContaining("baton.health.stale-after-by-field.usage").hasMessageContaining("weeklyActiveUsers");
    assertThatThrownBy(() -> new StalenessLimits(null, Map.of("daysSinceLastTouch", Duration.ofDays(3)), null))
        .hasMessageContaining("age");
    assertThatThrownBy(() -> new StalenessLimits(Duration.ZERO, Map.of(), null)).hasMessageContaining("baton.health.stale-after");
    assertThatThrownBy(() -> new StalenessLimits(null, Map.of(), "4 o'clock")).hasMessageContaining("baton.health.rescore-at");
  }

  @Test
  void aPushedDayCountAgesFromItsTimestamp() {
    MeasurementAges ages = new MeasurementAges(new StalenessLimits(null, Map.of(), null), TIME);
    HealthMeasurements latest = HealthMeasurements.of(null, null, null, null, null, null, 12, null, null, null, null, null, null,
        Map.of(Measurement.LAST_TOUCH, NOW.minus(Duration.ofDays(20))));

    HealthMeasurements current = ages.current(latest, Optional.empty());

    assertThat(current.daysSinceLastTouch()).isEqualTo(32);
    assertThat(current.describe("engagement")).isEqualTo("last customer touch 32 days ago");
  }

  @Test
  void batonsOwnTouchCountsWhenItIsNewerThanThePushedOne() {
    MeasurementAges ages = new MeasurementAges(new StalenessLimits(null, Map.of(), null), TIME);
    HealthMeasurements latest = HealthMeasurements.of(null, null, null, null, null, null, 40, null, null, null, null, null, null,
        Map.of(Measurement.LAST_TOUCH, NOW.minus(Duration.ofDays(1))));

    HealthMeasurements current = ages.current(latest,
        Optional.of(new CustomerTouch(NOW.minus(Duration.ofDays(3)), "business review")));

    assertThat(current.daysSinceLastTouch()).isEqualTo(3);
    assertThat(current.describe("engagement")).isEqualTo("Last customer contact: business review, 3 days ago");
    assertThat(ages.current(latest.withLastTouch(null), Optional.of(new CustomerTouch(NOW, "kickoff meeting")))
        .describe("engagement")).isEqualTo("Last customer contact: kickoff meeting, today");
  }

  private static HealthMeasurements measured(Map<Measurement, Instant> at) {
    Map<Measurement, Instant> measuredAt = new EnumMap<>(at);
    return HealthMeasurements.of(null, null, 80, 100, null, null, null, 9, new BigDecimal("4.5"), null, null, null, null,
        measuredAt);
  }
}
