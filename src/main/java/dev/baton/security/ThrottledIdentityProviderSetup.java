package dev.baton.security;

import dev.baton.engine.PasswordAttempts;
import dev.baton.engine.PasswordCheckedUsers;
import jakarta.servlet.http.HttpServletRequest;
import org.camunda.bpm.engine.spring.SpringProcessEngineConfiguration;
import org.camunda.bpm.spring.boot.starter.configuration.impl.AbstractCamundaConfiguration;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * Every password check Camunda makes goes through the {@link LoginThrottle}: refused while the caller is
 * throttled, and counted (engine.PasswordCheckedUsers, which never uses Camunda's per-user lock counters).
 */
@Component
class ThrottledIdentityProviderSetup extends AbstractCamundaConfiguration {

  private final LoginThrottle throttle;

  ThrottledIdentityProviderSetup(LoginThrottle throttle) {
    this.throttle = throttle;
  }

  @Override
  public void preInit(SpringProcessEngineConfiguration configuration) {
    PasswordCheckedUsers.install(configuration, new Throttled(throttle));
  }

  /** The throttle, keyed by the address of the HTTP request the check serves; outside a request, no limit. */
  private record Throttled(LoginThrottle throttle) implements PasswordAttempts {

    @Override
    public boolean mayCheck(String userId) {
      String address = clientAddress();
      return address == null || throttle.retryAfter(userId, address).isZero();
    }

    @Override
    public void checked(String userId, boolean right) {
      String address = clientAddress();
      if (address == null) {
        return;
      }
      if (right) {
        throttle.succeeded(userId, address);
      } else {
        throttle.failed(userId, address);
      }
    }

    /** The address of the HTTP request this check serves, or null outside a request (start-up, jobs). */
    private static String clientAddress() {
      if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes) {
        HttpServletRequest request = attributes.getRequest();
        return request.getRemoteAddr();
      }
      return null;
    }
  }
}
