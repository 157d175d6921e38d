package dev.baton.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.baton.cluster.StartupLock;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

/**
 * What a start does to the schema of a database an earlier Baton made (OldBatonDatabase), and to an empty one:
 * Flyway makes Camunda's tables and Baton's in one history, production never migrates a database in use.
 */
class SchemaOnStartTest {

  static final String[] OLD_HISTORY = {"1", "2", "10", "15", "20", "30", "3", "3.1", "40", "41"};

  @Test
  void productionRefusesToMigrateAnOldDatabaseAndSaysWhatToRun() throws Exception {
    OldBatonDatabase db = OldBatonDatabase.create("refused-upgrade");

    assertThatThrownBy(() -> start(db, false))
        .isInstanceOf(SchemaBehind.class)
        .hasMessageContaining("at version 41") // the highest applied
        .hasMessageContaining("42 Camunda 7.24 schema")
        .hasMessageContaining("43 Baton indexes on Camunda tables")
        .hasMessageContaining("44 success plan versions")
        .hasMessageContaining("Back up the database")
        .hasMessageContaining("java -jar baton.jar --baton.schema.migrate");
    assertThat(db.history()).containsExactly(OLD_HISTORY);
    assertThat(db.hasTable("ACT_RE_CASE_DEF")).isFalse();
    assertThat(db.count("select count(*) from ACT_RU_JOB where DUEDATE_ is null")).isEqualTo(1);
  }

  @Test
  void anOldDatabaseUpgradesKeepingItsDataWhenMigrationIsAllowed() throws Exception {
    OldBatonDatabase db = OldBatonDatabase.create("allowed-upgrade");

    start(db, true);

    assertThat(db.history()).containsExactly("1", "2", "10", "15", "20", "30", "3", "3.1", "40", "41", "42", "43", "44", "46", "47", "48", "50", "52");
    // Camunda's tables stay as Camunda made them; only the case tables it skipped are added.
    assertThat(db.hasTable("ACT_RE_CASE_DEF")).isTrue();
    assertThat(db.hasTable("ACT_HI_CASEINST")).isTrue();
    assertThat(db.count("select count(*) from ACT_GE_SCHEMA_LOG")).isEqualTo(1);
    assertThat(db.count("select count(*) from baton_account where account_id = ?", OldBatonDatabase.ACCOUNT)).isEqualTo(1);
    assertThat(db.count("select count(*) from ACT_RU_JOB where ID_ = ? and DUEDATE_ is not null", OldBatonDatabase.JOB))
        .isEqualTo(1);
    // A second start finds nothing to do, also in production.
    start(db, false);
    assertThat(db.history()).hasSize(18);
  }

  @Test
  void anEmptyDatabaseGetsCamundasAndBatonsTablesAtItsFirstStartEvenInProduction() throws Exception {
    OldBatonDatabase db = OldBatonDatabase.empty("first-install");

    start(db, false);

    assertThat(db.history()).containsExactly("1", "2", "3", "3.1", "10", "15", "20", "30", "40", "41", "42", "43", "44", "46", "47", "48", "50", "52");
    for (String table : new String[] {"ACT_RU_EXECUTION", "ACT_HI_PROCINST", "ACT_ID_USER", "ACT_RE_CASE_DEF",
        "ACT_HI_CASEINST", "ACT_RE_DECISION_DEF", "ACT_HI_DECINST", "BATON_ACCOUNT"}) {
      assertThat(db.hasTable(table)).as(table).isTrue();
    }
  }

  private static void start(OldBatonDatabase db, boolean migrateOnStart) {
    Flyway flyway = db.flyway();
    StartupLock lock = new StartupLock(db.dataSource());
    try {
      new SchemaOnStart(lock, migrateOnStart).migrate(flyway);
    } finally {
      lock.release();
    }
  }
}
