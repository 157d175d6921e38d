package dev.baton.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.ConstraintViolationException;
import java.util.List;
import java.util.stream.Collectors;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Every error of Baton's own API as application/problem+json, with a detail that names the field
 * and says what would be right. A caller's mistake is never a 500.
 */
// No basePackages: errors raised before a controller is chosen (415, 405) must be problems too.
// Camunda's REST API and webapps are JAX-RS, not Spring MVC, so they keep their own error format.
@RestControllerAdvice
public class ApiErrorHandler extends ResponseEntityExceptionHandler {

  /** The most of a parser's message a problem quotes (the message may quote the input). */
  private static final int MESSAGE = 400;
  static final int RETRY_AFTER_SECONDS = 5;
  static final String NO_CONNECTION = "Baton is too busy to answer right now (no database connection was free "
      + "in time); nothing was done. Retry in a few seconds.";
  static final String UNEXPECTED = "Baton could not handle this request because of a fault on its side; "
      + "it is logged. Retry later, or tell the operators if it keeps failing.";

  private final UnexpectedErrors errors;

  public ApiErrorHandler(UnexpectedErrors errors) {
    this.errors = errors;
  }

  @Override
  protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException e,
      HttpHeaders headers, HttpStatusCode status, WebRequest request) {
    List<ApiProblem.Field> fields = e.getBindingResult().getFieldErrors().stream()
        .map(f -> new ApiProblem.Field(f.getField(), String.valueOf(f.getDefaultMessage()))).toList();
    return ResponseEntity.badRequest().body(ApiProblem.invalidFields(fields));
  }

  @Override
  protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException e,
      HttpHeaders headers, HttpStatusCode status, WebRequest request) {
    return ResponseEntity.badRequest().body(ApiProblem.invalidField(describe(e.getCause())));
  }

  /**
   * The database was too busy to take the request in time (a row lock held by concurrent requests for
   * the same account, an optimistic-locking clash): nothing was saved, so the caller may simply retry.
   */
  @ExceptionHandler({org.springframework.dao.TransientDataAccessException.class,
      org.camunda.bpm.engine.OptimisticLockingException.class})
  ResponseEntity<ProblemDetail> busy(RuntimeException e) {
    return ServiceBusy.answer("Too many simultaneous changes to the same account; nothing was saved. Retry in a "
        + "few seconds.", RETRY_AFTER_SECONDS);
  }

  /**
   * Anything else. No database connection in time (an overload) is a 503 the caller may retry; any
   * other failure is Baton's fault: a 500 problem, logged by {@link UnexpectedErrors} (a stack trace only
   * for signed-in callers, so no one can fill the log anonymously).
   */
  @ExceptionHandler(Exception.class)
  ResponseEntity<ProblemDetail> unexpected(Exception e, HttpServletRequest request) {
    if (ServiceBusy.isConnectionWait(e)) {
      return ServiceBusy.answer(NO_CONNECTION, RETRY_AFTER_SECONDS);
    }
    errors.report(request, e);
    return ResponseEntity.status(HttpStatus.INTERNAL_SERVER_ERROR).contentType(MediaType.APPLICATION_PROBLEM_JSON)
        .body(ProblemDetail.forStatusAndDetail(HttpStatus.INTERNAL_SERVER_ERROR, UNEXPECTED));
  }

  @ExceptionHandler(ConstraintViolationException.class)
  ResponseEntity<ProblemDetail> constraintViolation(ConstraintViolationException e) {
    List<ApiProblem.Field> fields = e.getConstraintViolations().stream()
        .map(v -> new ApiProblem.Field(v.getPropertyPath().toString(), v.getMessage()))
        .sorted(java.util.Comparator.comparing(ApiProblem.Field::field)).toList();
    return ResponseEntity.badRequest().body(ApiProblem.invalidFields(fields));
  }

  /** Turns Jackson's complaint into a sentence naming the field. */
  public static String describe(Throwable cause) {
    if (cause instanceof BoundedJsonFactory.Refused refused) {
      return refused.getOriginalMessage();
    }
    if (cause instanceof UnrecognizedPropertyException unknown) {
      return "unknown field '" + Excerpt.of(path(unknown)) + "'; known fields are " + unknown.getKnownPropertyIds();
    }
    if (cause instanceof InvalidFormatException invalid && invalid.getTargetType() == String.class) {
      // A number or a boolean where text belongs (StrictJson refuses to turn it into text).
      return path(invalid) + ": expected text, got " + Excerpt.of(invalid.getValue());
    }
    if (cause instanceof InvalidFormatException invalid) {
      return path(invalid) + ": '" + Excerpt.of(invalid.getValue()) + "' is not a valid "
          + typeName(invalid.getTargetType());
    }
    if (cause instanceof MismatchedInputException mismatched && !mismatched.getPath().isEmpty()) {
      return path(mismatched) + ": expected " + typeName(mismatched.getTargetType());
    }
    if (cause instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
      return path(mapping) + ": " + Excerpt.of(mapping.getOriginalMessage(), MESSAGE);
    }
    if (cause instanceof JsonProcessingException json) {
      // A limit of the parser (StreamConstraintsException) has no location.
      String where = json.getLocation() == null ? ""
          : " at line " + json.getLocation().getLineNr() + ", column " + json.getLocation().getColumnNr();
      return "malformed JSON" + where + ": " + Excerpt.of(json.getOriginalMessage(), MESSAGE);
    }
    return "the request body is missing or is not JSON";
  }

  private static String path(JsonMappingException e) {
    return e.getPath().stream()
        .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
        .collect(Collectors.joining(".")).replace(".[", "[");
  }

  private static String typeName(Class<?> type) {
    if (type == null) {
      return "value";
    }
    if (type == java.time.LocalDate.class) {
      return "date (use yyyy-MM-dd)";
    }
    if (type == java.time.OffsetDateTime.class || type == java.time.Instant.class) {
      return "timestamp (use ISO-8601 with an offset, e.g. 2026-11-23T10:15:30Z)";
    }
    if (Number.class.isAssignableFrom(type) || type.isPrimitive() && type != boolean.class) {
      return "number";
    }
    if (type == Boolean.class || type == boolean.class) {
      return "boolean (true or false)";
    }
    if (type.isEnum()) {
      return "value (one of " + java.util.Arrays.toString(type.getEnumConstants()) + ")";
    }
    return type.getSimpleName().toLowerCase(java.util.Locale.ROOT).replace("string", "text");
  }
}
