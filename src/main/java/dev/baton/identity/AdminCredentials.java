package dev.baton.identity;

import jakarta.validation.constraints.NotBlank;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * The administrator Baton creates at start-up. Outside demo mode these come from ADMIN_USER and
 * ADMIN_PASSWORD, and the application refuses to start without them.
 */
@Validated
@ConfigurationProperties(prefix = "baton.admin")
public record AdminCredentials(
    @NotBlank(message = "is empty: set ADMIN_USER to the administrator's user id (required when demo mode is off)")
        String user,
    @NotBlank(message = "is empty: set ADMIN_PASSWORD to the administrator's password (required when demo mode is off)")
        String password) {}
