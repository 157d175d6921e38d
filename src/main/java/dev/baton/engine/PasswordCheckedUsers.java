package dev.baton.engine;

import org.camunda.bpm.engine.impl.identity.db.DbIdentityServiceProvider;
import org.camunda.bpm.engine.impl.interceptor.Session;
import org.camunda.bpm.engine.impl.interceptor.SessionFactory;
import org.camunda.bpm.engine.impl.persistence.entity.UserEntity;
import org.camunda.bpm.engine.spring.SpringProcessEngineConfiguration;

/**
 * Camunda's user database, with Baton's password check. Camunda's own check counts wrong passwords in the
 * user's row and, after {@code loginMaxAttempts}, locks the user until an administrator unlocks them: anyone
 * could lock anyone out, the administrator included, for good. This check never reads or writes those
 * counters; every password check (Baton's API, Camunda's REST API, the webapps' login, the REST endpoints
 * that verify a password) asks {@link PasswordAttempts} first and tells it the outcome.
 */
public final class PasswordCheckedUsers extends DbIdentityServiceProvider {

  private final PasswordAttempts attempts;

  private PasswordCheckedUsers(PasswordAttempts attempts) {
    this.attempts = attempts;
  }

  /** Puts this provider in place of Camunda's user database provider, one per command as Camunda's own. */
  public static void install(SpringProcessEngineConfiguration configuration, PasswordAttempts attempts) {
    configuration.setIdentityProviderSessionFactory(new SessionFactory() {
      @Override
      public Class<?> getSessionType() {
        return PasswordCheckedUsers.class;
      }

      @Override
      public Session openSession() {
        return new PasswordCheckedUsers(attempts);
      }
    });
  }

  @Override
  public boolean checkPassword(String userId, String password) {
    if (!attempts.mayCheck(userId)) {
      return false;
    }
    // A user id no user can have (control characters such as NUL, which PostgreSQL refuses in a query, or
    // absurd length) is a wrong login, answered without asking the database.
    UserEntity user = userId == null || !possibleUserId(userId) ? null : findUserById(userId);
    boolean right = user != null && password != null && matchPassword(password, user);
    attempts.checked(userId, right);
    return right;
  }

  static boolean possibleUserId(String userId) {
    return userId.length() <= 255 && userId.codePoints().noneMatch(Character::isISOControl);
  }
}
