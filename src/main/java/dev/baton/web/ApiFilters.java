package dev.baton.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.zaxxer.hikari.HikariDataSource;
import io.micrometer.core.instrument.MeterRegistry;
import javax.sql.DataSource;
import org.springframework.boot.autoconfigure.security.SecurityProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The filters in front of Baton's own endpoints, before Spring Security (whose Basic auth already needs
 * the database): {@link UnhandledFailures} outermost, then the {@link ApiBulkhead}.
 */
@Configuration(proxyBeanMethods = false)
class ApiFilters {

  static final String[] BATON_PATHS = {"/api/*", "/customer/*"};

  @Bean
  FilterRegistrationBean<UnhandledFailures> unhandledFailures(UnexpectedErrors errors, ObjectMapper json) {
    FilterRegistrationBean<UnhandledFailures> registration = new FilterRegistrationBean<>(new UnhandledFailures(errors, json));
    registration.setName("baton-unhandled-failures");
    registration.addUrlPatterns(BATON_PATHS);
    registration.addUrlPatterns("/actuator/*");
    registration.setOrder(SecurityProperties.DEFAULT_FILTER_ORDER - 20);
    return registration;
  }

  @Bean
  FilterRegistrationBean<ApiBulkhead> apiBulkhead(ApiLimitsProperties limits, DataSource dataSource, ObjectMapper json,
      MeterRegistry meters) {
    if (dataSource instanceof HikariDataSource pool && limits.concurrentRequests() >= pool.getMaximumPoolSize()) {
      throw new IllegalStateException("baton.api.concurrent-requests (BATON_API_CONCURRENT_REQUESTS) is "
          + limits.concurrentRequests() + " but the connection pool has only " + pool.getMaximumPoolSize()
          + " connections (DB_POOL_SIZE): set it lower, so Tasklist, Cockpit, /engine-rest and the job executor "
          + "always keep connections");
    }
    FilterRegistrationBean<ApiBulkhead> registration = new FilterRegistrationBean<>(new ApiBulkhead(limits, json, meters));
    registration.setName("baton-api-bulkhead");
    registration.addUrlPatterns(BATON_PATHS);
    registration.setOrder(SecurityProperties.DEFAULT_FILTER_ORDER - 10);
    return registration;
  }
}
