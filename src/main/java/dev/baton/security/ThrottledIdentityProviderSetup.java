package dev.baton.security;

import org.camunda.bpm.engine.spring.SpringProcessEngineConfiguration;
import org.camunda.bpm.spring.boot.starter.configuration.impl.AbstractCamundaConfiguration;
import org.springframework.stereotype.Component;

/** Puts {@link ThrottledIdentityProvider} in place of Camunda's user database provider. */
@Component
class ThrottledIdentityProviderSetup extends AbstractCamundaConfiguration {

  private final LoginThrottle throttle;

  ThrottledIdentityProviderSetup(LoginThrottle throttle) {
    this.throttle = throttle;
  }

  @Override
  public void preInit(SpringProcessEngineConfiguration configuration) {
    configuration.setIdentityProviderSessionFactory(new ThrottledIdentityProvider.Factory(throttle));
  }
}
