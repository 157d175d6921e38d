package dev.baton.health;

import java.time.Instant;

/**
 * A health signal carried usage and was recorded (published by {@link HealthSignals} in the recording
 * transaction, after the account was scored): licences activated over purchased, weekly active over licensed
 * users, each pair present or both null. Other modules read adoption from it (the digital onboarding launches
 * on it, docs/onboarding.md) without health knowing them.
 *
 * @param accountId the account
 * @param measuredAt when the measurements were taken (the signal's timestamp)
 * @param licencesActivated licences activated, or null
 * @param licencesPurchased licences purchased, or null
 * @param weeklyActiveUsers users active in the week, or null
 * @param licensedUsers licensed users, or null
 */
public record UsageMeasured(String accountId, Instant measuredAt, Integer licencesActivated, Integer licencesPurchased,
    Integer weeklyActiveUsers, Integer licensedUsers) {

  /** Whether it carries any usage at all. */
  public boolean measuresUsage() {
    return licencesActivated != null || weeklyActiveUsers != null;
  }
}
