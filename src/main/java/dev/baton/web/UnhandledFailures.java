package dev.baton.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The last stop of Baton's own endpoints: a failure no one handled (Spring MVC answers its own through
 * {@link ApiErrorHandler}, so this is one raised before a controller, mostly while checking credentials)
 * becomes a problem instead of the servlet container's ERROR log with a stack trace: 503 with
 * Retry-After when no database connection came in time, else 500. The caller is not known yet, so it
 * is logged as one rate-limited line ({@link UnexpectedErrors#warnAnonymous}).
 */
class UnhandledFailures extends OncePerRequestFilter {

  private final UnexpectedErrors errors;
  private final ObjectMapper json;

  UnhandledFailures(UnexpectedErrors errors, ObjectMapper json) {
    this.errors = errors;
    this.json = json;
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws IOException {
    try {
      chain.doFilter(request, response);
    } catch (IOException | ServletException | RuntimeException failure) {
      Throwable cause = failure instanceof ServletException && failure.getCause() != null ? failure.getCause() : failure;
      if (response.isCommitted()) {
        // The answer is under way (or the caller has gone): nothing left to tell the caller.
        errors.warnAnonymous(request, cause);
        return;
      }
      response.reset();
      if (ServiceBusy.isConnectionWait(cause)) {
        ServiceBusy.write(response, json, ApiErrorHandler.NO_CONNECTION, ApiErrorHandler.RETRY_AFTER_SECONDS);
        return;
      }
      errors.warnAnonymous(request, cause);
      ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.INTERNAL_SERVER_ERROR,
          ApiErrorHandler.UNEXPECTED);
      response.setStatus(HttpStatus.INTERNAL_SERVER_ERROR.value());
      response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
      json.writeValue(response.getOutputStream(), problem);
    }
  }
}
