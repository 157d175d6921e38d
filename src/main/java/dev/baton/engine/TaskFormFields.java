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

  /** The name and the variables of a task's form. */
  record Form(String name, Set<String> variables) {}

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
        return new Form(name, variables(JSON.readTree(schema)));
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

  private static String firstSegment(String path) {
    int dot = path.indexOf('.');
    return dot < 0 ? path : path.substring(0, dot);
  }
}
