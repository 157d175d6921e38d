package dev.baton.schema;

import java.sql.Connection;
import org.flywaydb.core.api.migration.Context;
import org.springframework.stereotype.Component;

/**
 * Migration 50: on PostgreSQL, runs db/engine/indexes-postgres.sql again for the index of the groups' read grants
 * that Tasklist's queries use (docs/benchmarks.md, "Tasklist at scale"). A new database has it from migration 43,
 * which runs the same file; the file only adds what is missing. A partial index, which H2 lacks: nothing on H2.
 */
@Component
class ReadGrantsIndexOnPostgres extends EngineTableMigration {

  ReadGrantsIndexOnPostgres() {
    super("50", "Index of the groups' read grants (PostgreSQL)");
  }

  @Override
  public void migrate(Context context) throws Exception {
    Connection connection = context.getConnection();
    if ("postgres".equals(SqlScripts.databaseType(connection))) {
      SqlScripts.run(connection, "db/engine/indexes-postgres.sql");
    }
  }
}
