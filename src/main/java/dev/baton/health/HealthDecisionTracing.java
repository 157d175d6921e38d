package dev.baton.health;

import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.dmn.engine.DmnEngineConfiguration;
import org.camunda.bpm.dmn.engine.delegate.DmnDecisionTableEvaluationListener;
import org.camunda.bpm.dmn.engine.impl.DefaultDmnEngineConfiguration;
import org.camunda.bpm.engine.spring.SpringProcessEngineConfiguration;
import org.camunda.bpm.spring.boot.starter.configuration.impl.AbstractCamundaConfiguration;
import org.springframework.stereotype.Component;

/**
 * Registers a DMN decision-table listener on the engine's DMN engine so {@link DecisionTrace} can
 * see which rule matched. The engine keeps custom listeners when it adds its own (history, metrics).
 */
@Component
class HealthDecisionTracing extends AbstractCamundaConfiguration {

  @Override
  public void preInit(SpringProcessEngineConfiguration configuration) {
    DefaultDmnEngineConfiguration dmn = configuration.getDmnEngineConfiguration();
    if (dmn == null) {
      dmn = (DefaultDmnEngineConfiguration) DmnEngineConfiguration.createDefaultDmnEngineConfiguration();
      configuration.setDmnEngineConfiguration(dmn);
    }
    List<DmnDecisionTableEvaluationListener> listeners = new ArrayList<>();
    if (dmn.getCustomPostDecisionTableEvaluationListeners() != null) {
      listeners.addAll(dmn.getCustomPostDecisionTableEvaluationListeners());
    }
    listeners.add(DecisionTrace::record);
    dmn.setCustomPostDecisionTableEvaluationListeners(listeners);
  }
}
