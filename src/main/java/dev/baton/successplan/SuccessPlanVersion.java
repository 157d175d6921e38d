package dev.baton.successplan;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/**
 * One version of an account's success plan (docs/lifecycle.md#the-living-success-plan). {@code plan} holds
 * {@code objectives} (each with its measure, baseline, target, owner and, once reviewed, {@code status} and
 * {@code progress}) and {@code milestones}.
 *
 * @param source where it was recorded: {@value SuccessPlanVersions#ONBOARDING},
 *     {@value SuccessPlanVersions#BUSINESS_REVIEW} or {@value SuccessPlanVersions#VALUE_REVIEW}
 */
public record SuccessPlanVersion(String accountId, int version, Instant recordedAt, String source, String recordedBy,
    JsonNode plan) {

  /** Objective statuses a review may give; the last two close the objective. */
  public static final String ON_TRACK = "on-track";
  public static final String AT_RISK = "at-risk";
  public static final String ACHIEVED = "achieved";
  public static final String DROPPED = "dropped";

  /** Whether an objective is still worked on (not achieved, not dropped). */
  public static boolean open(JsonNode objective) {
    String status = objective.path("status").asText("");
    return !ACHIEVED.equals(status) && !DROPPED.equals(status);
  }

  /** The plan as plain text for forms and mails: each objective with its status and progress, then the milestones. */
  public String summary() {
    StringBuilder text = new StringBuilder("Success plan, version ").append(version).append(" (").append(source)
        .append(")\nObjectives:\n");
    for (JsonNode o : plan.path("objectives")) {
      text.append("- ").append(o.path("objective").asText()).append(": from ").append(o.path("baseline").asText())
          .append(" to ").append(o.path("target").asText());
      if (o.hasNonNull("targetDate")) {
        text.append(" by ").append(o.get("targetDate").asText());
      }
      text.append("; owner: ").append(o.path("owner").asText());
      if (o.hasNonNull("status")) {
        text.append("; ").append(o.get("status").asText());
      }
      if (o.hasNonNull("progress")) {
        text.append(": ").append(o.get("progress").asText());
      }
      text.append('\n');
    }
    text.append("Milestones:\n");
    for (JsonNode m : plan.path("milestones")) {
      text.append("- ").append(m.path("date").asText()).append(": ").append(m.path("milestone").asText())
          .append(" (owner: ").append(m.path("owner").asText()).append(")\n");
    }
    return text.toString().trim();
  }
}
