package dev.baton.raci;

import dev.baton.identity.RoleCatalogue;
import java.util.Arrays;
import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.model.bpmn.instance.BaseElement;
import org.camunda.bpm.model.bpmn.instance.FlowElement;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaProperties;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaProperty;
import org.springframework.stereotype.Component;

/**
 * Who hears about an automatic step (a service task that mails people): the roles named in the step's
 * {@code raci.informed} property in the model (docs/raci.md), as on user tasks, so the process owner
 * decides it in Modeler and no Java class names a role. The step's people are then found by
 * {@link RoleRecipients} (the account team's holder of the role, else the role's group).
 */
@Component
public class InformedRoles {

  private final RoleCatalogue roles;
  private final RoleRecipients recipients;

  InformedRoles(RoleCatalogue roles, RoleRecipients recipients) {
    this.roles = roles;
    this.recipients = recipients;
  }

  /** The role ids of the current step's {@code raci.informed}, in the model's order. */
  public List<String> of(DelegateExecution execution) {
    FlowElement step = execution.getBpmnModelElementInstance();
    String value = property(step, RaciTask.INFORMED);
    String where = execution.getProcessDefinitionId() + ", " + (step == null ? execution.getCurrentActivityId() : step.getId());
    if (value == null || value.isBlank()) {
      throw new IllegalStateException(where + " has no " + RaciTask.INFORMED
          + "; add a camunda property " + RaciTask.INFORMED + " naming the roles to tell (docs/raci.md)");
    }
    List<String> informed = Arrays.stream(value.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    for (String role : informed) {
      if (!roles.contains(role)) {
        throw new IllegalStateException(where + " has " + RaciTask.INFORMED + " naming the unknown role '" + role
            + "'; use one of: " + String.join(", ", roles.ids()));
      }
    }
    return informed;
  }

  /** E-mail addresses of the current step's informed roles on the account (each address once). */
  public List<String> emails(DelegateExecution execution, String accountId) {
    return of(execution).stream().flatMap(role -> recipients.emails(accountId, role).stream()).distinct().toList();
  }

  private static String property(BaseElement element, String name) {
    if (element == null || element.getExtensionElements() == null) {
      return null;
    }
    return element.getExtensionElements().getElementsQuery().filterByType(CamundaProperties.class).list().stream()
        .flatMap(properties -> properties.getCamundaProperties().stream())
        .filter(property -> name.equals(property.getCamundaName())).map(CamundaProperty::getCamundaValue)
        .findFirst().orElse(null);
  }
}
