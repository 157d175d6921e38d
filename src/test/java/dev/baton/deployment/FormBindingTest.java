package dev.baton.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.support.BatonIntegrationTest;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.camunda.bpm.engine.FormService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.instance.StartEvent;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.camunda.bpm.model.xml.instance.ModelElementInstance;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A form is bound to the deployment of the process version that uses it (forms/README.md): a renewal
 * that runs for a year keeps the form it started with, whatever newer form is deployed meanwhile.
 */
@BatonIntegrationTest
class FormBindingTest {

  static final String CAMUNDA_NS = "http://camunda.org/schema/1.0/bpmn";

  @Autowired RepositoryService repository;
  @Autowired RuntimeService runtime;
  @Autowired TaskService tasks;
  @Autowired FormService forms;

  @Test
  void aRunningInstanceKeepsItsFormWhenANewerFormIsDeployed() throws IOException {
    deploy("callOutcome");
    String running = start();

    deploy("customerAnswer");
    String fresh = start();

    assertThat(formOfTaskIn(running)).contains("\"callOutcome\"").doesNotContain("customerAnswer");
    assertThat(formOfTaskIn(fresh)).contains("\"customerAnswer\"").doesNotContain("callOutcome");
  }

  @Test
  void everyFormInBatonsProcessesIsBoundToTheDeploymentOfItsProcess() throws IOException {
    List<Path> models;
    try (Stream<Path> files = Files.list(Path.of("processes"))) {
      models = files.filter(path -> path.toString().endsWith(".bpmn")).sorted().toList();
    }
    assertThat(models).isNotEmpty();
    for (Path model : models) {
      var instance = Bpmn.readModelFromFile(model.toFile());
      Stream.concat(instance.getModelElementsByType(UserTask.class).stream(),
              instance.getModelElementsByType(StartEvent.class).stream())
          .filter(element -> formRef(element) != null)
          .forEach(element -> assertThat(element.getAttributeValueNs(CAMUNDA_NS, "formRefBinding"))
              .as("camunda:formRefBinding of %s in %s", element.getAttributeValue("id"), model)
              .isEqualTo("deployment"));
    }
  }

  private static String formRef(ModelElementInstance element) {
    return element.getAttributeValueNs(CAMUNDA_NS, "formRef");
  }

  /** What Baton's start-up does with changed files: the process and its form in one new deployment. */
  private void deploy(String fieldKey) throws IOException {
    repository.createDeployment().name("form-binding-test")
        .addString("deployment/FormBinding.bpmn", resource("FormBinding.bpmn"))
        .addString("deployment/form-binding-call.form", resource("form-binding-call.form").replace("FIELD_KEY", fieldKey))
        .deploy();
  }

  private String start() {
    String account = "form-binding-" + UUID.randomUUID();
    return runtime.startProcessInstanceByKey("FormBinding", account, Map.of("accountId", account)).getId();
  }

  private String formOfTaskIn(String processInstanceId) throws IOException {
    String taskId = tasks.createTaskQuery().processInstanceId(processInstanceId).singleResult().getId();
    try (InputStream form = forms.getDeployedTaskForm(taskId)) {
      return new String(form.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  private String resource(String name) throws IOException {
    try (InputStream in = getClass().getResourceAsStream("/deployment/" + name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
