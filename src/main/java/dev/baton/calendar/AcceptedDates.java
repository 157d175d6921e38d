package dev.baton.calendar;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The dates Baton accepts from callers ({@code baton.dates}): every date and timestamp of the API and
 * the webhooks lies between {@code earliest} and {@code latest}; a measurement (a health signal) is at
 * most {@code clock-skew} ahead of the server's clock, because the newest measurement wins and one
 * dated in the future would win forever.
 */
@ConfigurationProperties(prefix = "baton.dates")
public record AcceptedDates(LocalDate earliest, LocalDate latest, Duration clockSkew) {

  public AcceptedDates {
    earliest = earliest == null ? LocalDate.of(2000, 1, 1) : earliest;
    latest = latest == null ? LocalDate.of(2099, 12, 31) : latest;
    clockSkew = clockSkew == null ? Duration.ofMinutes(5) : clockSkew;
    if (!latest.isAfter(earliest) || clockSkew.isNegative()) {
      throw new IllegalArgumentException("baton.dates: earliest must come before latest and clock-skew must not be "
          + "negative; got " + earliest + ", " + latest + ", " + clockSkew);
    }
  }

  /** Why the date is refused ("is out of range; ..."), or null if it is accepted. */
  public String problem(LocalDate date) {
    if (date.isBefore(earliest) || date.isAfter(latest)) {
      return date + " is out of range; use a date from " + earliest + " to " + latest + " (yyyy-MM-dd)";
    }
    return null;
  }

  /** Why the time of a measurement is refused, or null if it is accepted (the system clock, never a test's). */
  public String measuredProblem(OffsetDateTime time, Clock clock) {
    OffsetDateTime now = OffsetDateTime.now(clock);
    if (time.isAfter(now.plus(clockSkew))) {
      return time + " is ahead of the server clock (" + now.withOffsetSameInstant(ZoneOffset.UTC).withNano(0)
          + "); send when the measurement was taken, at most " + clockSkew.toMinutes() + " minutes ahead";
    }
    if (time.toLocalDate().isBefore(earliest)) {
      return time + " is out of range; send a time from " + earliest + " on";
    }
    return null;
  }
}
