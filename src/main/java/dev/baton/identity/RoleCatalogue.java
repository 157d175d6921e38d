package dev.baton.identity;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * The RACI roles of the customer journey, from configuration ({@code baton.roles}). Each role id is
 * also the id of the Camunda group whose members hold the role.
 */
@Validated
@ConfigurationProperties(prefix = "baton")
public record RoleCatalogue(@NotEmpty Map<String, @Valid Role> roles) {

  /** A role: its display name, and whether its members may watch processes in Cockpit. */
  public record Role(@NotBlank String name, boolean cockpit) {}

  public RoleCatalogue {
    // YAML order is the order of the RACI chart's columns; keep it.
    roles = roles == null ? Map.of() : new LinkedHashMap<>(roles);
  }

  public boolean contains(String roleId) {
    return roles.containsKey(roleId);
  }

  public String displayName(String roleId) {
    Role role = roles.get(roleId);
    return role == null ? roleId : role.name();
  }

  public Set<String> ids() {
    return roles.keySet();
  }
}
