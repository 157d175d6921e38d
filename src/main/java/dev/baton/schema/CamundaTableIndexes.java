package dev.baton.schema;

import java.sql.Connection;
import org.flywaydb.core.api.migration.Context;
import org.springframework.stereotype.Component;

/**
 * Migration 43: Baton's indexes on Camunda's tables (docs/benchmarks.md), and a due date for the jobs an
 * earlier Baton wrote without one. db/engine/indexes.sql everywhere, db/engine/indexes-postgres.sql on
 * PostgreSQL only (a partial index, which H2 lacks): one version on both databases.
 */
@Component
public class CamundaTableIndexes extends EngineTableMigration {

  /** The job executor's poll uses these: jobs by due date (everywhere), locked jobs by instance (PostgreSQL). */
  public static final String JOB_DUE_DATE = "baton_job_due_date";
  public static final String JOB_LOCKED = "baton_job_locked";

  CamundaTableIndexes() {
    super("43", "Baton indexes on Camunda tables");
  }

  @Override
  public void migrate(Context context) throws Exception {
    Connection connection = context.getConnection();
    SqlScripts.run(connection, "db/engine/indexes.sql");
    if ("postgres".equals(SqlScripts.databaseType(connection))) {
      SqlScripts.run(connection, "db/engine/indexes-postgres.sql");
    }
  }
}
