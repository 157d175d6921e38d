package dev.baton.crm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.camunda.spin.Spin;
import org.camunda.spin.json.SpinJsonNode;

/**
 * The check of a CRM API's answer in a connector task: the HTTP connector does not fail on an error status,
 * so anything but 2xx fails the job naming the call and the status (then retries, then an incident).
 */
final class CrmAnswers {

  private static final ObjectMapper JSON = new ObjectMapper();

  private CrmAnswers() {}

  static SpinJsonNode json(String crm, Integer statusCode, String response, String what, String id, String settings) {
    if (statusCode == null || statusCode < 200 || statusCode > 299) {
      String body = response == null ? "" : response.length() > 300 ? response.substring(0, 300) + "..." : response;
      throw new CrmApiException(crm + " answered " + statusCode + " to GET " + what + " " + id + ": " + body
          + (statusCode != null && (statusCode == 401 || statusCode == 403) ? " (check " + settings + ")" : "")
          + "; retried with backoff, then an incident to retry in Cockpit");
    }
    try {
      return Spin.JSON(JSON.readTree(response == null || response.isBlank() ? "{}" : response).toString());
    } catch (Exception e) {
      throw new CrmApiException(crm + "'s answer to GET " + what + " " + id + " is not JSON: " + e.getMessage());
    }
  }

  /** A JSON variable's tree; missing when null. */
  static JsonNode tree(Object value) {
    if (value == null) {
      return JSON.missingNode();
    }
    try {
      return JSON.readTree(value.toString());
    } catch (Exception e) {
      throw new CrmApiException("Not JSON: " + e.getMessage());
    }
  }

  /** None or one id, for a multi-instance fetch that is skipped when the record names nothing. */
  static List<String> noneOrOne(JsonNode id) {
    if (id.isObject()) {
      id = id.path("value"); // Pipedrive v1 embeds related records as {"value": id, ...}
    }
    return id.isMissingNode() || id.isNull() || id.asText().isBlank() ? List.of() : List.of(id.asText());
  }

  static String text(JsonNode node, String field) {
    JsonNode value = node.path(field);
    return value.isMissingNode() || value.isNull() || value.asText().isBlank() ? null : value.asText().strip();
  }
}
