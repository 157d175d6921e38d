package dev.baton.expansion;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.baton.crm.CrmProperties;
import java.math.BigDecimal;
import java.util.Map;
import org.camunda.bpm.engine.ProcessEngineException;
import org.springframework.stereotype.Component;

/**
 * "Create the deal in HubSpot" (Camunda Connect's http-connector in ExpansionOpportunity.bpmn): HubSpot's CRM v3
 * {@code POST /crm/v3/objects/deals} with the private app's token ({@code baton.crm.hubspot}), the deal named after
 * the account and the need, its amount the estimated value, in {@code baton.expansion.hubspot-deal-stage}. The
 * answer's id becomes {@code crmDealId}; an error answer fails the job (retried, then an incident naming it).
 */
@Component("hubSpotDeals")
public class HubSpotDeals {

  private static final int MAX_NAME = 200;

  private final CrmProperties crm;
  private final ExpansionProperties properties;
  private final ObjectMapper json;

  HubSpotDeals(CrmProperties crm, ExpansionProperties properties, ObjectMapper json) {
    this.crm = crm;
    this.properties = properties;
    this.json = json;
  }

  /** Whether Baton may create deals in HubSpot: its access token is configured. */
  public boolean enabled() {
    return crm.hubspot().apiEnabled();
  }

  public String url() {
    return crm.hubspot().apiBaseUrl().replaceAll("/+$", "") + "/crm/v3/objects/deals";
  }

  public Map<String, String> headers() {
    if (!enabled()) {
      throw new ProcessEngineException("baton.crm.hubspot.access-token is not set: configure the HubSpot private app's "
          + "access token (scope crm.objects.deals.write), then retry the incident");
    }
    return Map.of("Authorization", "Bearer " + crm.hubspot().accessToken(), "Content-Type", "application/json",
        "Accept", "application/json");
  }

  /** The new deal's properties as JSON (the connector's input: variables, as it sees no execution). */
  public String payload(String accountName, String need, Object estimatedValue) {
    String name = "Expansion: " + accountName + ": " + need.replaceAll("\\s+", " ");
    ObjectNode deal = json.createObjectNode();
    ObjectNode values = deal.putObject("properties");
    values.put("dealname", name.length() > MAX_NAME ? name.substring(0, MAX_NAME - 1) + "…" : name);
    values.put("dealstage", properties.hubspotDealStage());
    values.put("description", need);
    if (estimatedValue instanceof Number value) {
      values.put("amount", new BigDecimal(value.toString()).toPlainString());
    }
    return deal.toString();
  }

  /** The created deal's id from a 2xx answer; anything else fails the job, naming the status. */
  public String dealId(Integer statusCode, String response) {
    if (statusCode == null || statusCode / 100 != 2) {
      throw new ProcessEngineException("HubSpot refused to create the expansion deal: POST /crm/v3/objects/deals answered "
          + statusCode + (response == null ? "" : ": " + dev.baton.web.Excerpt.of(response, 300)));
    }
    try {
      String id = json.readTree(response).path("id").asText("");
      if (id.isBlank()) {
        throw new ProcessEngineException("HubSpot's answer to POST /crm/v3/objects/deals has no deal id");
      }
      return id;
    } catch (java.io.IOException e) {
      throw new ProcessEngineException("HubSpot's answer to POST /crm/v3/objects/deals is not JSON: " + e.getMessage());
    }
  }
}
