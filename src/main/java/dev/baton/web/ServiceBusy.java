package dev.baton.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.sql.SQLTransientConnectionException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.CannotGetJdbcConnectionException;

/**
 * The answer to a caller Baton cannot serve right now (too many requests at once, no database connection
 * in time): 503 problem+json with Retry-After. Nothing was done, so the caller may simply retry.
 */
public final class ServiceBusy {

  private ServiceBusy() {}

  public static ProblemDetail problem(String detail) {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE, detail);
    problem.setTitle("Busy");
    return problem;
  }

  public static ResponseEntity<ProblemDetail> answer(String detail, int retryAfterSeconds) {
    return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
        .header(HttpHeaders.RETRY_AFTER, String.valueOf(retryAfterSeconds))
        .contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem(detail));
  }

  /** The same answer written straight to the servlet response (from a filter, before Spring MVC). */
  public static void write(HttpServletResponse response, ObjectMapper json, String detail, int retryAfterSeconds)
      throws IOException {
    response.setStatus(HttpStatus.SERVICE_UNAVAILABLE.value());
    response.setHeader(HttpHeaders.RETRY_AFTER, String.valueOf(retryAfterSeconds));
    response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
    json.writeValue(response.getOutputStream(), problem(detail));
  }

  /**
   * Whether the failure is the connection pool giving up: no database connection within its timeout
   * (Hikari's SQLTransientConnectionException, however Spring, MyBatis or Camunda wrapped it).
   */
  public static boolean isConnectionWait(Throwable failure) {
    for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
      if (cause instanceof SQLTransientConnectionException || cause instanceof CannotGetJdbcConnectionException) {
        return true;
      }
    }
    return false;
  }
}
