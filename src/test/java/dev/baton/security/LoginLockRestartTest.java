package dev.baton.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.support.AppProcess;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** A database where Camunda's own check locked the administrator (an older Baton) does not keep them out. */
class LoginLockRestartTest {

  @Test
  void aStartLiftsTheLockCamundasOwnCheckLeftOnTheAdministrator() throws Exception {
    String database = AppProcess.fileDatabase("login-lock");
    try (AppProcess app = AppProcess.launch("login-lock-first", "--spring.datasource.url=" + database)) {
      app.awaitStarted(Duration.ofSeconds(300));
    }
    // Baton stopped: the row as Camunda's check leaves it after ten wrong passwords (locked until unlocked).
    try (Connection db = DriverManager.getConnection(database, "sa", "");
        PreparedStatement lock = db.prepareStatement(
            "update ACT_ID_USER set ATTEMPTS_ = 10, LOCK_EXP_TIME_ = ? where ID_ = 'demo'")) {
      lock.setTimestamp(1, Timestamp.from(Instant.now().plus(Duration.ofDays(365))));
      assertThat(lock.executeUpdate()).isEqualTo(1);
    }

    try (AppProcess app = AppProcess.launch("login-lock-second", "--spring.datasource.url=" + database)) {
      app.awaitStarted(Duration.ofSeconds(300));
      assertThat(app.get("/engine-rest/engine", "demo:demo").statusCode()).isEqualTo(200);
      assertThat(app.output()).contains("Lifted Camunda's login lock of 1 user(s)");
    }
    try (Connection db = DriverManager.getConnection(database, "sa", "");
        ResultSet row = db.createStatement().executeQuery(
            "select ATTEMPTS_, LOCK_EXP_TIME_ from ACT_ID_USER where ID_ = 'demo'")) {
      assertThat(row.next()).isTrue();
      assertThat(row.getInt("ATTEMPTS_")).isZero();
      assertThat(row.getTimestamp("LOCK_EXP_TIME_")).isNull();
    }
  }
}
