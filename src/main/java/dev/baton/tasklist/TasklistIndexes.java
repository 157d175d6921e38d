package dev.baton.tasklist;

import javax.sql.DataSource;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.spring.boot.starter.configuration.impl.AbstractCamundaConfiguration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.datasource.init.ResourceDatabasePopulator;
import org.springframework.stereotype.Component;

/**
 * Adds Baton's indexes on Camunda's task and authorization tables (db/engine/tasklist-indexes.sql).
 * It runs once the engine is built, because Camunda creates its own tables then, after Flyway has
 * already run Baton's migrations.
 */
@Component
public class TasklistIndexes extends AbstractCamundaConfiguration {

  static final String SCRIPT = "db/engine/tasklist-indexes.sql";
  private static final Logger log = LoggerFactory.getLogger(TasklistIndexes.class);

  private final DataSource dataSource;

  public TasklistIndexes(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  @Override
  public void postProcessEngineBuild(ProcessEngine engine) {
    new ResourceDatabasePopulator(new ClassPathResource(SCRIPT)).execute(dataSource);
    log.info("Tasklist indexes on Camunda's tables are in place ({})", SCRIPT);
  }
}
