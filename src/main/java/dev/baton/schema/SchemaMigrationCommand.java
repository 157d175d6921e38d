package dev.baton.schema;

import dev.baton.cluster.StartupLock;
import java.util.Arrays;
import org.flywaydb.core.Flyway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.Banner;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.autoconfigure.context.PropertyPlaceholderAutoConfiguration;
import org.springframework.boot.autoconfigure.flyway.FlywayAutoConfiguration;
import org.springframework.boot.autoconfigure.flyway.FlywayMigrationStrategy;
import org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

/**
 * {@code java -jar baton.jar --baton.schema.migrate}: brings the database's schema to this version and exits,
 * without starting the engine or the web server. Only the data source and Flyway, with the settings a normal
 * start reads (application.yaml, profiles, DB_URL, ...). Deliberately no {@code @Configuration}: the
 * application's component scan must not pick up its beans.
 */
@ImportAutoConfiguration({PropertyPlaceholderAutoConfiguration.class, DataSourceAutoConfiguration.class,
    FlywayAutoConfiguration.class})
@Import({CamundaSchema.class, CamundaTableIndexes.class, ReadGrantsIndexOnPostgres.class, StartupLock.class})
public class SchemaMigrationCommand {

  static final String OPTION = "--baton.schema.migrate";
  private static final Logger log = LoggerFactory.getLogger(SchemaMigrationCommand.class);

  /** Whether the command line asks for the migration instead of a start. */
  public static boolean requested(String... args) {
    return Arrays.stream(args).anyMatch(arg -> arg.equals(OPTION) || arg.equals(OPTION + "=true"));
  }

  /** Migrates and closes; a failure propagates (the JVM exits non-zero with Flyway's reason). */
  public static void run(String... args) {
    try (ConfigurableApplicationContext context = new SpringApplicationBuilder(SchemaMigrationCommand.class)
        .web(WebApplicationType.NONE).bannerMode(Banner.Mode.OFF).logStartupInfo(false).run(args)) {
      log.info("Database schema is up to date: start Baton as usual");
    }
  }

  @Bean
  FlywayMigrationStrategy migrateNow(StartupLock lock) {
    return flyway -> {
      lock.acquire();
      logPending(flyway);
      flyway.migrate();
    };
  }

  private static void logPending(Flyway flyway) {
    var pending = flyway.info().pending();
    log.info("{} migrations pending: {}", pending.length,
        Arrays.stream(pending).map(m -> m.getVersion() + " " + m.getDescription()).toList());
  }
}
