package dev.baton.cluster;

import org.camunda.bpm.engine.spring.SpringProcessEngineConfiguration;
import org.camunda.bpm.spring.boot.starter.configuration.impl.AbstractCamundaConfiguration;
import org.springframework.boot.autoconfigure.flyway.FlywayMigrationStrategy;
import org.springframework.boot.sql.init.dependency.DependsOnDatabaseInitialization;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;

/**
 * Puts the start-up work that writes to the shared database under the {@link StartupLock}: Flyway's
 * migration of Baton's tables, then the engine's build (Camunda's schema, and the plugins that create
 * groups, users, authorizations, Tasklist filters and deploy the process models). Whichever comes first
 * takes the lock; the application's start releases it.
 */
@Configuration(proxyBeanMethods = false)
class StartupLockConfiguration {

  @Bean
  FlywayMigrationStrategy migrateUnderStartupLock(StartupLock lock) {
    return flyway -> {
      lock.acquire();
      flyway.migrate();
    };
  }

  /** First of the engine plugins; and built after Flyway, so Camunda never races Baton's migrations. */
  @Bean
  @Order(Ordered.HIGHEST_PRECEDENCE)
  @DependsOnDatabaseInitialization
  AbstractCamundaConfiguration buildEngineUnderStartupLock(StartupLock lock) {
    return new AbstractCamundaConfiguration() {
      @Override
      public void preInit(SpringProcessEngineConfiguration configuration) {
        lock.acquire();
      }
    };
  }
}
