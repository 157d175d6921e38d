package dev.baton.engine;

import java.util.List;
import org.camunda.bpm.engine.spring.SpringProcessEngineConfiguration;
import org.camunda.bpm.spring.boot.starter.configuration.impl.AbstractCamundaConfiguration;
import org.springframework.stereotype.Component;

/** The engine plugin that applies every {@link UserTaskExtension} bean to each deployed user task. */
@Component
class UserTaskExtensionsPlugin extends AbstractCamundaConfiguration {

  private final List<UserTaskExtension> extensions;

  UserTaskExtensionsPlugin(List<UserTaskExtension> extensions) {
    this.extensions = List.copyOf(extensions);
  }

  @Override
  public void preInit(SpringProcessEngineConfiguration configuration) {
    configuration.setBpmnParseFactory(UserTaskParse.factory(extensions));
  }
}
