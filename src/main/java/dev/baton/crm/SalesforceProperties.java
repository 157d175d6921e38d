package dev.baton.crm;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.StringUtils;

/**
 * Salesforce settings ({@code baton.crm.salesforce.*}): who may send outbound messages, and the
 * connected app the handoff reads Opportunities with.
 *
 * @param organizationId the org whose outbound messages are accepted (15 or 18 characters)
 * @param webhookToken the secret in the outbound message's endpoint URL ({@code /api/webhooks/salesforce/<token>})
 * @param wonStages StageName values that mean won, when the message has no IsWon field
 * @param tokenUrl OAuth 2.0 token endpoint of the org's My Domain, e.g. https://acme.my.salesforce.com/services/oauth2/token
 * @param clientId the connected app's consumer key (client credentials flow)
 * @param clientSecret the connected app's consumer secret
 * @param apiVersion REST API version, e.g. v62.0
 */
@ConfigurationProperties("baton.crm.salesforce")
record SalesforceProperties(String organizationId, String webhookToken,
    @DefaultValue("Closed Won") List<String> wonStages, String tokenUrl, String clientId, String clientSecret,
    @DefaultValue("v62.0") String apiVersion) {

  /** The connected app is configured: the handoff reads the Opportunity from Salesforce's REST API. */
  public boolean apiEnabled() {
    return StringUtils.hasText(tokenUrl) && StringUtils.hasText(clientId) && StringUtils.hasText(clientSecret);
  }
}
