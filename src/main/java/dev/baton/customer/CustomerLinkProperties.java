package dev.baton.customer;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * The key of the hashes Baton keeps of the links in customer mails ({@code baton.customer-links.secret},
 * from CUSTOMER_LINK_SECRET outside demo mode). Every node of a cluster needs the same one; changing it
 * invalidates the links already sent.
 */
@Validated
@ConfigurationProperties("baton.customer-links")
public record CustomerLinkProperties(
    @NotBlank(message = "is empty: set CUSTOMER_LINK_SECRET to a random string of at least 32 characters "
        + "(it protects the links in customer mails; required when demo mode is off)")
    @Size(min = 32, message = "is too short: CUSTOMER_LINK_SECRET needs at least 32 characters")
    String secret) {}
