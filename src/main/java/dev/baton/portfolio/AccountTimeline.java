package dev.baton.portfolio;

import com.fasterxml.jackson.databind.JsonNode;
import dev.baton.contact.Contact;
import dev.baton.health.HealthHistory;
import dev.baton.successplan.SuccessPlanVersion;
import java.time.Instant;
import java.util.List;

/**
 * The account page: the account's line, its team, the customer's people, the current success plan, its health
 * history and its timeline (newest first).
 */
record AccountTimeline(AccountRow account, List<TeamMember> team, List<Contact> contacts, SuccessPlan successPlan,
    List<HealthHistory.Point> health, List<TimelineEntry> timeline) {

  /** The current version of the success plan: its objectives (with status and progress once reviewed) and milestones. */
  record SuccessPlan(int version, Instant recordedAt, String source, JsonNode objectives, JsonNode milestones) {
    static SuccessPlan of(SuccessPlanVersion current) {
      return new SuccessPlan(current.version(), current.recordedAt(), current.source(),
          current.plan().path("objectives"), current.plan().path("milestones"));
    }
  }

  /** A role of the account team (its business name) and the person holding it. */
  record TeamMember(String role, String userId, String name) {}
}
