package dev.baton;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * Production (no profile) runs on the database DB_URL names. Without it, Spring Boot would quietly fall
 * back to an in-memory H2 database, or fail on a placeholder it cannot read; Baton refuses to start with
 * a sentence that names the variable and the demo alternative. Runs after application.yaml is loaded.
 */
public class ProductionDatabase implements EnvironmentPostProcessor, Ordered {

  @Override
  public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
    String url;
    try {
      url = environment.getProperty("spring.datasource.url");
    } catch (IllegalArgumentException unresolved) {
      url = null;
    }
    if (url == null || !url.startsWith("jdbc:")) {
      throw new IllegalStateException("DB_URL is not set: Baton runs on PostgreSQL in production (set DB_URL, "
          + "DB_USER and DB_PASSWORD, e.g. DB_URL=jdbc:postgresql://localhost:5432/baton). For the demo, run "
          + "mvn spring-boot:run or start with --spring.profiles.active=demo.");
    }
  }

  @Override
  public int getOrder() {
    return Ordered.LOWEST_PRECEDENCE;
  }
}
