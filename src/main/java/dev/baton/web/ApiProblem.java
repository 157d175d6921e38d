package dev.baton.web;

import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * A caller's mistake, answered as application/problem+json. The detail names the field and the fix,
 * for example {@code "renewalDate: 2026-13-01 is not a date; use yyyy-MM-dd"}.
 */
public class ApiProblem extends ErrorResponseException {

  public ApiProblem(HttpStatus status, String detail) {
    this(status, detail, Map.of());
  }

  public ApiProblem(HttpStatus status, String detail, Map<String, Object> properties) {
    super(status, problem(status, detail, properties), null);
  }

  public static ApiProblem badRequest(String detail) {
    return new ApiProblem(HttpStatus.BAD_REQUEST, detail);
  }

  public static ApiProblem notFound(String detail) {
    return new ApiProblem(HttpStatus.NOT_FOUND, detail);
  }

  public static ApiProblem unauthorized(String detail) {
    return new ApiProblem(HttpStatus.UNAUTHORIZED, detail);
  }

  private static ProblemDetail problem(HttpStatus status, String detail, Map<String, Object> properties) {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
    properties.forEach(problem::setProperty);
    return problem;
  }
}
