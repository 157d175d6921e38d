package dev.baton.health;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Customer-facing steps completed in Baton, per account (table baton_health_touch): engagement's last touch. */
@Repository
class HealthTouchStore {

  private final JdbcClient jdbc;
  private final JdbcTemplate batches;

  HealthTouchStore(JdbcClient jdbc, JdbcTemplate batches) {
    this.jdbc = jdbc;
    this.batches = batches;
  }

  void insert(String accountId, CustomerTouch touch, Instant recordedAt) {
    TouchBatch batch = batch();
    if (batch != null && batch.newest.containsKey(accountId)) {
      batch.add(accountId, touch.at(), touch.what(), recordedAt);
      return;
    }
    jdbc.sql("insert into baton_health_touch (account_id, touched_at, what, recorded_at) values (?, ?, ?, ?)")
        .params(accountId, Timestamp.from(touch.at()), touch.what(), Timestamp.from(recordedAt))
        .update();
  }

  /** A day-count an integration pushed: the touch it reports, for the daily re-score's query only. */
  void insertReported(String accountId, Instant touchedAt, Instant recordedAt) {
    TouchBatch batch = batch();
    if (batch != null && batch.newest.containsKey(accountId)) {
      batch.add(accountId, touchedAt, null, recordedAt);
      return;
    }
    jdbc.sql("insert into baton_health_touch (account_id, touched_at, what, recorded_at) values (?, ?, null, ?)")
        .params(accountId, Timestamp.from(touchedAt), Timestamp.from(recordedAt))
        .update();
  }

  /** The account's newest touch done in Baton (scoring reads pushed day-counts from the signals). */
  Optional<CustomerTouch> newest(String accountId) {
    TouchBatch batch = batch();
    if (batch != null && batch.newest.containsKey(accountId)) {
      return batch.newest.get(accountId);
    }
    return jdbc.sql("select touched_at, what from baton_health_touch where account_id = ? and what is not null "
            + "order by touched_at desc, id desc fetch first 1 rows only")
        .param(accountId)
        .query((rs, n) -> new CustomerTouch(rs.getTimestamp(1).toInstant(), rs.getString(2))).optional();
  }

  /** In a {@link HealthBatch}: reads the newest touch done in Baton of all the accounts at once, for {@link #newest}. */
  void prefetch(List<String> accountIds) {
    TouchBatch batch = HealthBatch.current().part(TouchBatch.class, TouchBatch::new);
    accountIds.forEach(id -> batch.newest.put(id, Optional.empty()));
    jdbc.sql("select account_id, touched_at, what from (select t.*, row_number() over (partition by account_id "
            + "order by touched_at desc, id desc) as newest from baton_health_touch t where account_id in (:ids) "
            + "and what is not null) n where newest = 1")
        .param("ids", accountIds)
        .query(rs -> {
          batch.newest.put(rs.getString(1), Optional.of(new CustomerTouch(rs.getTimestamp(2).toInstant(), rs.getString(3))));
        });
  }

  /** In a {@link HealthBatch}: writes the touches recorded meanwhile, as one JDBC batch. */
  void flush() {
    TouchBatch batch = batch();
    if (batch == null || batch.pending.isEmpty()) {
      return;
    }
    batches.batchUpdate("insert into baton_health_touch (account_id, touched_at, what, recorded_at) values (?, ?, ?, ?)",
        batch.pending, batch.pending.size(), (ps, row) -> {
          ps.setString(1, (String) row[0]);
          ps.setTimestamp(2, (Timestamp) row[1]);
          ps.setObject(3, row[2], java.sql.Types.VARCHAR);
          ps.setTimestamp(4, (Timestamp) row[3]);
        });
    batch.pending.clear();
  }

  private static TouchBatch batch() {
    HealthBatch open = HealthBatch.current();
    return open == null ? null : open.part(TouchBatch.class, TouchBatch::new);
  }

  /** This store's part of a {@link HealthBatch}: each account's newest touch done in Baton, the rows to insert. */
  private static final class TouchBatch {
    final Map<String, Optional<CustomerTouch>> newest = new HashMap<>();
    final List<Object[]> pending = new ArrayList<>();

    void add(String accountId, Instant at, String what, Instant recordedAt) {
      pending.add(new Object[] {accountId, Timestamp.from(at), what, Timestamp.from(recordedAt)});
      Optional<CustomerTouch> known = newest.get(accountId);
      // The store's order: the later touch, the later insert on a tie.
      if (what != null && (known.isEmpty() || !at.isBefore(known.get().at()))) {
        newest.put(accountId, Optional.of(new CustomerTouch(at, what)));
      }
    }
  }

  /** Accounts touched in [from, to) (from null: any time before to), in Baton or as an integration reported. */
  List<String> touchedBetween(Instant from, Instant to) {
    String sql = "select distinct account_id from baton_health_touch where touched_at < ?"
        + (from == null ? "" : " and touched_at >= ?");
    var statement = jdbc.sql(sql).param(Timestamp.from(to));
    if (from != null) {
      statement = statement.param(Timestamp.from(from));
    }
    return statement.query(String.class).list();
  }
}
