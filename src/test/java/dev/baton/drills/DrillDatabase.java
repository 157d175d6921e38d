package dev.baton.drills;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The PostgreSQL database of the two-node drill, read straight with JDBC: what neither node's REST API
 * shows (who holds a job's lock and until when, counts across all of history). Named by DRILL_DB_URL,
 * DRILL_DB_USER and DRILL_DB_PASSWORD; the drill empties it first, so it must be the drill's own.
 */
record DrillDatabase(String url, String user, String password) {

  /** A job locked by a node: its id, what it belongs to, and when the lock runs out. */
  record LockedJob(String id, String processInstanceId, String processDefinitionKey, String type, Instant lockExpires) {}

  static DrillDatabase fromEnvironment() {
    String url = System.getenv("DRILL_DB_URL");
    return url == null || url.isBlank() ? null
        : new DrillDatabase(url, System.getenv().getOrDefault("DRILL_DB_USER", "baton"),
            System.getenv().getOrDefault("DRILL_DB_PASSWORD", ""));
  }

  /** Drops every table (Camunda's and Baton's): the nodes start on an empty database, as on a first install. */
  void empty() throws SQLException {
    try (Connection connection = connect(); Statement statement = connection.createStatement()) {
      statement.execute("drop schema public cascade");
      statement.execute("create schema public");
    }
  }

  /** Jobs whose lock the owner holds now (Baton names each node's lock owner host:port/pid). */
  List<LockedJob> lockedBy(String owner) throws SQLException {
    List<LockedJob> jobs = new ArrayList<>();
    try (Connection connection = connect(); PreparedStatement query = connection.prepareStatement(
        "select id_, process_instance_id_, process_def_key_, type_, lock_exp_time_ from act_ru_job "
            + "where lock_owner_ = ? and lock_exp_time_ is not null")) {
      query.setString(1, owner);
      try (ResultSet rows = query.executeQuery()) {
        while (rows.next()) {
          jobs.add(new LockedJob(rows.getString(1), rows.getString(2), rows.getString(3), rows.getString(4),
              rows.getTimestamp(5).toInstant()));
        }
      }
    }
    return jobs;
  }

  long count(String sql, Object... params) throws SQLException {
    try (Connection connection = connect(); PreparedStatement query = connection.prepareStatement(sql)) {
      for (int i = 0; i < params.length; i++) {
        query.setObject(i + 1, params[i]);
      }
      try (ResultSet rows = query.executeQuery()) {
        rows.next();
        return rows.getLong(1);
      }
    }
  }

  /** A two-column query ({@code key, count}) as a map. */
  Map<String, Long> counts(String sql) throws SQLException {
    Map<String, Long> counts = new LinkedHashMap<>();
    try (Connection connection = connect(); Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery(sql)) {
      while (rows.next()) {
        counts.put(rows.getString(1), rows.getLong(2));
      }
    }
    return counts;
  }

  private Connection connect() throws SQLException {
    return DriverManager.getConnection(url, user, password);
  }
}
