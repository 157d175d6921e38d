package dev.baton.raci;

import dev.baton.identity.RoleCatalogue;
import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.impl.bpmn.parser.BpmnParseListener;
import org.camunda.bpm.engine.spring.SpringProcessEngineConfiguration;
import org.camunda.bpm.spring.boot.starter.configuration.impl.AbstractCamundaConfiguration;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * The engine plugin that makes RACI executable: a BPMN parse listener gives every user task of every
 * deployment its RACI behaviour (see RaciParseListener), so no process needs any wiring of its own.
 */
@Component
public class RaciPlugin extends AbstractCamundaConfiguration {

  private final RoleCatalogue roles;
  private final RaciDueDates dueDates;
  private final ObjectProvider<RaciTaskBehaviour> behaviour;

  // The behaviour needs engine services, which need this plugin: it is looked up when a task runs.
  public RaciPlugin(RoleCatalogue roles, RaciDueDates dueDates, ObjectProvider<RaciTaskBehaviour> behaviour) {
    this.roles = roles;
    this.dueDates = dueDates;
    this.behaviour = behaviour;
  }

  @Override
  public void preInit(SpringProcessEngineConfiguration configuration) {
    List<BpmnParseListener> listeners = configuration.getCustomPostBPMNParseListeners() == null
        ? new ArrayList<>() : new ArrayList<>(configuration.getCustomPostBPMNParseListeners());
    listeners.add(new RaciParseListener(roles, dueDates, new RaciListeners(behaviour)));
    configuration.setCustomPostBPMNParseListeners(listeners);
    configuration.setBpmnParseFactory(RaciBpmnParse.factory());
  }

  /** Forwards the task events to the Spring bean that handles them. */
  static final class RaciListeners {
    private final ObjectProvider<RaciTaskBehaviour> behaviour;

    RaciListeners(ObjectProvider<RaciTaskBehaviour> behaviour) {
      this.behaviour = behaviour;
    }

    void created(RaciTaskModel model, DelegateTask task) {
      behaviour.getObject().created(model, task);
    }

    void updated(RaciTaskModel model, DelegateTask task) {
      behaviour.getObject().updated(model, task);
    }

    void completed(RaciTaskModel model, DelegateTask task) {
      behaviour.getObject().completed(model, task);
    }

    void due(RaciTaskModel model, DelegateTask task) {
      behaviour.getObject().due(model, task);
    }
  }
}
