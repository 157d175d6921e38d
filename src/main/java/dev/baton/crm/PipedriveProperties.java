package dev.baton.crm;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.StringUtils;

/**
 * Pipedrive settings ({@code baton.crm.pipedrive.*}). Pipedrive does not sign its webhooks: the HTTP
 * Basic credentials entered on the webhook are the proof.
 *
 * @param webhookUser the webhook's HTTP Auth username
 * @param webhookPassword the webhook's HTTP Auth password
 * @param apiBaseUrl the company's API, e.g. https://acme.pipedrive.com/api
 * @param apiToken a user's personal API token (header x-api-token); unset: the handoff uses the event's fields
 */
@ConfigurationProperties("baton.crm.pipedrive")
record PipedriveProperties(String webhookUser, String webhookPassword,
    @DefaultValue("https://api.pipedrive.com/api") String apiBaseUrl, String apiToken) {

  public boolean apiEnabled() {
    return StringUtils.hasText(apiToken);
  }
}
