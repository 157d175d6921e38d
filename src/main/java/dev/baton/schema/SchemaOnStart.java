package dev.baton.schema;

import dev.baton.cluster.StartupLock;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Objects;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.MigrationInfoService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.flyway.FlywayMigrationStrategy;
import org.springframework.stereotype.Component;

/**
 * What a start does to the schema (docs/operations.md, "Upgrading"). Flyway brings Camunda's and Baton's tables
 * to this version before the engine is built, under the {@link StartupLock} (one node at a time). A database that
 * is already behind is migrated only if {@code baton.schema.migrate-on-start} allows it (demo and tests do;
 * production does not), so an upgrade changes the schema when the operator says so, after a backup: otherwise
 * the start stops, naming the pending migrations and the command that applies them. An empty database (a first
 * install) is always set up: there is nothing on it to lose.
 */
@Component
class SchemaOnStart implements FlywayMigrationStrategy {

  private static final Logger log = LoggerFactory.getLogger(SchemaOnStart.class);

  private final StartupLock lock;
  private final boolean migrateOnStart;

  SchemaOnStart(StartupLock lock, @Value("${baton.schema.migrate-on-start:false}") boolean migrateOnStart) {
    this.lock = lock;
    this.migrateOnStart = migrateOnStart;
  }

  @Override
  public void migrate(Flyway flyway) {
    lock.acquire();
    MigrationInfoService info = flyway.info();
    MigrationInfo[] pending = info.pending();
    boolean firstInstall = info.applied().length == 0;
    if (pending.length > 0 && !firstInstall && !migrateOnStart) {
      throw new SchemaBehind(highestApplied(info),
          Arrays.stream(pending).map(m -> m.getVersion() + " " + m.getDescription()).toList());
    }
    if (pending.length > 0) {
      log.info(firstInstall ? "Empty database: creating Camunda's and Baton's tables ({} migrations)"
          : "Migrating the database schema ({} migrations pending, baton.schema.migrate-on-start is on)", pending.length);
    }
    flyway.migrate();
  }

  /** The highest version applied (1 to 30 were applied out of order on older databases: not the last one). */
  private static String highestApplied(MigrationInfoService info) {
    return Arrays.stream(info.applied()).map(MigrationInfo::getVersion).filter(Objects::nonNull)
        .max(Comparator.naturalOrder()).map(MigrationVersion::getVersion).orElse("none");
  }
}
