package dev.baton.engine;

import org.camunda.bpm.engine.impl.jobexecutor.FailedJobCommandFactory;
import org.camunda.bpm.engine.spring.SpringProcessEngineConfiguration;
import org.camunda.bpm.spring.boot.starter.configuration.impl.AbstractCamundaConfiguration;
import org.springframework.stereotype.Component;

/**
 * A job whose HTTP call got no answer fails with the call's own message ({@link TimedHttpClient.FailedCall}:
 * {@code GET https://api.hubapi.com/... failed: no answer within 30000 ms ...}), so the incident in Cockpit says
 * which call failed and why. Connect wraps every such failure in "HTCL-02007 Unable to execute HTTP request"
 * (its connector catches whatever its interceptors throw), which names neither. Camunda's own command then
 * records the failure and retries the job as for any other.
 */
@Component
public class HttpCallFailures extends AbstractCamundaConfiguration {

  /** After init: Camunda's own factory is in place by then. */
  @Override
  public void postInit(SpringProcessEngineConfiguration configuration) {
    FailedJobCommandFactory camundas = configuration.getFailedJobCommandFactory();
    configuration.setFailedJobCommandFactory((jobId, failure) -> camundas.getCommand(jobId, named(failure)));
  }

  /** The named call inside Connect's wrapper, or the failure itself. */
  static Throwable named(Throwable failure) {
    return failure != null && failure.getCause() instanceof TimedHttpClient.FailedCall call ? call : failure;
  }
}
