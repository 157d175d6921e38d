package dev.baton.onboarding;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * When usage shows adoption, so a digital onboarding launches by itself ({@code baton.onboarding.adoption},
 * docs/onboarding.md#adoption): either share met counts.
 *
 * @param licencesActivated share of the purchased licences activated (0 to 1), default 0.6
 * @param weeklyActive share of the licensed users active in the week (0 to 1), default 0.4
 */
@ConfigurationProperties(prefix = "baton.onboarding.adoption")
record AdoptionThresholds(Double licencesActivated, Double weeklyActive) {

  AdoptionThresholds {
    licencesActivated = share(licencesActivated, 0.6, "licences-activated");
    weeklyActive = share(weeklyActive, 0.4, "weekly-active");
  }

  private static double share(Double value, double fallback, String name) {
    if (value == null) {
      return fallback;
    }
    if (value <= 0 || value > 1) {
      throw new IllegalArgumentException("baton.onboarding.adoption." + name + ": a share above 0 and at most 1 "
          + "(0.6 = 60 %); got " + value);
    }
    return value;
  }
}
