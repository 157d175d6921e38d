package dev.baton.raci;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.baton.engine.WithoutAuthorization;
import java.io.IOException;
import java.io.InputStream;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.camunda.bpm.engine.FormService;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.form.FormField;
import org.camunda.bpm.engine.form.TaskFormData;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The fields of a task's deployed Camunda Form, as the person saw them: the mails name a value by the
 * label its form gives it (and a chosen option by the option's label), not by the variable behind it.
 * A generated form (form fields in the model) gives its labels too. A task without either has no fields
 * here; the mails then humanise the variable's name.
 */
final class TaskForm {

  /** One field: its label, and the labels of its options by value (empty unless select/radio). */
  record Field(String label, boolean choice, Map<String, String> options) {}

  static final TaskForm NONE = new TaskForm(Map.of());
  private static final Logger log = LoggerFactory.getLogger(TaskForm.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Map<String, Field> fields;

  private TaskForm(Map<String, Field> fields) {
    this.fields = fields;
  }

  /** The form deployed for this task, or NONE (no Camunda Form, or one that cannot be read). */
  static TaskForm of(FormService forms, DelegateTask task) {
    if (task.getId() == null) {
      return NONE;
    }
    // Staff completing the task may read it, but Baton's own reading must not depend on that. Asking for a
    // form that is not a Camunda Form would fail the engine's command, and with it the person's completion.
    TaskFormData data = WithoutAuthorization.call(() -> forms.getTaskFormData(task.getId()));
    boolean camundaForm = data.getCamundaFormRef() != null
        || data.getFormKey() != null && data.getFormKey().startsWith("camunda-forms:");
    if (!camundaForm) {
      return generated(data);
    }
    try (InputStream form = WithoutAuthorization.call(() -> forms.getDeployedTaskForm(task.getId()))) {
      return parse(form);
    } catch (IOException | RuntimeException unreadable) {
      log.info("The form of task {} could not be read for its mails ({}); field names are used instead",
          task.getId(), unreadable.getMessage());
      return NONE;
    }
  }

  /** A Camunda Form's schema (form-js JSON), as deployed. */
  static TaskForm parse(InputStream schema) throws IOException {
    Map<String, Field> fields = new HashMap<>();
    collect(JSON.readTree(schema), fields);
    return new TaskForm(fields);
  }

  /** A generated form (camunda:formField in the model): its fields' labels, an enum's values by id. */
  @SuppressWarnings("unchecked")
  private static TaskForm generated(TaskFormData data) {
    Map<String, Field> fields = new HashMap<>();
    for (FormField field : data.getFormFields()) {
      Object values = field.getType() == null ? null : field.getType().getInformation("values");
      Map<String, String> options = values instanceof Map<?, ?> map ? Map.copyOf((Map<String, String>) map) : Map.of();
      fields.put(field.getId(), new Field(field.getLabel() == null ? "" : field.getLabel(), !options.isEmpty(), options));
    }
    return fields.isEmpty() ? NONE : new TaskForm(fields);
  }

  Optional<Field> field(String key) {
    return Optional.ofNullable(fields.get(key));
  }

  /** The field's label, else its key in words ("missingItems" becomes "Missing items"). */
  String label(String key) {
    return field(key).map(Field::label).filter(l -> !l.isBlank()).orElseGet(() -> humanise(key));
  }

  static String humanise(String key) {
    String words = key.replaceAll("([a-z0-9])([A-Z])", "$1 $2").replaceAll("[_.\\-]+", " ").trim().toLowerCase();
    return words.isEmpty() ? key : Character.toUpperCase(words.charAt(0)) + words.substring(1);
  }

  private static void collect(JsonNode node, Map<String, Field> fields) {
    for (JsonNode component : node.path("components")) {
      String key = component.path("key").asText("");
      if (!key.isEmpty()) {
        String type = component.path("type").asText("");
        Map<String, String> options = new HashMap<>();
        for (JsonNode option : component.path("values")) {
          options.put(option.path("value").asText(), option.path("label").asText(option.path("value").asText()));
        }
        // A date/time field labels its parts; its date label is what the person read.
        String label = component.path("label").asText(component.path("dateLabel").asText(""));
        fields.putIfAbsent(key, new Field(label, type.equals("select") || type.equals("radio"), options));
      }
      collect(component, fields);
    }
  }
}
