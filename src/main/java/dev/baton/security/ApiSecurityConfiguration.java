package dev.baton.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.baton.identity.IdentityBootstrap;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.authorization.Groups;
import org.springframework.http.HttpMethod;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Security for Baton's own endpoints. Camunda's webapps ({@code /camunda}) and REST API
 * ({@code /engine-rest}) keep their own authentication, CSRF and header filters and are not
 * touched here: this chain only matches {@code /api/**}, {@code /actuator/**} and the customer pages
 * ({@code /customer/**}, authorised by the signed link itself).
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication
class ApiSecurityConfiguration {

  static final String[] API_CLIENTS = {IdentityBootstrap.INTEGRATION_GROUP, Groups.CAMUNDA_ADMIN};

  /**
   * CRM webhooks carry their own proof (an HMAC signature checked by the controller) and never a login, so
   * their chain is the shortest: no Basic auth, logout, request cache or anonymous user to build per call.
   * Ordered before {@link #apiSecurity}, which also matches {@code /api/**}.
   */
  @Bean
  @Order(1)
  SecurityFilterChain webhookSecurity(HttpSecurity http) throws Exception {
    http.securityMatcher("/api/webhooks/**")
        .authorizeHttpRequests(requests -> requests.anyRequest().permitAll())
        .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
        .csrf(csrf -> csrf.disable())
        .logout(logout -> logout.disable())
        .requestCache(cache -> cache.disable())
        .anonymous(anonymous -> anonymous.disable());
    return http.build();
  }

  /**
   * No Spring Security observations: wrapping each filter of every request in an observation cost about a
   * sixth of a webhook's CPU (IntakeBenchmark, docs/benchmarks.md). Requests are still measured as a whole
   * ({@code http.server.requests} in /actuator/metrics and Prometheus).
   */
  @Bean
  SecurityObservationSettings securityObservationSettings() {
    return SecurityObservationSettings.noObservations();
  }

  @Bean
  @Order(2)
  SecurityFilterChain apiSecurity(HttpSecurity http, ObjectMapper json, ProcessEngine engine) throws Exception {
    http.securityMatcher("/api/**", "/actuator/**", "/customer/**")
        .authorizeHttpRequests(requests -> requests
            // Signed by Baton (the links in customer mails), so no login.
            .requestMatchers("/customer/**").permitAll()
            .requestMatchers("/actuator/health", "/actuator/health/**", "/actuator/info").permitAll()
            .requestMatchers("/actuator/**").hasAuthority(Groups.CAMUNDA_ADMIN)
            .requestMatchers("/api/login-throttle/**").hasAuthority(Groups.CAMUNDA_ADMIN)
            .requestMatchers("/api/raci", "/api/raci/**").authenticated()
            // CSQLs per raiser and quarter: CS Leads set the targets, so they and administrators read them.
            .requestMatchers(HttpMethod.GET, "/api/reports/csqls").hasAnyAuthority("cs-lead", Groups.CAMUNDA_ADMIN)
            // The account's team reads its people data and success plan too; AccountTeamAccess checks the team per account.
            .requestMatchers("/api/accounts/*/contacts", "/api/accounts/*/nps", "/api/accounts/*/success-plan").authenticated()
            // The book of business: any Baton user; which accounts each sees is decided by dev.baton.portfolio.
            .requestMatchers(HttpMethod.GET, WebappLoginSession.READ_PATHS).authenticated()
            .anyRequest().hasAnyAuthority(API_CLIENTS))
        .httpBasic(basic -> basic.authenticationEntryPoint((request, response, e) ->
            problem(request, response, json, HttpStatus.UNAUTHORIZED,
                "Send HTTP Basic credentials of a Baton user (group 'integration' for API clients).", true)))
        .exceptionHandling(errors -> errors.accessDeniedHandler((request, response, e) ->
            problem(request, response, json, HttpStatus.FORBIDDEN,
                "Your user is not allowed to do this: API clients must be in the group 'integration'.", false)))
        // Baton's pages in Cockpit read with the user's webapp login (GET only, see WebappLoginSession).
        .addFilterBefore(new WebappLoginSession(engine.getName()), BasicAuthenticationFilter.class)
        // The API never logs anyone in to a session, it only reads the webapps' one: Spring's fixation protection
        // would give that session a new id on every read, and Cockpit's requests still carrying the old id would
        // find themselves logged out (Cockpit: "Your session might have expired").
        .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS)
            .sessionFixation(fixation -> fixation.none()))
        // No saved request: saving one made a new session whose cookie replaced a Cockpit login made meanwhile.
        .requestCache(cache -> cache.disable())
        // Stateless Basic auth and HMAC-signed webhooks: no cookies, so no CSRF token to check.
        .csrf(csrf -> csrf.disable());
    return http.build();
  }

  private static void problem(HttpServletRequest request, HttpServletResponse response, ObjectMapper json,
      HttpStatus status, String detail, boolean challenge) throws IOException {
    // A page's script (Baton's pages in Cockpit) says so: a challenge would open the browser's login dialog.
    if (challenge && !"XMLHttpRequest".equals(request.getHeader("X-Requested-With"))) {
      response.setHeader("WWW-Authenticate", "Basic realm=\"Baton\"");
    }
    response.setStatus(status.value());
    response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
    json.writeValue(response.getOutputStream(), ProblemDetail.forStatusAndDetail(status, detail));
  }
}
