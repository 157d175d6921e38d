package dev.baton.engine;

import java.util.function.Supplier;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;

/**
 * Runs engine calls that Baton makes on its own behalf (starting a mail delivery, looking up a role's
 * members) without the authorization checks of whoever happens to be logged in: a sales rep completing
 * a task in Tasklist may not start processes herself, but completing it must still send its mails.
 */
public final class WithoutAuthorization {

  private WithoutAuthorization() {}

  public static <T> T call(Supplier<T> work) {
    CommandContext context = Context.getCommandContext();
    if (context == null) {
      return work.get();
    }
    return context.runWithoutAuthorization(work::get);
  }

  public static void run(Runnable work) {
    call(() -> {
      work.run();
      return null;
    });
  }
}
