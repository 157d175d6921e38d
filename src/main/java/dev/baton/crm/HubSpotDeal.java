package dev.baton.crm;

/**
 * A HubSpot deal as the handoff needs it, read from the CRM v3 API's answers by {@link HubSpotDealReader}.
 *
 * @param deal the deal in the CRM-neutral shape of the generic webhook (account = the deal's company)
 * @param dealName HubSpot's dealname
 * @param company the deal's (first) company, or null when none is associated
 */
public record HubSpotDeal(DealWon deal, String dealName, Company company) {

  /** A company record: what segmentation reads (industry, size, country). */
  public record Company(String id, String name, String domain, String industry, Long employees, String country) {}
}
