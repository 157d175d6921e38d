package dev.baton.successplan;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The versions of each account's success plan (V44__success_plan_versions.sql); rows are only ever added. */
@Repository
class SuccessPlanVersionStore {

  private final JdbcClient jdbc;

  SuccessPlanVersionStore(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  int latestVersion(String accountId) {
    return jdbc.sql("select coalesce(max(version), 0) from baton_success_plan_version where account_id = ?")
        .param(accountId).query(Integer.class).single();
  }

  void insert(String accountId, int version, String planJson, Instant recordedAt, String source, String recordedBy) {
    jdbc.sql("""
            insert into baton_success_plan_version (account_id, version, plan, recorded_at, source, recorded_by)
            values (?, ?, ?, ?, ?, ?)""")
        .params(accountId, version, planJson, Timestamp.from(recordedAt), source, recordedBy).update();
  }

  /** Newest first. */
  List<Row> all(String accountId) {
    return jdbc.sql("select * from baton_success_plan_version where account_id = ? order by version desc")
        .param(accountId)
        .query((rs, n) -> new Row(rs.getInt("version"), rs.getString("plan"), rs.getTimestamp("recorded_at").toInstant(),
            rs.getString("source"), rs.getString("recorded_by")))
        .list();
  }

  Optional<Row> latest(String accountId) {
    return all(accountId).stream().findFirst();
  }

  record Row(int version, String plan, Instant recordedAt, String source, String recordedBy) {}
}
