package dev.baton.successplan;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reading the rows of a success plan's form lists (its objectives and milestones, at onboarding and at each
 * business review) and naming what is wrong in them by row and field, as staff see it on the form
 * (docs/domain.md#success-plan).
 */
public final class PlanRows {

  public static final String QUANTITATIVE = "quantitative";
  public static final String QUALITATIVE = "qualitative";

  private PlanRows() {}

  /** The list as JSON rows: a Json variable from Tasklist, or lists, maps or a JSON string; a problem if none. */
  public static JsonNode rows(ObjectMapper json, Object value, String name, List<String> problems) {
    if (value == null) {
      return json.createArrayNode();
    }
    try {
      JsonNode node = value instanceof Collection<?> || value instanceof Map<?, ?>
          ? json.valueToTree(value) : json.readTree(value.toString());
      if (node.isArray()) {
        return node;
      }
    } catch (Exception unreadable) {
      // reported below
    }
    problems.add(name + ": is not a list; fill the list in the form");
    return json.createArrayNode();
  }

  /**
   * Puts an objective's fields from its row: what the customer wants to achieve, its measure (quantitative or
   * qualitative), baseline, target, the success criteria a qualitative one needs, and its owner.
   */
  public static void objective(ObjectNode objective, JsonNode row, String at, List<String> problems) {
    objective.put("objective", required(row, "objective", at, "say what the customer wants to achieve", problems));
    String measure = text(row, "measure");
    measure = measure == null ? null : measure.toLowerCase(Locale.ROOT);
    if (!QUANTITATIVE.equals(measure) && !QUALITATIVE.equals(measure)) {
      problems.add(at + "measure: '" + measure + "' is not a measure; choose quantitative or qualitative");
    }
    objective.put("measure", measure);
    objective.put("baseline", required(row, "baseline", at, "give today's value (the baseline)", problems));
    objective.put("target", required(row, "target", at, "give the value the customer wants to reach", problems));
    String criteria = text(row, "successCriteria");
    if (QUALITATIVE.equals(measure) && criteria == null) {
      problems.add(at + "successCriteria: is missing; a qualitative objective needs the criteria by which "
          + "the customer will judge success");
    }
    objective.put("successCriteria", criteria);
    objective.put("owner", required(row, "owner", at, "name who owns the objective", problems));
  }

  /** A row the form added but nobody filled in. */
  public static boolean blank(JsonNode row) {
    for (JsonNode value : row) {
      if (value != null && !value.isNull() && !value.asText().isBlank()) {
        return false;
      }
    }
    return true;
  }

  /** The field's text, or a problem "{@code at}{@code field}: is missing; {@code fix}". */
  public static String required(JsonNode row, String field, String at, String fix, List<String> problems) {
    String value = text(row, field);
    if (value == null) {
      problems.add(at + field + ": is missing; " + fix);
    }
    return value;
  }

  /** The field's text, trimmed; null when absent or blank. */
  public static String text(JsonNode row, String field) {
    JsonNode value = row.get(field);
    if (value == null || value.isNull()) {
      return null;
    }
    String text = value.asText().trim();
    return text.isEmpty() ? null : text;
  }
}
