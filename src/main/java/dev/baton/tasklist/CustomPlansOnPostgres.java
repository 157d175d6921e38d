package dev.baton.tasklist;

import com.zaxxer.hikari.HikariDataSource;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.stereotype.Component;

/**
 * On PostgreSQL, every connection plans each statement for its actual values. After five runs of a
 * prepared statement PostgreSQL may switch to its generic plan, which for Tasklist's task query (a
 * role group's tasks joined to the authorization check) walks every open task of every group: three
 * times slower at 20,000 tasks, and growing with the whole table rather than with the group's share
 * (docs/benchmarks.md, "Tasklist at scale"). Set here rather than in a profile, so tests and
 * benchmarks on PostgreSQL run as production does.
 */
@Component
class CustomPlansOnPostgres implements BeanPostProcessor {

  static final String INIT_SQL = "set plan_cache_mode = force_custom_plan";

  @Override
  public Object postProcessBeforeInitialization(Object bean, String beanName) {
    if (bean instanceof HikariDataSource pool && pool.getJdbcUrl() != null
        && pool.getJdbcUrl().startsWith("jdbc:postgresql:") && pool.getConnectionInitSql() == null) {
      pool.setConnectionInitSql(INIT_SQL);
    }
    return bean;
  }
}
