package dev.baton.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import java.sql.SQLTransientConnectionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

/**
 * A failure raised before any controller (while checking credentials, say) on Baton's endpoints: a
 * problem for the caller, and at most one WARN line without a stack trace in the log however often
 * an anonymous caller provokes it.
 */
@ExtendWith(OutputCaptureExtension.class)
class UnhandledFailuresTest {

  final UnhandledFailures filter = new UnhandledFailures(new UnexpectedErrors(), new ObjectMapper());

  @Test
  void noDatabaseConnectionInTimeIsA503WithRetryAfterAndNoLog(CapturedOutput output) throws Exception {
    MockHttpServletResponse response = call((request, answer) -> {
      throw new CannotGetJdbcConnectionException("Failed to obtain JDBC Connection",
          new SQLTransientConnectionException("HikariPool-1 - Connection is not available, request timed out after 30000ms"));
    });

    assertThat(response.getStatus()).isEqualTo(503);
    assertThat(response.getHeader("Retry-After")).isNotBlank();
    assertThat(response.getContentType()).isEqualTo("application/problem+json");
    assertThat(output.getAll()).doesNotContain("WARN", "ERROR");
  }

  @Test
  void anyOtherFailureIsA500ProblemLoggedAsOneRateLimitedLineWithoutTrace(CapturedOutput output) throws Exception {
    for (int i = 0; i < 200; i++) {
      MockHttpServletResponse response = call((request, answer) -> {
        throw new IllegalStateException("broken\n\tat evil.Injected.line(Forged.java:1)", new RuntimeException("cause"));
      });
      assertThat(response.getStatus()).isEqualTo(500);
      assertThat(response.getContentType()).isEqualTo("application/problem+json");
    }

    assertThat(output.getAll().lines().filter(line -> line.contains("WARN"))).singleElement().satisfies(line ->
        assertThat(line).contains("POST /api/webhooks/crm of an unauthenticated caller failed",
            "java.lang.IllegalStateException: broken  at evil.Injected", "caused by java.lang.RuntimeException: cause"));
    assertThat(output.getAll()).doesNotContainPattern("(?m)^\\s+at ");
  }

  private MockHttpServletResponse call(FilterChain chain) throws Exception {
    MockHttpServletResponse response = new MockHttpServletResponse();
    filter.doFilter(new MockHttpServletRequest("POST", "/api/webhooks/crm"), response, chain);
    return response;
  }
}
