package dev.baton.engine;

import java.util.Optional;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;

/**
 * The person a command runs for, when Camunda's authorization checks hold them: nobody when Baton works on
 * its own behalf (no user, or {@link WithoutAuthorization}), and nobody for an administrator, who holds
 * every permission anyway. Baton's own checks apply exactly where Camunda's do.
 */
final class CheckedUser {

  private CheckedUser() {}

  static Optional<Authentication> of(CommandContext context) {
    Authentication authentication = context.getAuthentication();
    if (authentication == null || authentication.getUserId() == null
        || !context.getProcessEngineConfiguration().isAuthorizationEnabled()
        || !context.isAuthorizationCheckEnabled()
        || context.getAuthorizationManager().isCamundaAdmin(authentication)) {
      return Optional.empty();
    }
    return Optional.of(authentication);
  }
}
