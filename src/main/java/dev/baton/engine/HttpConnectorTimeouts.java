package dev.baton.engine;

import org.camunda.bpm.engine.spring.SpringProcessEngineConfiguration;
import org.camunda.bpm.spring.boot.starter.configuration.impl.AbstractCamundaConfiguration;
import org.camunda.connect.Connectors;
import org.camunda.connect.httpclient.HttpConnector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Puts {@link TimedHttpConnector} in place of Camunda Connect's {@code http-connector}, with the timeouts
 * of {@link HttpConnectorProperties}, before any model runs: the connector tasks look it up by id when
 * they first execute.
 */
@Component
public class HttpConnectorTimeouts extends AbstractCamundaConfiguration {

  private static final Logger log = LoggerFactory.getLogger(HttpConnectorTimeouts.class);

  private final HttpConnectorProperties properties;

  public HttpConnectorTimeouts(HttpConnectorProperties properties) {
    this.properties = properties;
  }

  /** After every plugin's preInit: the Connect plugin (re)loads the connectors there. */
  @Override
  public void postInit(SpringProcessEngineConfiguration configuration) {
    TimedHttpConnector connector = new TimedHttpConnector(properties);
    Registry.replace(HttpConnector.ID, connector);
    log.info("Camunda Connect {}: connect timeout {} ms, read timeout {} ms", HttpConnector.ID,
        connector.connectMillis(), connector.readMillis());
  }

  /** Connect offers replacing a connector to its subclasses only. */
  private static final class Registry extends Connectors {
    static void replace(String id, TimedHttpConnector connector) {
      registerConnector(id, connector);
    }
  }
}
