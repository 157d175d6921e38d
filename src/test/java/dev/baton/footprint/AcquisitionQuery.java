package dev.baton.footprint;

import dev.baton.schema.CamundaTableIndexes;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.util.Arrays;

/**
 * The job executor's acquisition query (Camunda 7.24's selectNextJobsToExecute as Baton configures it: not
 * deployment-aware, no ordering, every job dated, 12 jobs), timed against the database while Baton is stopped: what every poll
 * of the job executor costs with this many timers waiting. On PostgreSQL also without Baton's due-date index
 * (dropped inside a transaction that is rolled back), to show what the index saves.
 */
final class AcquisitionQuery {

  /** Milliseconds per acquisition (median of 20), with and without the index (NaN where not measured). */
  record Timing(double millis, double withoutIndexMillis) {}

  private static final String SQL = """
      select RES.ID_, RES.REV_, RES.DUEDATE_, RES.PROCESS_INSTANCE_ID_, RES.EXCLUSIVE_ from ACT_RU_JOB RES
      where (RES.RETRIES_ > 0) and (RES.DUEDATE_ <= ?)
        and (RES.LOCK_OWNER_ is null or RES.LOCK_EXP_TIME_ < ?) and RES.SUSPENSION_STATE_ = 1
        and ((RES.EXCLUSIVE_ = true and not exists (select J2.ID_ from ACT_RU_JOB J2
              where J2.PROCESS_INSTANCE_ID_ = RES.PROCESS_INSTANCE_ID_ and (J2.EXCLUSIVE_ = true)
                and (J2.LOCK_OWNER_ is not null and J2.LOCK_EXP_TIME_ >= ?)))
          or RES.EXCLUSIVE_ = false)
      LIMIT ? OFFSET ?""";

  private AcquisitionQuery() {}

  static Timing time(String url, String user, String password, boolean postgres) throws SQLException {
    try (Connection connection = DriverManager.getConnection(url, user, password)) {
      double with = median(connection);
      double without = Double.NaN;
      if (postgres) {
        connection.setAutoCommit(false);
        try (Statement statement = connection.createStatement()) {
          statement.execute("drop index if exists " + CamundaTableIndexes.JOB_DUE_DATE);
          without = median(connection);
        } finally {
          connection.rollback();
        }
      }
      return new Timing(with, without);
    }
  }

  private static double median(Connection connection) throws SQLException {
    double[] millis = new double[20];
    try (PreparedStatement query = connection.prepareStatement(SQL)) {
      for (int i = -5; i < millis.length; i++) {
        // A new "now" each time, as each poll has: H2 would otherwise answer a repeated query from its cache.
        Timestamp now = new Timestamp(System.currentTimeMillis() + i + 5);
        query.setTimestamp(1, now);
        query.setTimestamp(2, now);
        query.setTimestamp(3, now);
        query.setInt(4, 12);
        query.setInt(5, 0);
        long start = System.nanoTime();
        query.executeQuery().close();
        if (i >= 0) {
          millis[i] = (System.nanoTime() - start) / 1e6;
        }
      }
    }
    Arrays.sort(millis);
    return millis[millis.length / 2];
  }
}
