package dev.baton.health;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.HashMap;
import java.util.Map;

/**
 * The latest value of every measurement of an account (each from the newest signal that carried it),
 * and the DMN inputs derived from them: ratios become percentages, absent values stay null.
 */
record HealthMeasurements(
    Integer licencesActivated, Integer licencesPurchased, Integer weeklyActiveUsers, Integer licensedUsers,
    Integer featuresAdopted, Integer featuresAvailable, Integer daysSinceLastTouch, Integer nps,
    BigDecimal supportSatisfaction, Integer openEscalatedTickets, String csmSentiment, String csmComment,
    BigDecimal goalAttainment) {

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
      case "deployment" -> licencesPurchased == null ? "no data"
          : licencesActivated + " of " + licencesPurchased + " licences activated (" + pct(licencesActivated, licencesPurchased) + ")";
      case "engagement" -> daysSinceLastTouch == null ? "no data" : "last customer touch " + daysSinceLastTouch + " days ago";
      case "adoption" -> weeklyActiveUsers == null && featuresAvailable == null ? "no data" : String.join(", ",
          java.util.stream.Stream.of(
              weeklyActiveUsers == null ? null : "WAU " + weeklyActiveUsers + " of " + licensedUsers
                  + " licensed users (" + pct(weeklyActiveUsers, licensedUsers) + ")",
              featuresAvailable == null ? null : featuresAdopted + " of " + featuresAvailable
                  + " features adopted (" + pct(featuresAdopted, featuresAvailable) + ")")
              .filter(java.util.Objects::nonNull).toList());
      case "roi" -> goalAttainment == null ? "no data" : "goal attainment " + goalAttainment.stripTrailingZeros().toPlainString() + "%";
      case "nps" -> nps == null ? "no data" : "NPS " + nps;
      case "support" -> supportSatisfaction == null && openEscalatedTickets == null ? "no data" : String.join(", ",
          java.util.stream.Stream.of(
              supportSatisfaction == null ? null : "satisfaction " + supportSatisfaction.stripTrailingZeros().toPlainString() + " of 5",
              openEscalatedTickets == null ? null : openEscalatedTickets + " escalated tickets open")
              .filter(java.util.Objects::nonNull).toList());
      case "sentiment" -> csmSentiment == null ? "no data"
          : csmSentiment + (csmComment == null || csmComment.isBlank() ? "" : ": " + csmComment);
      default -> throw new IllegalArgumentException(dimension);
    };
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
