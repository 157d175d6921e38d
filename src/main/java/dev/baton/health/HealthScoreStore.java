package dev.baton.health;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Timestamp;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Every health recomputation of every account (table baton_health_score): the history. */
@Repository
class HealthScoreStore {

  private final JdbcClient jdbc;
  private final ObjectMapper json;

  HealthScoreStore(JdbcClient jdbc, ObjectMapper json) {
    this.jdbc = jdbc;
    this.json = json;
  }

  void insert(HealthReport report) {
    jdbc.sql("""
            insert into baton_health_score (account_id, computed_at, overall_band, outcomes_band, experience_band,
              previous_band, explanation) values (?, ?, ?, ?, ?, ?, ?)""")
        .params(report.accountId(), Timestamp.from(report.computedAt()), report.band(), report.outcomes().band(),
            report.experience().band(), report.previousBand(), write(report))
        .update();
  }

  Optional<HealthReport> latest(String accountId) {
    return history(accountId, 1).stream().findFirst();
  }

  /** The newest first. */
  List<HealthReport> history(String accountId, int limit) {
    return jdbc.sql("select explanation from baton_health_score where account_id = ? order by id desc fetch first "
            + limit + " rows only")
        .param(accountId).query((rs, n) -> read(rs.getString(1))).list();
  }

  private String write(HealthReport report) {
    try {
      return json.writeValueAsString(report);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Cannot write the health report of " + report.accountId(), e);
    }
  }

  private HealthReport read(String explanation) {
    try {
      return json.readValue(explanation, HealthReport.class);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Unreadable health report: " + e.getOriginalMessage(), e);
    }
  }
}
