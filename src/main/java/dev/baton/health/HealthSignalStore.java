package dev.baton.health;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The signals of every account as received (table baton_health_signal), and their latest values. */
@Repository
class HealthSignalStore {

  private final JdbcClient jdbc;

  HealthSignalStore(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  void insert(String accountId, HealthSignal s, Instant receivedAt) {
    jdbc.sql("""
            insert into baton_health_signal (account_id, observed_at, received_at, licences_activated,
              licences_purchased, weekly_active_users, licensed_users, features_adopted, features_available,
              days_since_last_touch, nps, support_satisfaction, open_escalated_tickets, csm_sentiment, csm_comment,
              goal_attainment)
            values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
        .params(accountId, Timestamp.from(s.timestamp().toInstant()), Timestamp.from(receivedAt),
            s.licencesActivated(), s.licencesPurchased(), s.weeklyActiveUsers(), s.licensedUsers(),
            s.featuresAdopted(), s.featuresAvailable(), s.daysSinceLastTouch(), s.nps(), s.supportSatisfaction(),
            s.openEscalatedTickets(), s.csmSentiment(), s.csmComment(), s.goalAttainment())
        .update();
  }

  /** Each measurement from the newest signal (by its timestamp) that carried it. */
  HealthMeasurements latest(String accountId) {
    Optional<Integer[]> licences = pair(accountId, "licences_activated", "licences_purchased");
    Optional<Integer[]> users = pair(accountId, "weekly_active_users", "licensed_users");
    Optional<Integer[]> features = pair(accountId, "features_adopted", "features_available");
    Optional<String[]> sentiment = newest(accountId, "csm_sentiment", "csm_sentiment, csm_comment",
        rs -> new String[] {rs.getString(1), rs.getString(2)});
    return new HealthMeasurements(
        licences.map(p -> p[0]).orElse(null), licences.map(p -> p[1]).orElse(null),
        users.map(p -> p[0]).orElse(null), users.map(p -> p[1]).orElse(null),
        features.map(p -> p[0]).orElse(null), features.map(p -> p[1]).orElse(null),
        integer(accountId, "days_since_last_touch"), integer(accountId, "nps"),
        decimal(accountId, "support_satisfaction"), integer(accountId, "open_escalated_tickets"),
        sentiment.map(p -> p[0]).orElse(null), sentiment.map(p -> p[1]).orElse(null),
        decimal(accountId, "goal_attainment"));
  }

  private Optional<Integer[]> pair(String accountId, String part, String whole) {
    return newest(accountId, part, part + ", " + whole, rs -> new Integer[] {rs.getInt(1), rs.getInt(2)});
  }

  private Integer integer(String accountId, String column) {
    return newest(accountId, column, column, rs -> rs.getInt(1)).orElse(null);
  }

  private BigDecimal decimal(String accountId, String column) {
    return newest(accountId, column, column, rs -> rs.getBigDecimal(1)).orElse(null);
  }

  private <T> Optional<T> newest(String accountId, String column, String select, Row<T> row) {
    // Column names are constants of this class, never caller input.
    return jdbc.sql("select " + select + " from baton_health_signal where account_id = ? and " + column
            + " is not null order by observed_at desc, id desc fetch first 1 rows only")
        .param(accountId).query((rs, n) -> row.map(rs)).optional();
  }

  private interface Row<T> {
    T map(ResultSet rs) throws SQLException;
  }
}
