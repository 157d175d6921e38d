package dev.baton.crm;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * CRM settings ({@code baton.crm.*}): the generic webhook's secret and HubSpot's app settings.
 *
 * @param webhookSecret HMAC key of {@code POST /api/webhooks/crm} (header Baton-Signature)
 * @param hubspot HubSpot: webhook signature and CRM v3 API
 */
@ConfigurationProperties("baton.crm")
public record CrmProperties(String webhookSecret, HubSpot hubspot) {

  public CrmProperties {
    hubspot = hubspot == null ? new HubSpot(null, null, List.of("closedwon"), "https://api.hubapi.com", null) : hubspot;
  }

  /**
   * @param clientSecret the HubSpot app's client secret (key of X-HubSpot-Signature-v3)
   * @param webhookUrl the public URL HubSpot calls, exactly as configured in the app (part of the signature)
   * @param wonStages dealstage values that mean "won"
   * @param apiBaseUrl HubSpot's API, e.g. https://api.hubapi.com (a WireMock URL in tests)
   * @param accessToken the private app's access token (Bearer) for the CRM v3 API
   */
  public record HubSpot(String clientSecret, String webhookUrl, @DefaultValue("closedwon") List<String> wonStages,
      @DefaultValue("https://api.hubapi.com") String apiBaseUrl, String accessToken) {

    /** The private app's token is set: the handoff reads the deal from HubSpot's API. */
    public boolean apiEnabled() {
      return accessToken != null && !accessToken.isBlank();
    }
  }
}
