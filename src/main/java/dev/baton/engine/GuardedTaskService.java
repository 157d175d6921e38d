package dev.baton.engine;

import java.io.InputStream;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.camunda.bpm.engine.impl.TaskServiceImpl;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.task.Attachment;
import org.camunda.bpm.engine.task.Comment;
import org.camunda.bpm.engine.variable.VariableMap;

/**
 * Camunda's TaskService, with Baton's two rules for the people working tasks in front of every call that
 * writes: comments and attachments need the right to work the task ({@link TaskWork}), and variables
 * written through a task are the fields of its form ({@link FormFieldsOnly}). Both REST paths (Modeler's
 * {@code /engine-rest}, Tasklist's {@code /camunda/api/engine}) reach the engine through this service.
 */
class GuardedTaskService extends TaskServiceImpl {

  private final TaskWork work;
  private final FormFieldsOnly formFields;

  GuardedTaskService(TaskWork work, FormFieldsOnly formFields) {
    this.work = work;
    this.formFields = formFields;
  }

  /** For the REST layer: fails as {@link #createComment} would, before Camunda's resource rewraps the error. */
  void requireWork(String taskId) {
    check(context -> work.require(context, taskId, null));
  }

  @Override
  public void complete(String taskId, Map<String, Object> variables) {
    variables(taskId, variables, null);
    super.complete(taskId, variables);
  }

  @Override
  public VariableMap completeWithVariablesInReturn(String taskId, Map<String, Object> variables, boolean deserialize) {
    variables(taskId, variables, null);
    return super.completeWithVariablesInReturn(taskId, variables, deserialize);
  }

  @Override
  public void resolveTask(String taskId, Map<String, Object> variables) {
    variables(taskId, variables, null);
    super.resolveTask(taskId, variables);
  }

  @Override
  public void setVariable(String taskId, String name, Object value) {
    variables(taskId, single(name, value), null);
    super.setVariable(taskId, name, value);
  }

  @Override
  public void setVariableLocal(String taskId, String name, Object value) {
    variables(taskId, single(name, value), null);
    super.setVariableLocal(taskId, name, value);
  }

  @Override
  public void setVariables(String taskId, Map<String, ? extends Object> variables) {
    variables(taskId, variables, null);
    super.setVariables(taskId, variables);
  }

  @Override
  public void setVariablesLocal(String taskId, Map<String, ? extends Object> variables) {
    variables(taskId, variables, null);
    super.setVariablesLocal(taskId, variables);
  }

  @Override
  public void updateVariables(String taskId, Map<String, ? extends Object> modifications, Collection<String> deletions) {
    variables(taskId, modifications, deletions);
    super.updateVariables(taskId, modifications, deletions);
  }

  @Override
  public void updateVariablesLocal(String taskId, Map<String, ? extends Object> modifications,
      Collection<String> deletions) {
    variables(taskId, modifications, deletions);
    super.updateVariablesLocal(taskId, modifications, deletions);
  }

  @Override
  public void removeVariable(String taskId, String name) {
    variables(taskId, null, List.of(name));
    super.removeVariable(taskId, name);
  }

  @Override
  public void removeVariableLocal(String taskId, String name) {
    variables(taskId, null, List.of(name));
    super.removeVariableLocal(taskId, name);
  }

  @Override
  public void removeVariables(String taskId, Collection<String> names) {
    variables(taskId, null, names);
    super.removeVariables(taskId, names);
  }

  @Override
  public void removeVariablesLocal(String taskId, Collection<String> names) {
    variables(taskId, null, names);
    super.removeVariablesLocal(taskId, names);
  }

  @Override
  public void handleBpmnError(String taskId, String errorCode, String errorMessage, Map<String, Object> variables) {
    variables(taskId, variables, null);
    super.handleBpmnError(taskId, errorCode, errorMessage, variables);
  }

  @Override
  public void handleEscalation(String taskId, String escalationCode, Map<String, Object> variables) {
    variables(taskId, variables, null);
    super.handleEscalation(taskId, escalationCode, variables);
  }

  @Override
  public Comment createComment(String taskId, String processInstanceId, String message) {
    check(context -> work.require(context, taskId, processInstanceId));
    return super.createComment(taskId, processInstanceId, message);
  }

  @Override
  public Attachment createAttachment(String type, String taskId, String processInstanceId, String name,
      String description, InputStream content) {
    check(context -> work.require(context, taskId, processInstanceId));
    return super.createAttachment(type, taskId, processInstanceId, name, description, content);
  }

  @Override
  public Attachment createAttachment(String type, String taskId, String processInstanceId, String name,
      String description, String url) {
    check(context -> work.require(context, taskId, processInstanceId));
    return super.createAttachment(type, taskId, processInstanceId, name, description, url);
  }

  @Override
  public void saveAttachment(Attachment attachment) {
    check(context -> work.requireForAttachment(context, attachment.getId()));
    super.saveAttachment(attachment);
  }

  @Override
  public void deleteAttachment(String attachmentId) {
    check(context -> work.requireForAttachment(context, attachmentId));
    super.deleteAttachment(attachmentId);
  }

  @Override
  public void deleteTaskAttachment(String taskId, String attachmentId) {
    check(context -> work.require(context, taskId, null));
    super.deleteTaskAttachment(taskId, attachmentId);
  }

  private void variables(String taskId, Map<String, ?> values, Collection<String> deletions) {
    // Completing without variables, Tasklist's plain Complete, needs no extra command.
    if (values != null && !values.isEmpty() || deletions != null && !deletions.isEmpty()) {
      check(context -> formFields.require(context, taskId, values, deletions));
    }
  }

  private void check(Consumer<CommandContext> rule) {
    commandExecutor.execute(context -> {
      rule.accept(context);
      return null;
    });
  }

  private static Map<String, Object> single(String name, Object value) {
    Map<String, Object> variables = new HashMap<>();
    variables.put(name, value);
    return variables;
  }
}
