package dev.baton.schema;

import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.migration.JavaMigration;

/**
 * A Flyway migration in Java, for what plain SQL cannot say on both databases (Camunda's own scripts, partial
 * indexes on PostgreSQL only): a version and a description, no checksum (the scripts it runs only add what is
 * missing), in one transaction.
 */
abstract class EngineTableMigration implements JavaMigration {

  private final MigrationVersion version;
  private final String description;

  EngineTableMigration(String version, String description) {
    this.version = MigrationVersion.fromVersion(version);
    this.description = description;
  }

  @Override
  public final MigrationVersion getVersion() {
    return version;
  }

  @Override
  public final String getDescription() {
    return description;
  }

  @Override
  public final Integer getChecksum() {
    return null;
  }

  @Override
  public final boolean canExecuteInTransaction() {
    return true;
  }
}
