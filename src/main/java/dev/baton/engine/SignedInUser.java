package dev.baton.engine;

import java.util.Optional;
import org.camunda.bpm.engine.impl.context.Context;

/** The user the running engine command is for (Tasklist's signed-in user), if any. */
public final class SignedInUser {

  private SignedInUser() {}

  public static Optional<String> id() {
    return Context.getCommandContext() == null ? Optional.empty()
        : Optional.ofNullable(Context.getCommandContext().getAuthenticatedUserId());
  }
}
