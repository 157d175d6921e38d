package dev.baton.handoff;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.baton.engine.DeployedForms;
import dev.baton.engine.DeployedForms.DeployedForm;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.camunda.bpm.engine.ProcessEngineException;

/**
 * The fields of a deployed Camunda Form that the server checks again: those marked required
 * ({@code validate.required}) and the date fields. Read from the latest deployed version of the form
 * (what Tasklist shows with {@code camunda:formRefBinding="latest"}), so the form stays the one list of
 * required fields: a process owner who marks a field required in Modeler changes the server's check too.
 */
final class ChecklistForm {

  record Fields(List<String> required, List<String> dates) {}

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Map<String, Fields> BY_DEFINITION = new ConcurrentHashMap<>();

  private ChecklistForm() {}

  /** The checked fields of the latest deployed version of the form {@code key} (inside an engine command, e.g. a task listener). */
  static Fields of(String key) {
    DeployedForm form = DeployedForms.latest(key).orElseThrow(
        () -> new ProcessEngineException("The form " + key + " is not deployed: forms/" + key + ".form"));
    return BY_DEFINITION.computeIfAbsent(form.id(), id -> {
      try {
        return parse(JSON.readTree(DeployedForms.json(form)));
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot read the form " + form.resourceName(), e);
      }
    });
  }

  /** The required and date fields of a form's JSON, in the form's order (groups included). */
  static Fields parse(JsonNode form) {
    List<String> required = new ArrayList<>();
    List<String> dates = new ArrayList<>();
    collect(form.path("components"), required, dates);
    return new Fields(List.copyOf(required), List.copyOf(dates));
  }

  private static void collect(JsonNode components, List<String> required, List<String> dates) {
    for (JsonNode component : components) {
      String key = component.path("key").asText("");
      boolean readonly = component.path("readonly").asBoolean(false) || component.path("disabled").asBoolean(false);
      if (!key.isEmpty() && !readonly) {
        if (component.path("validate").path("required").asBoolean(false)) {
          required.add(key);
        }
        if ("datetime".equals(component.path("type").asText()) && "date".equals(component.path("subtype").asText())) {
          dates.add(key);
        }
      }
      collect(component.path("components"), required, dates);
    }
  }
}
