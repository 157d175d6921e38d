package dev.baton.crm;

import dev.baton.web.ApiProblem;
import java.util.ArrayList;
import java.util.List;

/** What is wrong with an event, field by field; becomes one 400 problem listing every field (ApiProblem's shape). */
final class FieldErrors {

  private final List<ApiProblem.Field> errors = new ArrayList<>();

  void add(String field, String message) {
    errors.add(new ApiProblem.Field(field, message));
  }

  boolean isEmpty() {
    return errors.isEmpty();
  }

  void throwIfAny() {
    if (!errors.isEmpty()) {
      throw ApiProblem.invalid(errors);
    }
  }
}
