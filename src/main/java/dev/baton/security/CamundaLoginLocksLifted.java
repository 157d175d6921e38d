package dev.baton.security;

import dev.baton.engine.EngineTables;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.spring.boot.starter.configuration.impl.AbstractCamundaConfiguration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * At every start, clears the failed-login counters and locks Camunda's own check left in users' rows
 * (an older Baton used it): engine.PasswordCheckedUsers ignores them, but Camunda Admin would still
 * show such users as locked. One statement, so it is cheap and safe when several nodes start together.
 */
@Component
class CamundaLoginLocksLifted extends AbstractCamundaConfiguration {

  private static final Logger log = LoggerFactory.getLogger(CamundaLoginLocksLifted.class);

  private final JdbcTemplate jdbc;

  CamundaLoginLocksLifted(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  @Override
  public void postProcessEngineBuild(ProcessEngine engine) {
    lift(EngineTables.prefix(engine));
  }

  int lift(String tablePrefix) {
    int users = jdbc.update("update " + tablePrefix + "ACT_ID_USER set ATTEMPTS_ = 0, LOCK_EXP_TIME_ = null"
        + " where ATTEMPTS_ > 0 or LOCK_EXP_TIME_ is not null");
    if (users > 0) {
      log.warn("Lifted Camunda's login lock of {} user(s); Baton throttles logins instead (README, Security)", users);
    }
    return users;
  }
}
