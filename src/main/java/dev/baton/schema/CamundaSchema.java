package dev.baton.schema;

import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import org.flywaydb.core.api.migration.Context;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Migration 42: Camunda 7.24's tables, from the create scripts shipped in the engine jar for this database
 * (the same ones Camunda's {@code schema-update} runs, and its distribution gives DBAs). Camunda itself never
 * changes the schema ({@code camunda.bpm.database.schema-update: false}).
 *
 * <p>Each part of the schema is created only if its first table is missing. A database of an earlier Baton,
 * whose Camunda tables Camunda made at start, already has them: there this migration only adds the parts that
 * Camunda skipped (the case tables, as {@code cmmn-enabled} is off), so such a database needs no baseline.
 */
@Component
class CamundaSchema extends EngineTableMigration {

  /** Camunda's order; each part with a table that only it creates. */
  private static final List<String[]> PARTS = List.of(
      new String[] {"engine", "ACT_RU_EXECUTION"},
      new String[] {"history", "ACT_HI_PROCINST"},
      new String[] {"identity", "ACT_ID_USER"},
      new String[] {"case.engine", "ACT_RE_CASE_DEF"},
      new String[] {"case.history", "ACT_HI_CASEINST"},
      new String[] {"decision.engine", "ACT_RE_DECISION_DEF"},
      new String[] {"decision.history", "ACT_HI_DECINST"});
  private static final Logger log = LoggerFactory.getLogger(CamundaSchema.class);

  CamundaSchema() {
    super("42", "Camunda 7.24 schema");
  }

  @Override
  public void migrate(Context context) throws Exception {
    Connection connection = context.getConnection();
    String type = SqlScripts.databaseType(connection);
    List<String> created = new ArrayList<>();
    for (String[] part : PARTS) {
      if (!SqlScripts.tableExists(connection, part[1])) {
        SqlScripts.run(connection, "org/camunda/bpm/engine/db/create/activiti." + type + ".create." + part[0] + ".sql");
        created.add(part[0]);
      }
    }
    log.info(created.isEmpty() ? "Camunda's tables were all in place" : "Camunda's tables created: {}", created);
  }
}
