package dev.baton.health;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * The latest value of every measurement of an account (each from the newest signal that carried it, with
 * that signal's timestamp), and the DMN inputs derived from them: ratios become percentages, absent values
 * stay null. {@link MeasurementAges} turns it into what counts now: stale values dropped (their
 * {@code staleSince} kept for the explanation) and the days since the last customer touch aged, Baton's own
 * touches included.
 */
record HealthMeasurements(
    Integer licencesActivated, Integer licencesPurchased, Integer weeklyActiveUsers, Integer licensedUsers,
    Integer featuresAdopted, Integer featuresAvailable, Integer daysSinceLastTouch, Integer nps,
    BigDecimal supportSatisfaction, Integer openEscalatedTickets, String csmSentiment, String csmComment,
    BigDecimal goalAttainment, Map<Measurement, Instant> measuredAt, Map<Measurement, LocalDate> staleSince,
    LastTouch lastTouch) {

  private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("d MMMM uuuu", Locale.ENGLISH);

  /**
   * The account's last customer touch: on which day, how many days ago, and what it was when Baton saw it
   * (a kickoff meeting, an NPS answer); {@code what} is null for a day-count an integration pushed.
   */
  record LastTouch(LocalDate on, int daysAgo, String what) {}

  HealthMeasurements {
    measuredAt = measuredAt == null ? Map.of() : Collections.unmodifiableMap(new EnumMap<>(copy(measuredAt)));
    staleSince = staleSince == null ? Map.of() : Collections.unmodifiableMap(new EnumMap<>(copy(staleSince)));
  }

  /** The values as stored, each with the timestamp of the signal that carried it. */
  static HealthMeasurements of(Integer licencesActivated, Integer licencesPurchased, Integer weeklyActiveUsers,
      Integer licensedUsers, Integer featuresAdopted, Integer featuresAvailable, Integer daysSinceLastTouch,
      Integer nps, BigDecimal supportSatisfaction, Integer openEscalatedTickets, String csmSentiment,
      String csmComment, BigDecimal goalAttainment, Map<Measurement, Instant> measuredAt) {
    return new HealthMeasurements(licencesActivated, licencesPurchased, weeklyActiveUsers, licensedUsers,
        featuresAdopted, featuresAvailable, daysSinceLastTouch, nps, supportSatisfaction, openEscalatedTickets,
        csmSentiment, csmComment, goalAttainment, measuredAt, Map.of(), null);
  }

  /** This without the given measurements (gone stale), remembering the day each was last measured. */
  HealthMeasurements without(Map<Measurement, LocalDate> stale) {
    boolean licences = stale.containsKey(Measurement.LICENCES);
    boolean users = stale.containsKey(Measurement.ACTIVE_USERS);
    boolean features = stale.containsKey(Measurement.FEATURES);
    boolean sentiment = stale.containsKey(Measurement.SENTIMENT);
    return new HealthMeasurements(
        licences ? null : licencesActivated, licences ? null : licencesPurchased,
        users ? null : weeklyActiveUsers, users ? null : licensedUsers,
        features ? null : featuresAdopted, features ? null : featuresAvailable,
        daysSinceLastTouch, stale.containsKey(Measurement.NPS) ? null : nps,
        stale.containsKey(Measurement.SUPPORT_SATISFACTION) ? null : supportSatisfaction,
        stale.containsKey(Measurement.ESCALATED_TICKETS) ? null : openEscalatedTickets,
        sentiment ? null : csmSentiment, sentiment ? null : csmComment,
        stale.containsKey(Measurement.GOALS) ? null : goalAttainment, measuredAt, stale, lastTouch);
  }

  /** This with the last touch as it counts now (null: none known); its days feed the engagement decision. */
  HealthMeasurements withLastTouch(LastTouch touch) {
    return new HealthMeasurements(licencesActivated, licencesPurchased, weeklyActiveUsers, licensedUsers,
        featuresAdopted, featuresAvailable, touch == null ? null : touch.daysAgo(), nps, supportSatisfaction,
        openEscalatedTickets, csmSentiment, csmComment, goalAttainment, measuredAt, staleSince, touch);
  }

  /** Variables for the HealthDimensions decisions (names as in the DMN input expressions). */
  Map<String, Object> decisionVariables() {
    Map<String, Object> v = new HashMap<>();
    v.put("licenceActivation", percent(licencesActivated, licencesPurchased));
    v.put("daysSinceLastTouch", daysSinceLastTouch);
    v.put("weeklyActiveUsage", percent(weeklyActiveUsers, licensedUsers));
    v.put("featureAdoption", percent(featuresAdopted, featuresAvailable));
    v.put("goalAttainment", goalAttainment == null ? null : goalAttainment.doubleValue());
    v.put("nps", nps);
    v.put("supportSatisfaction", supportSatisfaction == null ? null : supportSatisfaction.doubleValue());
    v.put("openEscalatedTickets", openEscalatedTickets);
    v.put("csmSentiment", csmSentiment);
    return v;
  }

  /** What a person reads beside each dimension's band. */
  String describe(String dimension) {
    return switch (dimension) {
      case "deployment" -> licencesPurchased != null
          ? licencesActivated + " of " + licencesPurchased + " licences activated (" + pct(licencesActivated, licencesPurchased) + ")"
          : noData(Measurement.LICENCES);
      case "engagement" -> engagement();
      case "adoption" -> adoption();
      case "roi" -> goalAttainment != null ? "goal attainment " + goalAttainment.stripTrailingZeros().toPlainString() + "%"
          : noData(Measurement.GOALS);
      case "nps" -> nps != null ? "NPS " + nps : noData(Measurement.NPS);
      case "support" -> support();
      case "sentiment" -> csmSentiment != null
          ? csmSentiment + (csmComment == null || csmComment.isBlank() ? "" : ": " + csmComment)
          : noData(Measurement.SENTIMENT);
      default -> throw new IllegalArgumentException(dimension);
    };
  }

  private String engagement() {
    if (lastTouch == null) {
      return daysSinceLastTouch == null ? "no data" : "last customer touch " + daysSinceLastTouch + " days ago";
    }
    if (lastTouch.what() == null) {
      return "last customer touch " + lastTouch.daysAgo() + " days ago";
    }
    int days = lastTouch.daysAgo();
    return "Last customer contact: " + lastTouch.what() + ", " + (days == 0 ? "today" : days == 1 ? "yesterday" : days + " days ago");
  }

  private String adoption() {
    if (weeklyActiveUsers == null && featuresAvailable == null) {
      LocalDate since = newest(Measurement.ACTIVE_USERS, Measurement.FEATURES);
      return since == null ? "no data" : "No usage data since " + DAY.format(since);
    }
    return String.join(", ", Stream.of(
        weeklyActiveUsers != null ? "WAU " + weeklyActiveUsers + " of " + licensedUsers
            + " licensed users (" + pct(weeklyActiveUsers, licensedUsers) + ")" : staleNote(Measurement.ACTIVE_USERS),
        featuresAvailable != null ? featuresAdopted + " of " + featuresAvailable
            + " features adopted (" + pct(featuresAdopted, featuresAvailable) + ")" : staleNote(Measurement.FEATURES))
        .filter(Objects::nonNull).toList());
  }

  private String support() {
    if (supportSatisfaction == null && openEscalatedTickets == null) {
      LocalDate since = newest(Measurement.SUPPORT_SATISFACTION, Measurement.ESCALATED_TICKETS);
      return since == null ? "no data" : "No support data since " + DAY.format(since);
    }
    return String.join(", ", Stream.of(
        supportSatisfaction != null ? "satisfaction " + supportSatisfaction.stripTrailingZeros().toPlainString() + " of 5"
            : staleNote(Measurement.SUPPORT_SATISFACTION),
        openEscalatedTickets != null ? openEscalatedTickets + " escalated tickets open" : staleNote(Measurement.ESCALATED_TICKETS))
        .filter(Objects::nonNull).toList());
  }

  /** "No NPS answer since 12 October 2026" for a stale value, "no data" for one never received. */
  private String noData(Measurement measurement) {
    LocalDate since = staleSince.get(measurement);
    return since == null ? "no data" : "No " + measurement.noun() + " since " + DAY.format(since);
  }

  /** Beside a value that still counts: "no active-user data since ..." for its stale partner, else nothing. */
  private String staleNote(Measurement measurement) {
    LocalDate since = staleSince.get(measurement);
    return since == null ? null : "no " + measurement.noun() + " since " + DAY.format(since);
  }

  private LocalDate newest(Measurement a, Measurement b) {
    LocalDate first = staleSince.get(a);
    LocalDate second = staleSince.get(b);
    return first == null ? second : second == null || first.isAfter(second) ? first : second;
  }

  private static <V> Map<Measurement, V> copy(Map<Measurement, V> map) {
    return map.isEmpty() ? new EnumMap<>(Measurement.class) : new EnumMap<>(map);
  }

  private static Double percent(Integer part, Integer whole) {
    if (part == null || whole == null || whole == 0) {
      return null;
    }
    return BigDecimal.valueOf(part).multiply(BigDecimal.valueOf(100))
        .divide(BigDecimal.valueOf(whole), 2, RoundingMode.HALF_UP).doubleValue();
  }

  private static String pct(Integer part, Integer whole) {
    Double p = percent(part, whole);
    return p == null ? "n/a" : BigDecimal.valueOf(p).stripTrailingZeros().toPlainString() + "%";
  }
}
