package dev.baton.health;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Customer-facing steps completed in Baton, per account (table baton_health_touch): engagement's last touch. */
@Repository
class HealthTouchStore {

  private final JdbcClient jdbc;

  HealthTouchStore(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  void insert(String accountId, CustomerTouch touch, Instant recordedAt) {
    jdbc.sql("insert into baton_health_touch (account_id, touched_at, what, recorded_at) values (?, ?, ?, ?)")
        .params(accountId, Timestamp.from(touch.at()), touch.what(), Timestamp.from(recordedAt))
        .update();
  }

  /** A day-count an integration pushed: the touch it reports, for the daily re-score's query only. */
  void insertReported(String accountId, Instant touchedAt, Instant recordedAt) {
    jdbc.sql("insert into baton_health_touch (account_id, touched_at, what, recorded_at) values (?, ?, null, ?)")
        .params(accountId, Timestamp.from(touchedAt), Timestamp.from(recordedAt))
        .update();
  }

  /** The account's newest touch done in Baton (scoring reads pushed day-counts from the signals). */
  Optional<CustomerTouch> newest(String accountId) {
    return jdbc.sql("select touched_at, what from baton_health_touch where account_id = ? and what is not null "
            + "order by touched_at desc, id desc fetch first 1 rows only")
        .param(accountId)
        .query((rs, n) -> new CustomerTouch(rs.getTimestamp(1).toInstant(), rs.getString(2))).optional();
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
