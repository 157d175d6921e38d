package dev.baton.onboarding;

import dev.baton.calendar.BusinessTime;
import dev.baton.health.UsageMeasured;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * Whether usage shows adoption (docs/onboarding.md#adoption): licences activated over purchased reach
 * {@code baton.onboarding.adoption.licences-activated}, or weekly active over licensed users reach
 * {@code weekly-active}; either counts.
 */
@Component
class AdoptionRule {

  private final AdoptionThresholds thresholds;
  private final BusinessTime time;

  AdoptionRule(AdoptionThresholds thresholds, BusinessTime time) {
    this.thresholds = thresholds;
    this.time = time;
  }

  boolean shown(UsageMeasured usage) {
    return reached(usage.licencesActivated(), usage.licencesPurchased(), thresholds.licencesActivated())
        || reached(usage.weeklyActiveUsers(), usage.licensedUsers(), thresholds.weeklyActive());
  }

  /** The usage as staff read it: "12 of 20 licences activated (60 %, adoption at 60 %); ... measured on 2026-12-03". */
  String describe(UsageMeasured usage) {
    List<String> parts = new ArrayList<>();
    if (usage.licencesActivated() != null) {
      parts.add(usage.licencesActivated() + " of " + usage.licencesPurchased() + " licences activated ("
          + percent(usage.licencesActivated(), usage.licencesPurchased()) + ", adoption at "
          + percent(thresholds.licencesActivated()) + ")");
    }
    if (usage.weeklyActiveUsers() != null) {
      parts.add(usage.weeklyActiveUsers() + " of " + usage.licensedUsers() + " licensed users active weekly ("
          + percent(usage.weeklyActiveUsers(), usage.licensedUsers()) + ", adoption at "
          + percent(thresholds.weeklyActive()) + ")");
    }
    return String.join("; ", parts) + "; measured on " + time.dateOf(usage.measuredAt());
  }

  private static boolean reached(Integer part, Integer whole, double share) {
    return part != null && whole != null && whole > 0 && part >= share * whole;
  }

  private static String percent(int part, int whole) {
    return whole <= 0 ? "n/a" : percent((double) part / whole);
  }

  private static String percent(double share) {
    return Math.round(share * 100) + " %";
  }
}
