package dev.baton.health;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Every health recomputation of every account (table baton_health_score): the history. */
@Repository
class HealthScoreStore {

  private final JdbcClient jdbc;
  private final JdbcTemplate batches;
  private final ObjectMapper json;

  HealthScoreStore(JdbcClient jdbc, JdbcTemplate batches, ObjectMapper json) {
    this.jdbc = jdbc;
    this.batches = batches;
    this.json = json;
  }

  void insert(HealthReport report) {
    ScoreBatch batch = batch();
    if (batch != null && batch.latest.containsKey(report.accountId())) {
      batch.latest.put(report.accountId(), Optional.of(report));
      batch.pending.add(new Object[] {report.accountId(), Timestamp.from(report.computedAt()), report.band(),
          report.outcomes().band(), report.experience().band(), report.previousBand(), write(report)});
      return;
    }
    jdbc.sql("""
            insert into baton_health_score (account_id, computed_at, overall_band, outcomes_band, experience_band,
              previous_band, explanation) values (?, ?, ?, ?, ?, ?, ?)""")
        .params(report.accountId(), Timestamp.from(report.computedAt()), report.band(), report.outcomes().band(),
            report.experience().band(), report.previousBand(), write(report))
        .update();
  }

  Optional<HealthReport> latest(String accountId) {
    ScoreBatch batch = batch();
    if (batch != null && batch.latest.containsKey(accountId)) {
      return batch.latest.get(accountId);
    }
    return history(accountId, 1).stream().findFirst();
  }

  /** The newest first. */
  List<HealthReport> history(String accountId, int limit) {
    return jdbc.sql("select explanation from baton_health_score where account_id = ? order by id desc fetch first "
            + limit + " rows only")
        .param(accountId).query((rs, n) -> read(rs.getString(1))).list();
  }

  /**
   * The newest {@code limit} computations of each of the accounts (newest first), as {@link #history} reads them
   * one account at a time, but in one query per 1,000 accounts; those computed before {@code notBefore} are left
   * out by the database (the caller filters by the report's own time). Accounts without any are absent.
   */
  Map<String, List<HealthReport>> histories(Collection<String> accountIds, int limit, Instant notBefore) {
    Map<String, List<HealthReport>> histories = new HashMap<>();
    List<String> ids = List.copyOf(new LinkedHashSet<>(accountIds));
    for (int from = 0; from < ids.size(); from += 1000) {
      // The window numbers each account's rows before the time filter, so the limit means what it means above.
      jdbc.sql("select account_id, explanation from (select account_id, explanation, computed_at, row_number() over"
              + " (partition by account_id order by id desc) as newest from baton_health_score where account_id in (:ids))"
              + " numbered where newest <= :limit and computed_at >= :notBefore order by account_id, newest")
          .param("ids", ids.subList(from, Math.min(from + 1000, ids.size())))
          .param("limit", limit)
          .param("notBefore", Timestamp.from(notBefore))
          .query(rs -> {
            histories.computeIfAbsent(rs.getString(1), id -> new ArrayList<>()).add(read(rs.getString(2)));
          });
    }
    return histories;
  }

  /** The latest computation of each of the accounts that has one, as {@link #latest} reads it, in one query. */
  Map<String, HealthReport> latest(Collection<String> accountIds) {
    Map<String, HealthReport> latest = new HashMap<>();
    List<String> unread = new ArrayList<>();
    ScoreBatch batch = batch();
    for (String id : new LinkedHashSet<>(accountIds)) {
      if (batch != null && batch.latest.containsKey(id)) {
        batch.latest.get(id).ifPresent(report -> latest.put(id, report));
      } else {
        unread.add(id);
      }
    }
    for (int from = 0; from < unread.size(); from += 1000) {
      jdbc.sql("select account_id, explanation from baton_health_score where id in (select max(id) from baton_health_score "
              + "where account_id in (:ids) group by account_id)")
          .param("ids", unread.subList(from, Math.min(from + 1000, unread.size())))
          .query(rs -> {
            latest.put(rs.getString(1), read(rs.getString(2)));
          });
    }
    return latest;
  }

  /** In a {@link HealthBatch}: reads the latest computation of all the accounts at once, for {@link #latest}. */
  void prefetch(List<String> accountIds) {
    ScoreBatch batch = HealthBatch.current().part(ScoreBatch.class, ScoreBatch::new);
    accountIds.forEach(id -> batch.latest.put(id, Optional.empty()));
    jdbc.sql("select account_id, explanation from baton_health_score where id in (select max(id) from baton_health_score "
            + "where account_id in (:ids) group by account_id)")
        .param("ids", accountIds)
        .query(rs -> {
          batch.latest.put(rs.getString(1), Optional.of(read(rs.getString(2))));
        });
  }

  /** In a {@link HealthBatch}: writes the computations made meanwhile, as one JDBC batch. */
  void flush() {
    ScoreBatch batch = batch();
    if (batch == null || batch.pending.isEmpty()) {
      return;
    }
    batches.batchUpdate("""
            insert into baton_health_score (account_id, computed_at, overall_band, outcomes_band, experience_band,
              previous_band, explanation) values (?, ?, ?, ?, ?, ?, ?)""", batch.pending, batch.pending.size(),
        (ps, row) -> {
          ps.setString(1, (String) row[0]);
          ps.setTimestamp(2, (Timestamp) row[1]);
          for (int i = 2; i < 7; i++) {
            ps.setObject(i + 1, row[i], java.sql.Types.VARCHAR);
          }
        });
    batch.pending.clear();
  }

  private static ScoreBatch batch() {
    HealthBatch open = HealthBatch.current();
    return open == null ? null : open.part(ScoreBatch.class, ScoreBatch::new);
  }

  /** This store's part of a {@link HealthBatch}: each account's latest computation, the rows to insert. */
  private static final class ScoreBatch {
    final Map<String, Optional<HealthReport>> latest = new HashMap<>();
    final List<Object[]> pending = new ArrayList<>();
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
