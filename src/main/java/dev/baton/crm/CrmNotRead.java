package dev.baton.crm;

import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * A won deal of a CRM whose API Baton can read (HubSpot, Salesforce, Pipedrive) that reached "Read the
 * deal data" without being read from it. Without the API's settings the handoff goes on with what the
 * webhook said instead of failing into an incident, so whoever fills the checklist must be told that the
 * CRM's data is not in it ({@link #note}), and whoever runs Baton which setting is missing ({@link #reason}).
 */
@Component
public class CrmNotRead {

  private final CrmProperties crm;
  private final SalesforceProperties salesforce;
  private final PipedriveProperties pipedrive;

  public CrmNotRead(CrmProperties crm, SalesforceProperties salesforce, PipedriveProperties pipedrive) {
    this.crm = crm;
    this.salesforce = salesforce;
    this.pipedrive = pipedrive;
  }

  /** The CRM's name as staff know it, when Baton can read deals from its API; empty for any other CRM. */
  public Optional<String> readableCrm(String crmId) {
    return Optional.ofNullable(switch (crmId == null ? "" : crmId) {
      case HubSpotDealReader.CRM -> "HubSpot";
      case SalesforceOutboundMessage.CRM -> "Salesforce";
      case PipedriveEvent.CRM -> "Pipedrive";
      default -> null;
    });
  }

  /** For the log: the setting that is missing (or, when it is set now, that the deal came in before it was). */
  public String reason(String crmId) {
    return switch (crmId == null ? "" : crmId) {
      case HubSpotDealReader.CRM -> crm.hubspot().apiEnabled() ? configuredLater("HubSpot")
          : "no HubSpot access token is set (baton.crm.hubspot.access-token, HUBSPOT_ACCESS_TOKEN)";
      case SalesforceOutboundMessage.CRM -> salesforce.apiEnabled() ? configuredLater("Salesforce")
          : "no Salesforce connected app is set (baton.crm.salesforce.token-url, client-id, client-secret)";
      case PipedriveEvent.CRM -> pipedrive.apiEnabled() ? configuredLater("Pipedrive")
          : "no Pipedrive API token is set (baton.crm.pipedrive.api-token, PIPEDRIVE_API_TOKEN)";
      default -> "Baton does not read deals from " + crmId;
    };
  }

  /** What the checklist shows the sales rep: business words, no settings. */
  public String note(String crmName) {
    return "This deal was not read from " + crmName + ": only what " + crmName + "'s won-deal message says is filled "
        + "in below. Take what is missing (customer, contract, contacts) from the deal in " + crmName + ".";
  }

  private static String configuredLater(String crmName) {
    return "the deal came in before " + crmName + "'s API was configured";
  }
}
