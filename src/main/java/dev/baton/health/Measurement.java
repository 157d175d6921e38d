package dev.baton.health;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * The measurements a signal may carry (docs/health.md), each with the column of baton_health_signal that
 * holds it (a pair's first half: both halves come together) and what staff read when it has gone stale.
 * The key is the signal's field name, also the key of {@code baton.health.stale-after-by-field}.
 */
enum Measurement {
  LICENCES("licencesActivated", "licences_activated", "licence data"),
  ACTIVE_USERS("weeklyActiveUsers", "weekly_active_users", "active-user data"),
  FEATURES("featuresAdopted", "features_adopted", "feature-adoption data"),
  /** Never stale: a day-count ages instead (docs/health.md, "Engagement"). */
  LAST_TOUCH("daysSinceLastTouch", "days_since_last_touch", "customer contact"),
  NPS("nps", "nps", "NPS answer"),
  SUPPORT_SATISFACTION("supportSatisfaction", "support_satisfaction", "support satisfaction data"),
  ESCALATED_TICKETS("openEscalatedTickets", "open_escalated_tickets", "escalated-ticket data"),
  SENTIMENT("csmSentiment", "csm_sentiment", "assessment by the CSM"),
  GOALS("goalAttainment", "goal_attainment", "goal attainment reported");

  private final String key;
  private final String column;
  private final String noun;

  Measurement(String key, String column, String noun) {
    this.key = key;
    this.column = column;
    this.noun = noun;
  }

  String key() {
    return key;
  }

  /** A constant of this enum, never caller input: safe in SQL text. */
  String column() {
    return column;
  }

  /** What a person reads: "No licence data since 12 October 2026". */
  String noun() {
    return noun;
  }

  /** Whether a value of it can go stale: a day-count ages instead. */
  boolean canGoStale() {
    return this != LAST_TOUCH;
  }

  /** By its key as configured: case, dashes and underscores do not matter (environment variables are upper case). */
  static Optional<Measurement> byKey(String configured) {
    String wanted = normalised(configured);
    return Arrays.stream(values()).filter(m -> normalised(m.key).equals(wanted)).findFirst();
  }

  private static String normalised(String key) {
    return key == null ? "" : key.replace("-", "").replace("_", "").replace(".", "").toLowerCase(Locale.ROOT);
  }
}
