package dev.baton.health;

import dev.baton.calendar.MeasuredAt;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.stream.Stream;

/**
 * One health signal as posted by an integration (docs/health.md). Every measurement is optional, but
 * a signal carries at least one; pairs (activated/purchased, active/licensed, adopted/available)
 * come together because the score uses their ratio.
 */
public record HealthSignal(
    @NotNull(message = "required: when the measurements were taken, ISO-8601 with an offset, e.g. 2026-11-23T10:15:30Z")
    @MeasuredAt
    OffsetDateTime timestamp,
    @Min(value = 0, message = "must be between 0 and 1000000") @Max(value = 1_000_000, message = "must be between 0 and 1000000")
    Integer licencesActivated,
    @Min(value = 1, message = "must be between 1 and 1000000") @Max(value = 1_000_000, message = "must be between 1 and 1000000")
    Integer licencesPurchased,
    @Min(value = 0, message = "must be between 0 and 1000000") @Max(value = 1_000_000, message = "must be between 0 and 1000000")
    Integer weeklyActiveUsers,
    @Min(value = 1, message = "must be between 1 and 1000000") @Max(value = 1_000_000, message = "must be between 1 and 1000000")
    Integer licensedUsers,
    @Min(value = 0, message = "must be between 0 and 10000") @Max(value = 10_000, message = "must be between 0 and 10000")
    Integer featuresAdopted,
    @Min(value = 1, message = "must be between 1 and 10000") @Max(value = 10_000, message = "must be between 1 and 10000")
    Integer featuresAvailable,
    @Min(value = 0, message = "must be between 0 and 3650") @Max(value = 3650, message = "must be between 0 and 3650")
    Integer daysSinceLastTouch,
    @Min(value = 0, message = "must be between 0 and 10") @Max(value = 10, message = "must be between 0 and 10")
    Integer nps,
    @DecimalMin(value = "1", message = "must be between 1 and 5") @DecimalMax(value = "5", message = "must be between 1 and 5")
    BigDecimal supportSatisfaction,
    @Min(value = 0, message = "must be between 0 and 10000") @Max(value = 10_000, message = "must be between 0 and 10000")
    Integer openEscalatedTickets,
    @Pattern(regexp = "red|yellow|green", message = "must be one of red, yellow, green")
    String csmSentiment,
    @Size(max = 2000, message = "must be at most 2000 characters")
    String csmComment,
    @DecimalMin(value = "0", message = "must be between 0 and 1000 (percent)") @DecimalMax(value = "1000", message = "must be between 0 and 1000 (percent)")
    BigDecimal goalAttainment) {

  @AssertTrue(message = "licencesActivated and licencesPurchased come together (the score uses activated/purchased)")
  boolean isLicencesPaired() {
    return (licencesActivated == null) == (licencesPurchased == null);
  }

  @AssertTrue(message = "weeklyActiveUsers and licensedUsers come together (the score uses active/licensed)")
  boolean isUsersPaired() {
    return (weeklyActiveUsers == null) == (licensedUsers == null);
  }

  @AssertTrue(message = "featuresAdopted and featuresAvailable come together, with featuresAdopted <= featuresAvailable")
  boolean isFeaturesPaired() {
    if (featuresAdopted == null || featuresAvailable == null) {
      return featuresAdopted == null && featuresAvailable == null;
    }
    return featuresAdopted <= featuresAvailable;
  }

  @AssertTrue(message = "csmComment needs a csmSentiment (red, yellow or green)")
  boolean isCommentWithSentiment() {
    return csmComment == null || csmSentiment != null;
  }

  @AssertTrue(message = "a signal carries at least one measurement (see docs/health.md)")
  boolean isMeasuring() {
    return Stream.of(licencesActivated, weeklyActiveUsers, featuresAdopted, daysSinceLastTouch, nps,
        supportSatisfaction, openEscalatedTickets, csmSentiment, goalAttainment).anyMatch(v -> v != null);
  }
}
