package dev.baton.crm;

import dev.baton.web.ApiProblem;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.http.HttpStatus;

/** What is wrong with an event, field by field; becomes one 400 problem listing every field. */
final class FieldErrors {

  private final List<Map<String, String>> errors = new ArrayList<>();

  void add(String field, String message) {
    Map<String, String> error = new LinkedHashMap<>();
    error.put("field", field);
    error.put("message", message);
    errors.add(error);
  }

  boolean isEmpty() {
    return errors.isEmpty();
  }

  /** "field: message; field: message" */
  String detail() {
    return errors.stream().map(e -> e.get("field") + ": " + e.get("message")).collect(Collectors.joining("; "));
  }

  List<Map<String, String>> list() {
    return List.copyOf(errors);
  }

  void throwIfAny() {
    if (!errors.isEmpty()) {
      throw new ApiProblem(HttpStatus.BAD_REQUEST, detail(), Map.of("errors", list()));
    }
  }
}
