package dev.baton.demo;

import com.zaxxer.hikari.HikariDataSource;
import java.io.File;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * Shrinks the demo's H2 file to its live data at every start, before anything opens it. The demo writes
 * every commit at once (WRITE_DELAY=0: what was answered survives a crash), so H2 runs no background
 * writer and never compacts while running: the file grows with the writes, about 45 times the live data
 * (docs/operations.md). {@code SHUTDOWN COMPACT} rewrites only what is live into a new file and swaps it in,
 * so a crash during it leaves the old file. At start it runs whether the last stop was orderly or a
 * crash, and nothing else holds the database yet.
 */
@Component
@ConditionalOnProperty(name = "baton.demo.enabled", havingValue = "true")
class DemoDatabaseCompaction implements BeanPostProcessor {

  private static final Logger log = LoggerFactory.getLogger(DemoDatabaseCompaction.class);
  private static final String H2_FILE = "jdbc:h2:file:";

  @Override
  public Object postProcessAfterInitialization(Object bean, String beanName) {
    // The pool opens its first connection lazily, after this.
    if (bean instanceof HikariDataSource pool && pool.getJdbcUrl() != null && pool.getJdbcUrl().startsWith(H2_FILE)) {
      compact(pool.getJdbcUrl(), pool.getUsername(), pool.getPassword());
    }
    return bean;
  }

  private static void compact(String url, String user, String password) {
    String path = url.substring(H2_FILE.length()).split(";", 2)[0];
    File file = new File(path + ".mv.db");
    if (!file.isFile()) {
      return; // a new database: nothing to compact
    }
    long before = file.length();
    long started = System.nanoTime();
    try (Connection connection = DriverManager.getConnection(url, user, password)) {
      connection.createStatement().execute("SHUTDOWN COMPACT");
    } catch (SQLException e) {
      // The demo still starts on the file as it is.
      log.warn("Demo database {} not compacted: {}", file, e.getMessage());
      return;
    }
    log.info("Demo database {} compacted at start: {} MiB to {} MiB in {} ms", file, before >> 20,
        file.length() >> 20, (System.nanoTime() - started) / 1_000_000);
  }
}
