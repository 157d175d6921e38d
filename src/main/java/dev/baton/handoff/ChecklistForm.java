package dev.baton.handoff;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.baton.engine.WithoutAuthorization;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.camunda.bpm.engine.FormService;
import org.springframework.stereotype.Component;

/**
 * The fields of a task's Camunda Form that the server checks again: those marked required
 * ({@code validate.required}) and the date fields. Read from the form the task shows (its
 * {@code camunda:formRefBinding}: the form deployed with the task's process version), so the form stays
 * the one list of required fields: a process owner who marks a field required in Modeler changes the
 * server's check too, for the instances of that version.
 */
@Component
class ChecklistForm {

  record Fields(List<String> required, List<String> dates) {}

  private final FormService forms;
  private final ObjectMapper json;
  /** Deployment id to fields: a deployed form never changes. */
  private final Map<String, Fields> byDeployment = new ConcurrentHashMap<>();

  ChecklistForm(FormService forms, ObjectMapper json) {
    this.forms = forms;
    this.json = json;
  }

  /** The checked fields of the form of task {@code taskId} (inside an engine command, e.g. a task listener). */
  Fields of(String taskId) {
    // Baton reads the form on its own behalf, whoever completes the task.
    return WithoutAuthorization.call(() -> {
      String deploymentId = forms.getTaskFormData(taskId).getDeploymentId();
      return byDeployment.computeIfAbsent(deploymentId, id -> {
        try (InputStream form = forms.getDeployedTaskForm(taskId)) {
          return parse(json.readTree(form));
        } catch (IOException e) {
          throw new UncheckedIOException("Cannot read the form of task " + taskId, e);
        }
      });
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
