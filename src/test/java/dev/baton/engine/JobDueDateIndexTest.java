package dev.baton.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.support.BatonIntegrationTest;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/** The job executor's acquisition finds due jobs through an index on PostgreSQL (see JobDueDateIndex). */
@BatonIntegrationTest
class JobDueDateIndexTest {

  @Autowired ProcessEngine engine;
  @Autowired JdbcTemplate jdbc;

  @Test
  void postgresHasTheDueDateIndexAndH2DoesNot() {
    String database = ((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration()).getDatabaseType();
    if ("postgres".equals(database)) {
      assertThat(jdbc.queryForObject("select indexdef from pg_indexes where indexname = ?", String.class,
          JobDueDateIndex.NAME)).containsIgnoringCase("act_ru_job").containsIgnoringCase("duedate_");
    } else {
      assertThat(jdbc.queryForObject("select count(*) from information_schema.indexes where index_name = ?",
          Integer.class, JobDueDateIndex.NAME.toUpperCase())).isZero();
    }
  }
}
