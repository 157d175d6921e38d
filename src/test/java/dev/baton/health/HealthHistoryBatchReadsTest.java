package dev.baton.health;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.account.Account;
import dev.baton.account.AccountRepository;
import dev.baton.support.BatonIntegrationTest;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A page of the book of business reads the health of its rows at once (HealthHistory's batch reads): each account
 * gets what its own read gives, the points since an instant oldest first and the main reason of its band.
 */
@BatonIntegrationTest
class HealthHistoryBatchReadsTest {

  @Autowired HealthHistory history;
  @Autowired HealthScoreStore scores;
  @Autowired HealthProperties properties;
  @Autowired AccountRepository accounts;

  @Test
  void batchReadsGiveWhatEachAccountsOwnReadsGive() {
    String run = UUID.randomUUID().toString().substring(0, 8);
    String never = account("never-" + run);
    String steady = account("steady-" + run);
    String worsening = account("worsening-" + run);
    String unknown = account("unknown-" + run);
    Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    // Before the window: left out of the points, but the band the first point in it moved from.
    record(steady, now.minus(Duration.ofDays(120)), "green", null, "weeklyActiveUsers", "80 %");
    record(steady, now.minus(Duration.ofDays(30)), "green", "green", "weeklyActiveUsers", "82 %");
    record(steady, now.minus(Duration.ofDays(2)), "green", "green", "nps", "NPS 9");
    record(worsening, now.minus(Duration.ofDays(60)), "yellow", "green", "supportTickets", "4 open escalations");
    record(worsening, now.minus(Duration.ofDays(10)), "red", "yellow", "weeklyActiveUsers", "12 % of licensed users");
    record(worsening, now.minus(Duration.ofDays(10)), "red", "red", "lastTouch", null);
    record(unknown, now.minus(Duration.ofDays(5)), HealthReport.UNKNOWN, null, "nps", null);
    List<String> ids = List.of(never, steady, worsening, unknown);
    Instant since = now.minus(Duration.ofDays(90));

    Map<String, List<HealthHistory.Point>> points = history.since(ids, since);
    Map<String, String> reasons = history.topReasons(ids);

    assertThat(points).containsOnlyKeys(ids);
    for (String id : ids) {
      assertThat(points.get(id)).as(id).isEqualTo(history.since(id, since));
      assertThat(reasons.get(id)).as(id).isEqualTo(history.topReason(id).orElse(null));
    }
    assertThat(points.get(never)).isEmpty();
    assertThat(reasons).doesNotContainKey(never);
    assertThat(points.get(steady)).extracting(HealthHistory.Point::previousBand).containsExactly("green", "green");
    assertThat(points.get(worsening)).extracting(HealthHistory.Point::reason)
        // Two at one instant keep the order of the single read: the later recorded first.
        .containsExactly("Support tickets: 4 open escalations", "Last touch", "Weekly active users: 12 % of licensed users");
    assertThat(reasons).containsEntry(steady, "Nps: NPS 9").containsEntry(worsening, "Last touch")
        .containsEntry(unknown, "No current health data");
    assertThat(history.since(List.of(), since)).isEmpty();
    assertThat(history.topReasons(List.of())).isEmpty();
  }

  private String account(String id) {
    accounts.save(new Account(id, "Batch " + id, "SMB", null, null, Map.of()));
    return id;
  }

  /** One recomputation whose band's first dimension is {@code dimension}, with its value. */
  private void record(String accountId, Instant at, String band, String previousBand, String dimension, String value) {
    HealthAssessment.Verdict overall = new HealthAssessment.Verdict(band, "r1",
        HealthReport.UNKNOWN.equals(band) ? "No current health data" : "rule");
    HealthAssessment assessment = new HealthAssessment(overall, overall, overall, List.of(
        new HealthAssessment.Dimension(dimension, "outcomes", band, value, Map.of(), "Table", "r2", "rule"),
        new HealthAssessment.Dimension("other", "experience", band, "second", Map.of(), "Table", "r3", "rule")));
    scores.insert(HealthReport.of(accountId, at, assessment, null, previousBand, properties));
  }
}
