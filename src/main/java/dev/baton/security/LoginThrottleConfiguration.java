package dev.baton.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import org.camunda.bpm.spring.boot.starter.property.CamundaBpmProperties;
import org.springframework.boot.autoconfigure.security.SecurityProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * One throttle for every way a password comes in: Baton's API and actuator, Camunda's REST API and the
 * webapps' login.
 * {@link LoginThrottleFilter} answers a throttled attempt before anything checks the password;
 * {@link ThrottledIdentityProviderSetup} counts the outcome of every check Camunda makes.
 */
@Configuration(proxyBeanMethods = false)
class LoginThrottleConfiguration {

  @Bean
  LoginThrottle loginThrottle(LoginThrottleSettings settings) {
    return new LoginThrottle(settings, Clock.systemUTC());
  }

  @Bean
  FilterRegistrationBean<LoginThrottleFilter> loginThrottleFilter(LoginThrottle throttle, ObjectMapper json,
      CamundaBpmProperties camunda) {
    String webapps = camunda.getWebapp().getApplicationPath();
    FilterRegistrationBean<LoginThrottleFilter> registration =
        new FilterRegistrationBean<>(new LoginThrottleFilter(throttle, json, webapps));
    registration.setName("baton-login-throttle");
    // /actuator takes Basic credentials too (metrics for administrators).
    registration.addUrlPatterns("/api/*", "/actuator/*", "/engine-rest/*",
        webapps + LoginThrottleFilter.WEBAPP_LOGIN + "*");
    // Before Spring Security (which checks /api's passwords) and Camunda's filters.
    registration.setOrder(SecurityProperties.DEFAULT_FILTER_ORDER - 1);
    return registration;
  }
}
