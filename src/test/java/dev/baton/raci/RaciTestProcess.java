package dev.baton.raci;

import dev.baton.account.Account;
import dev.baton.account.AccountRepository;
import dev.baton.mail.MailOutbox;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.variable.Variables;

/** The test-only RaciTest.bpmn (src/test/resources/raci), accounts for it and the mails it queues. */
final class RaciTestProcess {

  static final String KEY = "RaciTest";

  private RaciTestProcess() {}

  static void deploy(RepositoryService repository) {
    // Duplicate filtering: every test class may call this, only the first creates a version.
    repository.createDeployment().name("raci-test").enableDuplicateFiltering(false)
        .addClasspathResource("raci/RaciTest.bpmn")
        .addClasspathResource("raci/raci-test-approve-plan.form").deploy();
  }

  static String newAccount(AccountRepository accounts, Map<String, String> team) {
    String accountId = "raci-" + UUID.randomUUID();
    accounts.save(new Account(accountId, "Acme " + accountId.substring(5, 13), "mid-market", null, "green", team));
    return accountId;
  }

  static ProcessInstance start(RuntimeService runtime, String accountId) {
    return runtime.startProcessInstanceByKey(KEY, accountId, Variables.putValue("accountId", accountId));
  }

  /** A one-task process (XML) whose user task has these attributes and camunda properties. */
  static String oneTaskModel(String processId, String taskId, String taskAttributes, Map<String, String> properties) {
    StringBuilder props = new StringBuilder();
    properties.forEach((name, value) ->
        props.append("<camunda:property name=\"").append(name).append("\" value=\"").append(value).append("\"/>"));
    String extensions = properties.isEmpty() ? ""
        : "<bpmn:extensionElements><camunda:properties>" + props + "</camunda:properties></bpmn:extensionElements>";
    return """
        <?xml version="1.0" encoding="UTF-8"?>
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
            xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="Definitions_%1$s" targetNamespace="http://baton.dev/bpmn">
          <bpmn:process id="%1$s" isExecutable="true" camunda:historyTimeToLive="P1D">
            <bpmn:startEvent id="StartEvent_1"/>
            <bpmn:sequenceFlow id="Flow_1" sourceRef="StartEvent_1" targetRef="%2$s"/>
            <bpmn:userTask id="%2$s" name="One task" %3$s>%4$s</bpmn:userTask>
            <bpmn:sequenceFlow id="Flow_2" sourceRef="%2$s" targetRef="EndEvent_1"/>
            <bpmn:endEvent id="EndEvent_1"/>
          </bpmn:process>
        </bpmn:definitions>
        """.formatted(processId, taskId, taskAttributes, extensions);
  }

  /** The MailDelivery instances queued for the account (their business key), newest last. */
  static List<String> deliveries(RuntimeService runtime, String accountId) {
    return runtime.createProcessInstanceQuery().processDefinitionKey(MailOutbox.PROCESS_KEY)
        .processInstanceBusinessKey(accountId).list().stream().map(ProcessInstance::getId).toList();
  }
}
