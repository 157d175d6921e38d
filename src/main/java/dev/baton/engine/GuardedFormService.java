package dev.baton.engine;

import java.util.Map;
import org.camunda.bpm.engine.impl.FormServiceImpl;
import org.camunda.bpm.engine.variable.VariableMap;

/** Camunda's FormService, holding a submitted task form to the fields of that form ({@link FormFieldsOnly}). */
class GuardedFormService extends FormServiceImpl {

  private final FormFieldsOnly formFields;

  GuardedFormService(FormFieldsOnly formFields) {
    this.formFields = formFields;
  }

  @Override
  public void submitTaskForm(String taskId, Map<String, Object> properties) {
    check(taskId, properties);
    super.submitTaskForm(taskId, properties);
  }

  @Override
  public VariableMap submitTaskFormWithVariablesInReturn(String taskId, Map<String, Object> properties,
      boolean deserializeValues) {
    check(taskId, properties);
    return super.submitTaskFormWithVariablesInReturn(taskId, properties, deserializeValues);
  }

  @Override
  @SuppressWarnings("deprecation")
  public void submitTaskFormData(String taskId, Map<String, String> properties) {
    check(taskId, properties);
    super.submitTaskFormData(taskId, properties);
  }

  private void check(String taskId, Map<String, ?> properties) {
    commandExecutor.execute(context -> {
      formFields.require(context, taskId, properties, null);
      return null;
    });
  }
}
