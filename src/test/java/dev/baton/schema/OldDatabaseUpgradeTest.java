package dev.baton.schema;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.support.AppProcess;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * An operator upgrades a database an earlier Baton made (OldBatonDatabase) the way docs/operations.md says,
 * with `java -jar` in production mode: the start refuses and names the command, the command migrates and exits,
 * then Baton starts on the upgraded database with its data.
 */
class OldDatabaseUpgradeTest {

  @Test
  void productionRefusesAnOldDatabaseTheMigrateCommandUpgradesItThenBatonStartsOnIt() throws Exception {
    OldBatonDatabase db = OldBatonDatabase.create("upgraded-by-operator");
    List<String> settings = new ArrayList<>(List.of(OldBatonDatabase.productionSettings(db)));
    // Nothing runs behind the test's back (the old database holds a job of no process).
    settings.add("--camunda.bpm.job-execution.enabled=false");

    try (AppProcess refused = launch("old-database-refused", settings)) {
      assertThat(refused.awaitExit(Duration.ofSeconds(120))).isNotZero();
      assertThat(refused.output()).contains("APPLICATION FAILED TO START", "42 Camunda 7.24 schema",
          "java -jar baton.jar --baton.schema.migrate");
    }
    assertThat(db.history()).doesNotContain("42", "43", "44");

    List<String> migrate = new ArrayList<>(settings);
    migrate.add("--baton.schema.migrate");
    try (AppProcess command = launch("old-database-migrate", migrate)) {
      assertThat(command.awaitExit(Duration.ofSeconds(120))).as(command.output()).isZero();
      assertThat(command.output()).contains("Database schema is up to date").doesNotContain("Started BatonApplication");
    }
    assertThat(db.history()).contains("42", "43", "44", "46", "47", "48", "50", "52");

    try (AppProcess app = launch("old-database-upgraded", settings)) {
      app.awaitStarted(Duration.ofSeconds(180));
      assertThat(app.get("/engine-rest/user/count", "ops-admin:s3cret-Pa55").body()).isEqualTo("{\"count\":1}");
      assertThat(app.output()).doesNotContain("Migrating");
    }
    assertThat(db.count("select count(*) from baton_account where account_id = ?", OldBatonDatabase.ACCOUNT)).isEqualTo(1);
    assertThat(db.count("select count(*) from ACT_RE_DEPLOYMENT")).isPositive();
  }

  private static AppProcess launch(String name, List<String> args) throws Exception {
    return AppProcess.launch(name, AppProcess.QUICK_START, null, args.toArray(String[]::new));
  }
}
