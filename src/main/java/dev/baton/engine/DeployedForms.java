package dev.baton.engine;

import java.util.Optional;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.persistence.entity.CamundaFormDefinitionEntity;
import org.camunda.bpm.engine.impl.persistence.entity.ResourceEntity;

/**
 * The deployed Camunda Forms, read inside an engine command (e.g. a task listener). Camunda has no
 * public query for form definitions.
 */
public final class DeployedForms {

  /** One deployed version of a form: its definition id changes with every deployment of the form. */
  public record DeployedForm(String id, String deploymentId, String resourceName) {}

  private DeployedForms() {}

  /** The latest deployed version of the form {@code key}. */
  public static Optional<DeployedForm> latest(String key) {
    CamundaFormDefinitionEntity form = Context.getCommandContext().getCamundaFormDefinitionManager()
        .findLatestDefinitionByKey(key);
    return Optional.ofNullable(form)
        .map(f -> new DeployedForm(f.getId(), f.getDeploymentId(), f.getResourceName()));
  }

  /** The form's JSON as deployed. */
  public static byte[] json(DeployedForm form) {
    CommandContext command = Context.getCommandContext();
    ResourceEntity resource = command.getResourceManager()
        .findResourceByDeploymentIdAndResourceName(form.deploymentId(), form.resourceName());
    return resource.getBytes();
  }
}
