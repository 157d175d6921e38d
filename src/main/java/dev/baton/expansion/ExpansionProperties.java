package dev.baton.expansion;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Expansion opportunities ({@code baton.expansion}, docs/lifecycle.md#expansion-opportunities):
 * {@code qualify-days}, the business days Sales has to accept or reject a CSQL; {@code hubspot-deal-stage}, the
 * stage (of the default pipeline) of a deal Baton creates in HubSpot for an accepted one.
 */
@ConfigurationProperties("baton.expansion")
public record ExpansionProperties(Integer qualifyDays, String hubspotDealStage) {

  public ExpansionProperties {
    qualifyDays = qualifyDays == null ? 5 : qualifyDays;
    if (qualifyDays < 1 || qualifyDays > 60) {
      throw new IllegalArgumentException("baton.expansion.qualify-days: " + qualifyDays
          + " is not a number of business days between 1 and 60");
    }
    hubspotDealStage = hubspotDealStage == null || hubspotDealStage.isBlank() ? "appointmentscheduled" : hubspotDealStage;
  }
}
