package dev.baton.web;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * A caller's mistake, answered as application/problem+json. The detail names the field and the fix,
 * for example {@code "renewalDate: 2026-13-01 is not a date; use yyyy-MM-dd"}. Every 400 has one shape,
 * whoever found the mistake (Bean Validation, a hand-written check, the JSON parser): {@code detail} says every
 * mistake ("field: message; field: message") and {@code errors} lists them ({@code field}, {@code message}).
 */
public class ApiProblem extends ErrorResponseException {

  /** "field: message", as every detail of a 400 starts; the field is a name or path such as contacts[2].email. */
  private static final Pattern FIELD_FIRST = Pattern.compile("([\\w.\\[\\]-]+): (.+)", Pattern.DOTALL);

  public ApiProblem(HttpStatus status, String detail) {
    this(status, detail, Map.of());
  }

  public ApiProblem(HttpStatus status, String detail, Map<String, Object> properties) {
    super(status, problem(status, detail, properties), null);
  }

  /** A 400 for one mistake written "field: what is wrong and what would be right" (the detail is kept as written). */
  public static ApiProblem badRequest(String detail) {
    return new ApiProblem(HttpStatus.BAD_REQUEST, detail, Map.of("errors", Field.list(List.of(Field.of(detail)))));
  }

  /** A 400 naming every wrong field at once. */
  public static ApiProblem invalid(List<Field> fields) {
    return invalid(fields, Map.of());
  }

  /** A 400 naming every wrong field at once, with more properties for programs (e.g. the unknown roles). */
  public static ApiProblem invalid(List<Field> fields, Map<String, Object> properties) {
    Map<String, Object> all = new LinkedHashMap<>(properties);
    all.put("errors", Field.list(fields));
    return new ApiProblem(HttpStatus.BAD_REQUEST, Field.detail(fields), all);
  }

  /** The problem body of a 400 naming the fields, for answers not thrown as exceptions. */
  public static ProblemDetail invalidFields(List<Field> fields) {
    return problem(HttpStatus.BAD_REQUEST, Field.detail(fields), Map.of("errors", Field.list(fields)));
  }

  /** The problem body of a 400 for one mistake written "field: ...", the detail kept as written. */
  public static ProblemDetail invalidField(String detail) {
    return problem(HttpStatus.BAD_REQUEST, detail, Map.of("errors", Field.list(List.of(Field.of(detail)))));
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

  /** One wrong field (a JSON path, a query parameter, or {@code body} for the whole request) and what is wrong. */
  public record Field(String field, String message) {

    /** Reads "field: message"; a detail not written so is about the whole {@code body}. */
    public static Field of(String detail) {
      Matcher named = FIELD_FIRST.matcher(detail);
      return named.matches() ? new Field(named.group(1), named.group(2)) : new Field("body", detail);
    }

    static String detail(List<Field> fields) {
      return fields.stream().map(f -> f.field() + ": " + f.message()).collect(Collectors.joining("; "));
    }

    static List<Map<String, String>> list(List<Field> fields) {
      return fields.stream().map(f -> {
        Map<String, String> error = new LinkedHashMap<>();
        error.put("field", f.field());
        error.put("message", f.message());
        return error;
      }).toList();
    }
  }
}
