package dev.baton.engine;

import javax.sql.DataSource;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.spring.boot.starter.configuration.impl.AbstractCamundaConfiguration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.datasource.init.ResourceDatabasePopulator;
import org.springframework.stereotype.Component;

/**
 * Adds Baton's indexes on Camunda's own tables, and dates jobs an older Baton left without a due date:
 * db/engine/indexes.sql everywhere, db/engine/indexes-postgres.sql on PostgreSQL. It runs once the engine is built, because Camunda
 * creates or updates its tables then, after Flyway has already run Baton's migrations.
 */
@Component
public class EngineIndexes extends AbstractCamundaConfiguration {

  static final String SCRIPT = "db/engine/indexes.sql";
  static final String POSTGRES_SCRIPT = "db/engine/indexes-postgres.sql";
  /** The job executor's poll uses these: jobs by due date (everywhere), locked jobs by instance (PostgreSQL). */
  public static final String JOB_DUE_DATE = "baton_job_due_date";
  public static final String JOB_LOCKED = "baton_job_locked";
  private static final Logger log = LoggerFactory.getLogger(EngineIndexes.class);

  private final DataSource dataSource;

  public EngineIndexes(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  @Override
  public void postProcessEngineBuild(ProcessEngine engine) {
    ResourceDatabasePopulator scripts = new ResourceDatabasePopulator(new ClassPathResource(SCRIPT));
    if ("postgres".equals(((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration()).getDatabaseType())) {
      scripts.addScript(new ClassPathResource(POSTGRES_SCRIPT));
    }
    scripts.execute(dataSource);
    log.info("Baton's indexes on Camunda's tables are in place ({})", scripts);
  }
}
