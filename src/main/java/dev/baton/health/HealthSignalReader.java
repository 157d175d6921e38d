package dev.baton.health;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.baton.web.ApiErrorHandler;
import dev.baton.web.ApiProblem;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * Reads the body of {@code POST /api/accounts/{id}/health-signals}: one signal object or an array of
 * them, each validated; every mistake is reported at once, naming the field and the allowed range.
 */
@Component
class HealthSignalReader {

  static final int MAX_BATCH = 500;
  /** Cross-field rules of HealthSignal: reported under the signal, not a made-up field name. */
  private static final Set<String> RULES = Set.of("licencesPaired", "usersPaired", "featuresPaired",
      "commentWithSentiment", "measuring");

  private final ObjectMapper json;
  private final Validator validator;

  HealthSignalReader(ObjectMapper json, Validator validator) {
    this.json = json;
    this.validator = validator;
  }

  List<HealthSignal> read(JsonNode body) {
    if (body == null || !(body.isObject() || body.isArray())) {
      throw ApiProblem.badRequest("body: send one signal object or an array of signal objects (see docs/health.md)");
    }
    JsonNode array = body.isArray() ? body : JsonNodeFactory.instance.arrayNode().add(body);
    if (array.isEmpty()) {
      throw ApiProblem.badRequest("body: the array is empty; send at least one signal");
    }
    if (array.size() > MAX_BATCH) {
      throw ApiProblem.badRequest("body: at most " + MAX_BATCH + " signals per request; split the batch");
    }
    List<HealthSignal> signals;
    try {
      signals = json.readerForListOf(HealthSignal.class).readValue(array);
    } catch (JsonProcessingException e) {
      String detail = ApiErrorHandler.describe(e);
      throw ApiProblem.badRequest(body.isArray() ? detail : detail.replaceFirst("\\[0]\\.?", ""));
    } catch (java.io.IOException e) {
      throw ApiProblem.badRequest("body: " + e.getMessage());
    }
    List<Map<String, String>> errors = new ArrayList<>();
    for (int i = 0; i < signals.size(); i++) {
      if (signals.get(i) == null) {
        errors.add(Map.of("field", prefix(body, i).isEmpty() ? "body" : prefix(body, i), "message", "must be a signal object"));
        continue;
      }
      errors.addAll(violations(validator, signals.get(i), prefix(body, i)));
    }
    if (!errors.isEmpty()) {
      String detail = String.join("; ", errors.stream().map(e -> e.get("field") + ": " + e.get("message")).toList());
      throw new ApiProblem(HttpStatus.BAD_REQUEST, detail, Map.of("errors", errors));
    }
    return signals;
  }

  /** What is wrong with the signal, field by field ({@code prefix.field}; a cross-field rule under the prefix). */
  static List<Map<String, String>> violations(Validator validator, HealthSignal signal, String prefix) {
    List<Map<String, String>> errors = new ArrayList<>();
    for (ConstraintViolation<HealthSignal> v : sorted(validator.validate(signal))) {
      String property = v.getPropertyPath().toString();
      String field = RULES.contains(property) ? prefix : join(prefix, property);
      errors.add(Map.of("field", field.isEmpty() ? "signal" : field, "message", v.getMessage()));
    }
    return errors;
  }

  private static List<ConstraintViolation<HealthSignal>> sorted(Set<ConstraintViolation<HealthSignal>> violations) {
    return violations.stream().sorted(Comparator.comparing((ConstraintViolation<HealthSignal> v) -> v.getPropertyPath().toString())
        .thenComparing(ConstraintViolation::getMessage)).toList();
  }

  private static String prefix(JsonNode body, int index) {
    return body.isArray() ? "[" + index + "]" : "";
  }

  private static String join(String prefix, String property) {
    return prefix.isEmpty() ? property : prefix + "." + property;
  }
}
