package dev.baton.raci;

import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code baton.raci}: the due date of user tasks whose model sets no {@code camunda:dueDate}, as an
 * ISO-8601 duration from the task's creation ({@code P2D}, {@code PT4H}), by the task's responsible role.
 */
@ConfigurationProperties(prefix = "baton.raci")
public record RaciSettings(@DefaultValue("P2D") String defaultDue, Map<String, String> dueByRole) {

  public RaciSettings {
    dueByRole = dueByRole == null ? Map.of() : Map.copyOf(dueByRole);
  }

  /** The default due duration for a task that this role is responsible for. */
  public String dueFor(String responsibleRole) {
    return dueByRole.getOrDefault(responsibleRole, defaultDue);
  }
}
