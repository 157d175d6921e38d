package dev.baton.schema;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Says what to do when production refuses to migrate at start, in Spring's "APPLICATION FAILED TO START". */
public class SchemaBehindAnalyzer extends AbstractFailureAnalyzer<SchemaBehind> {

  @Override
  protected FailureAnalysis analyze(Throwable rootFailure, SchemaBehind cause) {
    return new FailureAnalysis(
        "The database schema is at version " + cause.current + " and this Baton needs the migrations " + cause.pending
            + ". Production starts do not change the schema (baton.schema.migrate-on-start is off).",
        "Stop every Baton node, back up the database (pg_dump), then run the migrations with the same settings "
            + "(DB_URL, DB_USER, DB_PASSWORD) and start Baton again:\n\n    " + SchemaBehind.COMMAND
            + "\n\nor start one node with BATON_SCHEMA_MIGRATE_ON_START=true. See docs/operations.md, \"Upgrading\".",
        cause);
  }
}
