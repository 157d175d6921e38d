package dev.baton.health;

import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Read-only view of an account's health for other capabilities (the book of business): the bands it went
 * through and, in business words, what drives the current band.
 */
@Component
public class HealthHistory {

  /** At most this many recomputations are read for a trend: enough for 90 days of daily signals. */
  private static final int MAX_POINTS = 120;

  /** One recomputation: when, which band (and the one before it, if any), and the main reason for it. */
  public record Point(Instant at, String band, String previousBand, String reason) {}

  private final HealthScoreStore scores;
  private final HealthProperties properties;

  HealthHistory(HealthScoreStore scores, HealthProperties properties) {
    this.scores = scores;
    this.properties = properties;
  }

  /** The account's recomputations since the given instant, oldest first. */
  public List<Point> since(String accountId, Instant since) {
    return points(scores.history(accountId, MAX_POINTS), since);
  }

  private static List<Point> points(List<HealthReport> newestFirst, Instant since) {
    return newestFirst.stream()
        .filter(report -> report.computedAt() != null && !report.computedAt().isBefore(since))
        .sorted(Comparator.comparing(HealthReport::computedAt))
        .map(report -> new Point(report.computedAt(), report.band(), report.previousBand(), reason(report)))
        .toList();
  }

  /** The main reason for the account's current band, if its health was ever computed. */
  public Optional<String> topReason(String accountId) {
    return scores.latest(accountId).map(HealthHistory::reason);
  }

  /**
   * {@link #since(String, Instant)} of many accounts at once (a page of the book of business), in one query: each
   * account's recomputations since the given instant, oldest first; an empty list for an account without any.
   */
  public Map<String, List<Point>> since(Collection<String> accountIds, Instant since) {
    // A second of slack: the column may hold the time rounded to its precision; the report's own time decides.
    Map<String, List<HealthReport>> histories = scores.histories(accountIds, MAX_POINTS, since.minusSeconds(1));
    Map<String, List<Point>> points = new HashMap<>();
    for (String accountId : accountIds) {
      points.put(accountId, points(histories.getOrDefault(accountId, List.of()), since));
    }
    return points;
  }

  /**
   * {@link #topReason} of many accounts at once, in one query: the accounts whose health was computed and has a
   * reason, each with it; the others are absent.
   */
  public Map<String, String> topReasons(Collection<String> accountIds) {
    Map<String, String> reasons = new HashMap<>();
    scores.latest(accountIds).forEach((accountId, report) -> {
      String reason = reason(report);
      if (reason != null) {
        reasons.put(accountId, reason);
      }
    });
    return reasons;
  }

  /** Position of a band from worst (0) to best, or -1 for none or an unknown band. */
  public int rank(String band) {
    return properties.rank(band);
  }

  /** The worst configured band (red by default). */
  public String worstBand() {
    return properties.escalationBand();
  }

  public List<String> bands() {
    return properties.bands();
  }

  /** The first dimension in the account's band, with its value: "Weekly active users: 12 % of licensed users". */
  private static String reason(HealthReport report) {
    if (HealthReport.UNKNOWN.equals(report.band())) {
      return report.overall().rule(); // "No current health data": no dimension is to blame
    }
    return report.dimensionsIn(report.band()).stream().findFirst()
        .map(d -> d.value() == null ? label(d.name()) : label(d.name()) + ": " + d.value())
        .orElse(null);
  }

  /** Dimension names are camelCase keys; staff read words. */
  private static String label(String name) {
    String words = name.replaceAll("([a-z])([A-Z])", "$1 $2").replace('-', ' ').toLowerCase();
    return words.isEmpty() ? words : Character.toUpperCase(words.charAt(0)) + words.substring(1);
  }
}
