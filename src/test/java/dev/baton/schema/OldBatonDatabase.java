package dev.baton.schema;

import dev.baton.support.AppProcess;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * A database as an earlier Baton left it: Camunda's tables made by Camunda at start (schema-update=true with
 * cmmn-enabled off: no case tables, no Baton indexes yet), Baton's migrations 1 to 41 applied out of order (the
 * capabilities' higher numbers first, then 3 and 3.1), an account, and a job without a due date. On H2 a file
 * database of its own; on PostgreSQL (the suite's -Ppostgres database) a schema of its own in that database.
 */
record OldBatonDatabase(String url, String user, String password) {

  /** Applied first by the old Baton; 3 and 3.1 came later, out of order. */
  static final List<String> FIRST = List.of("V1__accounts.sql", "V2__account_lifecycle.sql", "V10__handoff_csm_load.sql",
      "V15__handoff_deal.sql", "V20__health.sql", "V30__onboarding.sql");
  /** What Camunda's schema-update made with cmmn-enabled off. */
  static final List<String> CAMUNDA_PARTS = List.of("engine", "history", "identity", "decision.engine", "decision.history");
  static final String ACCOUNT = "old-acme";
  static final String JOB = "old-job-without-due-date";

  static OldBatonDatabase create(String name) throws Exception {
    OldBatonDatabase db = empty(name);
    db.makeTheOldWay();
    return db;
  }

  /** A database of its own with nothing in it. */
  static OldBatonDatabase empty(String name) throws Exception {
    String postgres = System.getProperty("baton.test.db.url");
    OldBatonDatabase db;
    if (postgres == null || postgres.isBlank()) {
      db = new OldBatonDatabase(AppProcess.fileDatabase(name), "sa", "");
    } else {
      String schema = name.replaceAll("[^a-z0-9]", "_");
      db = new OldBatonDatabase(postgres + (postgres.contains("?") ? "&" : "?") + "currentSchema=" + schema,
          System.getProperty("baton.test.db.user"), System.getProperty("baton.test.db.password"));
      try (Connection connection = DriverManager.getConnection(postgres, db.user, db.password);
          Statement statement = connection.createStatement()) {
        statement.execute("drop schema if exists " + schema + " cascade");
        statement.execute("create schema " + schema);
      }
    }
    return db;
  }

  private void makeTheOldWay() throws Exception {
    Path first = Files.createTempDirectory("old-baton-migrations");
    for (String file : FIRST) {
      try (InputStream in = new ClassPathResource("db/migration/" + file).getInputStream()) {
        Files.copy(in, first.resolve(file));
      }
    }
    oldFlyway("filesystem:" + first).migrate();
    // The earlier Baton ended at 41: later SQL migrations (such as 47) are not part of it.
    Flyway.configure().configuration(oldFlyway("classpath:db/migration").getConfiguration()).target("41").load().migrate();
    // The engine was built after Flyway had run.
    try (Connection connection = connect()) {
      String type = SqlScripts.databaseType(connection);
      for (String part : CAMUNDA_PARTS) {
        SqlScripts.run(connection, "org/camunda/bpm/engine/db/create/activiti." + type + ".create." + part + ".sql");
      }
    }
    try (Connection connection = connect(); Statement statement = connection.createStatement()) {
      statement.execute("insert into baton_account (account_id, name, created_at, updated_at) values ('" + ACCOUNT
          + "', 'Old Acme', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)");
      statement.execute("insert into ACT_RU_JOB (ID_, REV_, TYPE_, RETRIES_, HANDLER_TYPE_) values ('" + JOB
          + "', 1, 'message', 3, 'async-continuation')");
    }
  }

  /**
   * Flyway as the earlier Baton configured it: out of order, Baton's SQL migrations only, and only those it had
   * (up to 41; later SQL migrations are what the upgrade brings).
   */
  private Flyway oldFlyway(String location) {
    return Flyway.configure().dataSource(url, user, password).table("baton_schema_history").locations(location)
        .outOfOrder(true).baselineOnMigrate(true).target(location.startsWith("classpath:") ? "41" : "latest").load();
  }

  /** Flyway as Baton configures it now (application.yaml's spring.flyway and the Java migrations). */
  Flyway flyway() {
    return Flyway.configure().dataSource(url, user, password).table("baton_schema_history")
        .locations("classpath:db/migration").outOfOrder(false).baselineOnMigrate(false)
        .javaMigrations(new CamundaSchema(), new CamundaTableIndexes(), new ReadGrantsIndexOnPostgres()).load();
  }

  DataSource dataSource() {
    return new DriverManagerDataSource(url, user, password);
  }

  Connection connect() throws SQLException {
    return DriverManager.getConnection(url, user, password);
  }

  boolean hasTable(String table) throws SQLException {
    try (Connection connection = connect()) {
      return SqlScripts.tableExists(connection, table);
    }
  }

  /** Versions in Baton's history, in the order they were applied. */
  List<String> history() throws SQLException {
    List<String> versions = new ArrayList<>();
    try (Connection connection = connect(); Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery(
            "select \"version\" from \"baton_schema_history\" where \"success\" and \"version\" is not null order by \"installed_rank\"")) {
      while (rows.next()) {
        versions.add(rows.getString(1));
      }
    }
    return versions;
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

  static String[] productionSettings(OldBatonDatabase db) {
    return new String[] {"--DB_URL=" + db.url, "--DB_USER=" + db.user, "--DB_PASSWORD=" + db.password,
        "--ADMIN_USER=ops-admin", "--ADMIN_PASSWORD=s3cret-Pa55",
        "--CUSTOMER_LINK_SECRET=production-customer-link-secret-0123456789"};
  }

}
