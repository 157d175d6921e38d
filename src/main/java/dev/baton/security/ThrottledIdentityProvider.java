package dev.baton.security;

import jakarta.servlet.http.HttpServletRequest;
import org.camunda.bpm.engine.impl.identity.db.DbIdentityServiceProvider;
import org.camunda.bpm.engine.impl.interceptor.Session;
import org.camunda.bpm.engine.impl.interceptor.SessionFactory;
import org.camunda.bpm.engine.impl.persistence.entity.UserEntity;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * Camunda's user database, with Baton's password check. Camunda's own check counts wrong passwords in the
 * user's row and, after {@code loginMaxAttempts}, locks the user until an administrator unlocks them: anyone
 * could lock anyone out, the administrator included, for good. This check never reads or writes those
 * counters; it tells the {@link LoginThrottle} how each check of an HTTP request went (every password
 * check in Baton goes through here: Baton's API, Camunda's REST API, the webapps' login, and the REST
 * endpoints that verify a password), and refuses to check at all while the caller is throttled.
 */
class ThrottledIdentityProvider extends DbIdentityServiceProvider {

  private final LoginThrottle throttle;

  ThrottledIdentityProvider(LoginThrottle throttle) {
    this.throttle = throttle;
  }

  @Override
  public boolean checkPassword(String userId, String password) {
    String address = clientAddress();
    if (address != null && !throttle.retryAfter(userId, address).isZero()) {
      return false;
    }
    // A user id no user can have (control characters such as NUL, which PostgreSQL refuses in a query, or
    // absurd length) is a wrong login, answered without asking the database.
    UserEntity user = userId == null || !possibleUserId(userId) ? null : findUserById(userId);
    boolean right = user != null && password != null && matchPassword(password, user);
    if (address != null) {
      if (right) {
        throttle.succeeded(userId, address);
      } else {
        throttle.failed(userId, address);
      }
    }
    return right;
  }

  static boolean possibleUserId(String userId) {
    return userId.length() <= 255 && userId.codePoints().noneMatch(Character::isISOControl);
  }

  /** The address of the HTTP request this check serves, or null outside a request (start-up, jobs). */
  private static String clientAddress() {
    if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes) {
      HttpServletRequest request = attributes.getRequest();
      return request.getRemoteAddr();
    }
    return null;
  }

  /** Opens one provider per command, as Camunda's own factory does. */
  static final class Factory implements SessionFactory {
    private final LoginThrottle throttle;

    Factory(LoginThrottle throttle) {
      this.throttle = throttle;
    }

    @Override
    public Class<?> getSessionType() {
      return ThrottledIdentityProvider.class;
    }

    @Override
    public Session openSession() {
      return new ThrottledIdentityProvider(throttle);
    }
  }
}
