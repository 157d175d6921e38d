package dev.baton.schema;

import java.util.List;

/** The database's schema is older than this Baton and the start may not migrate it (production). */
class SchemaBehind extends RuntimeException {

  static final String COMMAND = "java -jar baton.jar --baton.schema.migrate";

  final String current;
  final List<String> pending;

  SchemaBehind(String current, List<String> pending) {
    super("The database schema is at version " + current + "; this Baton needs the migrations " + pending
        + ". Back up the database, then run " + COMMAND + " with the same settings (or start once with "
        + "BATON_SCHEMA_MIGRATE_ON_START=true)");
    this.current = current;
    this.pending = pending;
  }
}
