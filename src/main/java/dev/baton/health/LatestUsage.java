package dev.baton.health;

import java.time.Instant;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * The account's latest usage as the signals reported it, for a module that starts waiting for adoption after
 * the signal that showed it was recorded (the digital onboarding, docs/onboarding.md).
 */
@Component
public class LatestUsage {

  private final HealthSignalStore signals;

  LatestUsage(HealthSignalStore signals) {
    this.signals = signals;
  }

  /**
   * Each pair (licences, weekly active users) from the newest signal that carried it, dated by the newer of
   * the two; empty when no signal carried usage.
   */
  public Optional<UsageMeasured> of(String accountId) {
    HealthMeasurements latest = signals.latest(accountId);
    Instant licences = latest.measuredAt().get(Measurement.LICENCES);
    Instant users = latest.measuredAt().get(Measurement.ACTIVE_USERS);
    if (licences == null && users == null) {
      return Optional.empty();
    }
    Instant at = licences == null ? users : users == null || licences.isAfter(users) ? licences : users;
    return Optional.of(new UsageMeasured(accountId, at, latest.licencesActivated(), latest.licencesPurchased(),
        latest.weeklyActiveUsers(), latest.licensedUsers()));
  }
}
