package dev.baton.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Set;
import java.util.TreeSet;
import org.camunda.bpm.engine.FormService;
import org.camunda.bpm.engine.form.FormField;
import org.camunda.bpm.engine.form.TaskFormData;

/**
 * The process variables a task's form sets: for a Camunda Form ({@code camunda:formRef} or a
 * {@code camunda-forms:} key) the top-level names its fields write, for a generated form its field ids.
 * A task whose form Baton cannot read (an embedded HTML form, or none) sets nothing.
 */
final class TaskFormFields {

  /**
   * The name and the variables of a task's form; of those, the ones it shows read-only (a person may not
   * change them), and the ones it asks as a date or a number (so a value is one).
   */
  record Form(String name, Set<String> variables, Set<String> readOnly, Set<String> dates, Set<String> numbers) {

    Form(String name, Set<String> variables) {
      this(name, variables, Set.of(), Set.of(), Set.of());
    }
  }

  private static final ObjectMapper JSON = new ObjectMapper();

  private TaskFormFields() {}

  /** Call without authorization checks: the caller decides who may know. */
  static Form of(FormService forms, String taskId) {
    TaskFormData data = forms.getTaskFormData(taskId);
    boolean camundaForm = data.getCamundaFormRef() != null
        || data.getFormKey() != null && data.getFormKey().startsWith("camunda-forms:");
    if (camundaForm) {
      try (InputStream schema = forms.getDeployedTaskForm(taskId)) {
        String name = data.getCamundaFormRef() != null ? data.getCamundaFormRef().getKey() : data.getFormKey();
        JsonNode form = JSON.readTree(schema);
        Set<String> readOnly = new TreeSet<>();
        Set<String> dates = new TreeSet<>();
        Set<String> numbers = new TreeSet<>();
        kinds(form.path("components"), readOnly, dates, numbers);
        return new Form(name, variables(form), readOnly, dates, numbers);
      } catch (IOException e) {
        throw new UncheckedIOException("The form of task " + taskId + " is not readable JSON", e);
      }
    }
    Set<String> variables = new TreeSet<>();
    data.getFormFields().stream().map(FormField::getId).forEach(variables::add);
    return new Form(data.getFormKey() == null ? "(generated)" : data.getFormKey(), variables);
  }

  /** The variables a Camunda Form (form-js schema) writes. */
  static Set<String> variables(JsonNode form) {
    Set<String> variables = new TreeSet<>();
    collect(form.path("components"), variables);
    return variables;
  }

  /**
   * form-js binds a field to {@code key}, inside any {@code path} of the groups and lists around it; a
   * dotted key or path nests its value. So a variable is the first segment of the outermost path or key.
   */
  private static void collect(JsonNode components, Set<String> variables) {
    for (JsonNode component : components) {
      String path = component.path("path").asText("");
      String key = component.path("key").asText("");
      if (!path.isEmpty()) {
        variables.add(firstSegment(path));
      } else {
        if (!key.isEmpty()) {
          variables.add(firstSegment(key));
        }
        collect(component.path("components"), variables);
      }
    }
  }

  /** Fields bound to a whole top-level variable (no group path, no dotted key), by what they allow. */
  private static void kinds(JsonNode components, Set<String> readOnly, Set<String> dates, Set<String> numbers) {
    for (JsonNode component : components) {
      if (!component.path("path").asText("").isEmpty()) {
        continue;
      }
      String key = component.path("key").asText("");
      if (!key.isEmpty() && key.indexOf('.') < 0) {
        String type = component.path("type").asText();
        if (component.path("readonly").asBoolean() || component.path("disabled").asBoolean()) {
          readOnly.add(key);
        } else if (type.equals("datetime") && component.path("subtype").asText().equals("date")) {
          dates.add(key);
        } else if (type.equals("number")) {
          numbers.add(key);
        }
      }
      kinds(component.path("components"), readOnly, dates, numbers);
    }
  }

  private static String firstSegment(String path) {
    int dot = path.indexOf('.');
    return dot < 0 ? path : path.substring(0, dot);
  }
}
