package dev.baton.crm;

import com.fasterxml.jackson.databind.JsonNode;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.stereotype.Component;

/**
 * Where the handoff reads a deal from (the gateway after "Deal won in the CRM"). HubSpot's webhook names
 * only the deal, so its deals are read from HubSpot's API when the private app's token is set; without it
 * they go on as the webhook knows them (a deliberate, logged choice: an incident on every won deal would
 * say nothing more than "no token"). Salesforce's and
 * Pipedrive's own webhooks leave the account out of the deal when the CRM's API is configured ({@code
 * accountId} null): the handoff reads it from the API. The generic event always names its account (and may
 * not use those CRMs' names), so it is taken as sent.
 */
@Component("dealSource")
public class DealSource {

  private final CrmProperties crm;
  private final SalesforceProperties salesforce;
  private final PipedriveProperties pipedrive;

  public DealSource(CrmProperties crm, SalesforceProperties salesforce, PipedriveProperties pipedrive) {
    this.crm = crm;
    this.salesforce = salesforce;
    this.pipedrive = pipedrive;
  }

  public boolean hubspot(DelegateExecution execution) {
    return HubSpotDealReader.CRM.equals(execution.getVariable("crm")) && crm.hubspot().apiEnabled();
  }

  public boolean salesforce(DelegateExecution execution) {
    return SalesforceOutboundMessage.CRM.equals(execution.getVariable("crm")) && salesforce.apiEnabled()
        && namesNoAccount(execution);
  }

  public boolean pipedrive(DelegateExecution execution) {
    return PipedriveEvent.CRM.equals(execution.getVariable("crm")) && pipedrive.apiEnabled()
        && namesNoAccount(execution);
  }

  private static boolean namesNoAccount(DelegateExecution execution) {
    JsonNode accountId = CrmAnswers.tree(execution.getVariable("deal")).path("accountId");
    return accountId.isMissingNode() || accountId.isNull();
  }
}
