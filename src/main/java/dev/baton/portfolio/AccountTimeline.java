package dev.baton.portfolio;

import dev.baton.health.HealthHistory;
import java.util.List;

/** The account page: the account's line, its team, its health history and its timeline (newest first). */
record AccountTimeline(AccountRow account, List<TeamMember> team, List<HealthHistory.Point> health,
    List<TimelineEntry> timeline) {

  /** A role of the account team (its business name) and the person holding it. */
  record TeamMember(String role, String userId, String name) {}
}
