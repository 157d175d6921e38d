package dev.baton.cluster;

import org.camunda.bpm.engine.spring.SpringProcessEngineConfiguration;
import org.camunda.bpm.spring.boot.starter.configuration.impl.AbstractCamundaConfiguration;
import org.springframework.boot.sql.init.dependency.DependsOnDatabaseInitialization;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;

/**
 * Puts the engine's build under the {@link StartupLock}: the plugins that create groups, users, authorizations,
 * Tasklist filters and deploy the process models. The schema migration before it (dev.baton.schema.SchemaOnStart)
 * takes the lock first; the application's start releases it.
 */
@Configuration(proxyBeanMethods = false)
class StartupLockConfiguration {

  /** First of the engine plugins; and built after Flyway, so the engine finds its tables in place. */
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
