package dev.baton.health;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * One recomputation of an account's health as {@code GET /api/accounts/{id}/health} shows it: the
 * overall band, Outcomes and Experience, each dimension with its value and deciding rule, and what
 * moved since the previous computation. Stored as JSON in baton_health_score.
 */
public record HealthReport(
    String accountId, Instant computedAt, String band, String previousBand, List<Change> changes,
    HealthAssessment.Verdict overall, HealthAssessment.Verdict outcomes, HealthAssessment.Verdict experience,
    List<HealthAssessment.Dimension> dimensions) {

  /** The band of a dimension (or group) without any signal yet: not a band of baton.health.bands. */
  public static final String UNKNOWN = "unknown";

  /** A band that moved: overall, outcomes, experience or a dimension; direction worse, better or changed. */
  public record Change(String what, String from, String to, String direction, String value, String rule) {}

  static HealthReport of(String accountId, Instant computedAt, HealthAssessment now, HealthReport previous,
      String previousBand, HealthProperties properties) {
    List<Change> changes = new ArrayList<>();
    if (previous != null || previousBand != null) {
      change(changes, "overall", previousBand, now.overall(), null, properties);
    }
    if (previous != null) {
      change(changes, "outcomes", previous.outcomes().band(), now.outcomes(), null, properties);
      change(changes, "experience", previous.experience().band(), now.experience(), null, properties);
      for (HealthAssessment.Dimension d : now.dimensions()) {
        String before = previous.dimensions().stream().filter(p -> p.name().equals(d.name()))
            .map(HealthAssessment.Dimension::band).findFirst().orElse(null);
        change(changes, d.name(), before, new HealthAssessment.Verdict(d.band(), d.ruleId(), d.rule()), d.value(), properties);
      }
    }
    return new HealthReport(accountId, computedAt, now.overall().band(), previousBand, changes, now.overall(),
        now.outcomes(), now.experience(), now.dimensions());
  }

  private static void change(List<Change> changes, String what, String before, HealthAssessment.Verdict after,
      String value, HealthProperties properties) {
    if (java.util.Objects.equals(before, after.band())) {
      return;
    }
    int from = properties.rank(before);
    int to = properties.rank(after.band());
    String direction = from < 0 || to < 0 ? "changed" : to < from ? "worse" : "better";
    changes.add(new Change(what, before, after.band(), direction, value, after.rule()));
  }

  /** Whether a band or what a dimension was computed from differs from the other report. */
  boolean differsFrom(HealthReport other) {
    if (!changes.isEmpty() || !java.util.Objects.equals(band, other.band())) {
      return true;
    }
    java.util.Map<String, String> values = new java.util.HashMap<>();
    other.dimensions().forEach(d -> values.put(d.name(), d.value()));
    return dimensions.stream().anyMatch(d -> !java.util.Objects.equals(values.get(d.name()), d.value()));
  }

  /** The dimensions of this report in the given band (e.g. the red ones). */
  public List<HealthAssessment.Dimension> dimensionsIn(String band) {
    return dimensions.stream().filter(d -> band.equals(d.band())).toList();
  }
}
