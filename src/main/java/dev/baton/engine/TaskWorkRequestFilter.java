package dev.baton.engine;

import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.FeatureContext;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.rest.util.EngineUtil;
import org.glassfish.jersey.internal.spi.ForcedAutoDiscoverable;

/**
 * Camunda's REST resources for comments and attachments turn every engine error into a 400 ("not enough
 * parameters") or a 404 ("no attachment exists"), the refusal of {@link TaskWork} too. So before they run
 * this asks the engine the same question, and its refusal reaches the caller as Camunda's own 403
 * AuthorizationException. Jersey applies it to every JAX-RS application (see {@link Registration}):
 * {@code /engine-rest} and the webapps' {@code /camunda/api/engine}, which Tasklist calls.
 */
public class TaskWorkRequestFilter implements ContainerRequestFilter {

  // Relative to the application: task/{id}/... on /engine-rest, engine/{name}/task/{id}/... on both.
  private static final Pattern WRITES_ON_TASK = Pattern.compile(
      "/?(?:engine/([^/]+)/)?task/([^/]+)/(comment/create|attachment/create|attachment/[^/]+)/?");

  @Override
  public void filter(ContainerRequestContext request) {
    Matcher path = WRITES_ON_TASK.matcher(request.getUriInfo().getPath());
    if (!path.matches()) {
      return;
    }
    boolean create = path.group(3).endsWith("/create") && HttpMethod.POST.equals(request.getMethod());
    boolean delete = !path.group(3).endsWith("/create") && HttpMethod.DELETE.equals(request.getMethod());
    if (create || delete) {
      ProcessEngine engine = EngineUtil.lookupProcessEngine(path.group(1));
      if (engine != null && engine.getTaskService() instanceof GuardedTaskService tasks) {
        tasks.requireWork(path.group(2));
      }
    }
  }

  /** Registers the filter in every Jersey application, through Jersey's service-loader hook. */
  public static class Registration implements ForcedAutoDiscoverable {
    @Override
    public void configure(FeatureContext context) {
      if (!context.getConfiguration().isRegistered(TaskWorkRequestFilter.class)) {
        context.register(TaskWorkRequestFilter.class);
      }
    }
  }
}
