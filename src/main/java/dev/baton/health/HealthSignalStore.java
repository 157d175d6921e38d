package dev.baton.health;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
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

  /** Each measurement from the newest signal (by its timestamp) that carried it, with that timestamp. */
  HealthMeasurements latest(String accountId) {
    Map<Measurement, Instant> at = new EnumMap<>(Measurement.class);
    Optional<Integer[]> licences = pair(accountId, Measurement.LICENCES, "licences_purchased", at);
    Optional<Integer[]> users = pair(accountId, Measurement.ACTIVE_USERS, "licensed_users", at);
    Optional<Integer[]> features = pair(accountId, Measurement.FEATURES, "features_available", at);
    Optional<String[]> sentiment = newest(accountId, Measurement.SENTIMENT, "csm_sentiment, csm_comment",
        rs -> new String[] {rs.getString(1), rs.getString(2)}, at);
    return HealthMeasurements.of(
        licences.map(p -> p[0]).orElse(null), licences.map(p -> p[1]).orElse(null),
        users.map(p -> p[0]).orElse(null), users.map(p -> p[1]).orElse(null),
        features.map(p -> p[0]).orElse(null), features.map(p -> p[1]).orElse(null),
        integer(accountId, Measurement.LAST_TOUCH, at), integer(accountId, Measurement.NPS, at),
        decimal(accountId, Measurement.SUPPORT_SATISFACTION, at), integer(accountId, Measurement.ESCALATED_TICKETS, at),
        sentiment.map(p -> p[0]).orElse(null), sentiment.map(p -> p[1]).orElse(null),
        decimal(accountId, Measurement.GOALS, at), at);
  }

  /**
   * Accounts with a measurement taken in [from, to) (from null: any time before to): the daily re-score asks
   * for those whose measurement crossed its limit since the last run. Whether it was the account's newest of
   * that measurement is left to the re-score, which finds nothing changed otherwise.
   */
  List<String> measuredBetween(Measurement measurement, Instant from, Instant to) {
    String sql = "select distinct account_id from baton_health_signal where " + measurement.column()
        + " is not null and observed_at < ?" + (from == null ? "" : " and observed_at >= ?");
    var statement = jdbc.sql(sql).param(Timestamp.from(to));
    if (from != null) {
      statement = statement.param(Timestamp.from(from));
    }
    return statement.query(String.class).list();
  }

  private Optional<Integer[]> pair(String accountId, Measurement part, String whole, Map<Measurement, Instant> at) {
    return newest(accountId, part, part.column() + ", " + whole, rs -> new Integer[] {rs.getInt(1), rs.getInt(2)}, at);
  }

  private Integer integer(String accountId, Measurement measurement, Map<Measurement, Instant> at) {
    return newest(accountId, measurement, measurement.column(), rs -> rs.getInt(1), at).orElse(null);
  }

  private BigDecimal decimal(String accountId, Measurement measurement, Map<Measurement, Instant> at) {
    return newest(accountId, measurement, measurement.column(), rs -> rs.getBigDecimal(1), at).orElse(null);
  }

  private <T> Optional<T> newest(String accountId, Measurement measurement, String select, Row<T> row,
      Map<Measurement, Instant> at) {
    // Column names are constants of Measurement and this class, never caller input.
    Optional<Object[]> found = jdbc.sql("select " + select + ", observed_at from baton_health_signal where account_id = ? and "
            + measurement.column() + " is not null order by observed_at desc, id desc fetch first 1 rows only")
        .param(accountId)
        .query((rs, n) -> new Object[] {row.map(rs), rs.getTimestamp("observed_at").toInstant()}).optional();
    found.ifPresent(f -> at.put(measurement, (Instant) f[1]));
    @SuppressWarnings("unchecked")
    Optional<T> value = found.map(f -> (T) f[0]);
    return value;
  }

  private interface Row<T> {
    T map(ResultSet rs) throws SQLException;
  }
}
