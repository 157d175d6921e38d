package dev.baton.identity;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * The roles of Baton's users, from configuration ({@code baton.roles}): the RACI roles of the customer journey,
 * and operator roles, which keep the engine running rather than work on tasks. Each role id is also the id of the
 * Camunda group whose members hold the role.
 */
@Validated
@ConfigurationProperties(prefix = "baton")
public record RoleCatalogue(@NotEmpty Map<String, @Valid Role> roles) {

  /**
   * A role: its display name; whether its members may watch processes in Cockpit; whether they retry failed jobs
   * in Cockpit, which makes it an operator role: no RACI role (no tasks, no Tasklist, no column of the chart).
   */
  public record Role(@NotBlank String name, boolean cockpit, boolean retryFailedJobs) {}

  public RoleCatalogue {
    // YAML order is the order of the RACI chart's columns; keep it.
    roles = roles == null ? Map.of() : new LinkedHashMap<>(roles);
  }

  /** Whether this is a RACI role. */
  public boolean contains(String roleId) {
    return ids().contains(roleId);
  }

  public String displayName(String roleId) {
    Role role = roles.get(roleId);
    return role == null ? roleId : role.name();
  }

  /** The RACI roles, in the chart's order. */
  public Set<String> ids() {
    Set<String> raci = new LinkedHashSet<>();
    roles.forEach((id, role) -> {
      if (!role.retryFailedJobs()) {
        raci.add(id);
      }
    });
    return raci;
  }

  /** The operator roles: members retry failed jobs in Cockpit. */
  public Set<String> operatorIds() {
    Set<String> operators = new LinkedHashSet<>(roles.keySet());
    operators.removeAll(ids());
    return operators;
  }
}
