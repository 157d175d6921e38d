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
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The signals of every account as received (table baton_health_signal), and their latest values. */
@Repository
class HealthSignalStore {

  private final JdbcClient jdbc;
  private final JdbcTemplate batches;

  HealthSignalStore(JdbcClient jdbc, JdbcTemplate batches) {
    this.jdbc = jdbc;
    this.batches = batches;
  }

  void insert(String accountId, HealthSignal s, Instant receivedAt) {
    SignalBatch batch = batch();
    if (batch != null && batch.read(accountId)) {
      batch.add(accountId, s, receivedAt);
      return;
    }
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
    SignalBatch batch = batch();
    if (batch != null && batch.read(accountId)) {
      return batch.latest(accountId);
    }
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
   * In a {@link HealthBatch}: reads, for all the accounts at once, each one's newest signal of every measurement
   * (one query per measurement), so {@link #latest} answers from memory, with the signals inserted meanwhile.
   */
  void prefetch(List<String> accountIds) {
    SignalBatch batch = HealthBatch.current().part(SignalBatch.class, SignalBatch::new);
    for (Measurement measurement : Measurement.values()) {
      // Column names are constants of Measurement, never caller input.
      jdbc.sql("select * from (select s.*, row_number() over (partition by account_id order by observed_at desc, id desc)"
              + " as newest from baton_health_signal s where account_id in (:ids) and " + measurement.column()
              + " is not null) t where newest = 1")
          .param("ids", accountIds)
          .query(rs -> {
            batch.stored(rs.getString("account_id"), new SignalBatch.Stored(signal(rs),
                rs.getTimestamp("observed_at").toInstant(), rs.getLong("id")));
          });
    }
    accountIds.forEach(batch::markRead);
  }

  /** In a {@link HealthBatch}: writes the signals inserted meanwhile, as one JDBC batch. */
  void flush() {
    SignalBatch batch = batch();
    if (batch == null || batch.pending.isEmpty()) {
      return;
    }
    batches.batchUpdate("""
            insert into baton_health_signal (account_id, observed_at, received_at, licences_activated,
              licences_purchased, weekly_active_users, licensed_users, features_adopted, features_available,
              days_since_last_touch, nps, support_satisfaction, open_escalated_tickets, csm_sentiment, csm_comment,
              goal_attainment)
            values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""", batch.pending, batch.pending.size(),
        (ps, row) -> {
          HealthSignal s = row.signal();
          ps.setString(1, row.accountId());
          ps.setTimestamp(2, Timestamp.from(s.timestamp().toInstant()));
          ps.setTimestamp(3, Timestamp.from(row.receivedAt()));
          ps.setObject(4, s.licencesActivated(), java.sql.Types.INTEGER);
          ps.setObject(5, s.licencesPurchased(), java.sql.Types.INTEGER);
          ps.setObject(6, s.weeklyActiveUsers(), java.sql.Types.INTEGER);
          ps.setObject(7, s.licensedUsers(), java.sql.Types.INTEGER);
          ps.setObject(8, s.featuresAdopted(), java.sql.Types.INTEGER);
          ps.setObject(9, s.featuresAvailable(), java.sql.Types.INTEGER);
          ps.setObject(10, s.daysSinceLastTouch(), java.sql.Types.INTEGER);
          ps.setObject(11, s.nps(), java.sql.Types.INTEGER);
          ps.setObject(12, s.supportSatisfaction(), java.sql.Types.DECIMAL);
          ps.setObject(13, s.openEscalatedTickets(), java.sql.Types.INTEGER);
          ps.setObject(14, s.csmSentiment(), java.sql.Types.VARCHAR);
          ps.setObject(15, s.csmComment(), java.sql.Types.VARCHAR);
          ps.setObject(16, s.goalAttainment(), java.sql.Types.DECIMAL);
        });
    batch.pending.clear();
  }

  private static SignalBatch batch() {
    HealthBatch open = HealthBatch.current();
    return open == null ? null : open.part(SignalBatch.class, SignalBatch::new);
  }

  private static HealthSignal signal(ResultSet rs) throws SQLException {
    return new HealthSignal(rs.getTimestamp("observed_at").toInstant().atOffset(java.time.ZoneOffset.UTC),
        rs.getObject("licences_activated", Integer.class), rs.getObject("licences_purchased", Integer.class),
        rs.getObject("weekly_active_users", Integer.class), rs.getObject("licensed_users", Integer.class),
        rs.getObject("features_adopted", Integer.class), rs.getObject("features_available", Integer.class),
        rs.getObject("days_since_last_touch", Integer.class), rs.getObject("nps", Integer.class),
        rs.getBigDecimal("support_satisfaction"), rs.getObject("open_escalated_tickets", Integer.class),
        rs.getString("csm_sentiment"), rs.getString("csm_comment"), rs.getBigDecimal("goal_attainment"));
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
