package dev.baton.engine;

import org.camunda.bpm.engine.spring.SpringProcessEngineConfiguration;
import org.camunda.bpm.spring.boot.starter.configuration.impl.AbstractCamundaConfiguration;
import org.camunda.connect.Connectors;
import org.camunda.connect.httpclient.HttpConnector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Applies {@link TimedHttpClient}, Connect's configurator of the {@code http-connector} with Spring's properties,
 * before any model runs: the connector tasks look the connector up by id when they first execute.
 */
@Component
public class HttpConnectorTimeouts extends AbstractCamundaConfiguration {

  private static final Logger log = LoggerFactory.getLogger(HttpConnectorTimeouts.class);

  private final TimedHttpClient configurator;

  public HttpConnectorTimeouts(TimedHttpClient configurator) {
    this.configurator = configurator;
  }

  /** After every plugin's preInit: the Connect plugin (re)loads the connectors there, unconfigured. */
  @Override
  public void postInit(SpringProcessEngineConfiguration configuration) {
    HttpConnector connector = Connectors.getConnector(HttpConnector.ID);
    configurator.configure(connector);
    log.info("Camunda Connect {}: connect timeout {} ms, read timeout {} ms", HttpConnector.ID,
        configurator.connectMillis(), configurator.readMillis());
  }
}
