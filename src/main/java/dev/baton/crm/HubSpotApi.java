package dev.baton.crm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.camunda.spin.Spin;
import org.camunda.spin.json.SpinJsonNode;
import org.springframework.stereotype.Component;

/**
 * HubSpot's CRM v3 API for the Camunda Connect HTTP connector of SalesToCsHandoff.bpmn: the URLs and
 * headers of its calls ({@code ${hubSpotApi.dealUrl(dealId)}}, {@code ${hubSpotApi.headers()}}) and
 * the check of each answer. The connector does not fail on an error status by itself, so
 * {@link #answer} throws for anything but 2xx: the job fails, is retried with the engine's backoff,
 * then becomes an incident that an operator retries once HubSpot answers again.
 */
@Component("hubSpotApi")
public class HubSpotApi {

  /** Deal properties read; the last four are custom deal properties (docs/handoff.md says how to create them). */
  public static final List<String> DEAL_PROPERTIES = List.of("dealname", "amount", "deal_currency_code",
      "closedate", "hubspot_owner_id", "contract_start_date", "contract_end_date", "renewal_date", "csm_email");
  public static final List<String> COMPANY_PROPERTIES = List.of("name", "domain", "industry",
      "numberofemployees", "country");
  public static final List<String> CONTACT_PROPERTIES = List.of("firstname", "lastname", "email", "jobtitle");

  private final CrmProperties properties;
  private final ObjectMapper json;

  public HubSpotApi(CrmProperties properties, ObjectMapper json) {
    this.properties = properties;
    this.json = json;
  }

  /** {@code GET /crm/v3/objects/deals/{id}} with its properties and the ids of its companies and contacts. */
  public String dealUrl(String dealId) {
    return base() + "/crm/v3/objects/deals/" + encode(dealId) + "?properties=" + String.join(",", DEAL_PROPERTIES)
        + "&associations=companies,contacts";
  }

  public String companyUrl(String companyId) {
    return base() + "/crm/v3/objects/companies/" + encode(companyId) + "?properties="
        + String.join(",", COMPANY_PROPERTIES);
  }

  public String contactUrl(String contactId) {
    return base() + "/crm/v3/objects/contacts/" + encode(contactId) + "?properties="
        + String.join(",", CONTACT_PROPERTIES);
  }

  /** {@code GET /crm/v3/owners/{id}}: the deal owner (the sales rep) with the e-mail address. */
  public String ownerUrl(String ownerId) {
    return base() + "/crm/v3/owners/" + encode(ownerId);
  }

  /** The private app's token as a Bearer header, and JSON. */
  public Map<String, String> headers() {
    String token = properties.hubspot().accessToken();
    if (token == null || token.isBlank()) {
      throw new HubSpotApiException("baton.crm.hubspot.access-token is not set: configure the HubSpot private app's "
          + "access token (scope crm.objects.deals.read, crm.objects.companies.read, crm.objects.contacts.read, "
          + "crm.objects.owners.read), then retry the incident");
    }
    return Map.of("Authorization", "Bearer " + token, "Accept", "application/json");
  }

  /** The answer's JSON when the status is 2xx; otherwise fails the job, naming the call and the status. */
  public SpinJsonNode answer(Integer statusCode, String response, String what, String id) {
    check(statusCode, response, what, id);
    return Spin.JSON(response == null || response.isBlank() ? "{}" : response);
  }

  /** {@link #answer} appended to the JSON array collected so far (multi-instance fetches). */
  public SpinJsonNode collect(Object collected, Integer statusCode, String response, String what, String id) {
    check(statusCode, response, what, id);
    try {
      ArrayNode array = collected == null ? json.createArrayNode() : (ArrayNode) json.readTree(collected.toString());
      array.add(json.readTree(response));
      return Spin.JSON(json.writeValueAsString(array));
    } catch (Exception e) {
      throw new HubSpotApiException("HubSpot's answer to GET " + what + " " + id + " is not JSON: " + e.getMessage());
    }
  }

  /** An empty JSON array, the start of a {@link #collect} list. */
  public SpinJsonNode emptyList() {
    return Spin.JSON("[]");
  }

  /** Ids of the companies associated with the deal (none: the fetch is skipped). */
  public List<String> companyIds(Object deal) {
    return associated(deal, "companies");
  }

  public List<String> contactIds(Object deal) {
    return associated(deal, "contacts");
  }

  /** The deal owner's id, as a list of none or one (a deal without owner skips the fetch). */
  public List<String> ownerIds(Object deal) {
    JsonNode owner = tree(deal).path("properties").path("hubspot_owner_id");
    return owner.isNull() || owner.isMissingNode() || owner.asText().isBlank() ? List.of() : List.of(owner.asText());
  }

  private List<String> associated(Object deal, String type) {
    // HubSpot lists an object once per association type (e.g. primary and unlabeled): ids are deduplicated.
    Set<String> ids = new LinkedHashSet<>();
    tree(deal).path("associations").path(type).path("results").forEach(r -> ids.add(r.path("id").asText()));
    ids.remove("");
    return new ArrayList<>(ids);
  }

  private JsonNode tree(Object value) {
    if (value == null) {
      return json.missingNode();
    }
    try {
      return json.readTree(value.toString());
    } catch (Exception e) {
      throw new HubSpotApiException("Not JSON: " + e.getMessage());
    }
  }

  private static void check(Integer statusCode, String response, String what, String id) {
    if (statusCode == null || statusCode < 200 || statusCode > 299) {
      String body = response == null ? "" : response.length() > 300 ? response.substring(0, 300) + "..." : response;
      throw new HubSpotApiException("HubSpot answered " + statusCode + " to GET " + what + " " + id + ": " + body
          + (statusCode != null && (statusCode == 401 || statusCode == 403)
              ? " (check baton.crm.hubspot.access-token and the private app's scopes)" : "")
          + "; retried with backoff, then an incident to retry in Cockpit");
    }
  }

  private String base() {
    String base = properties.hubspot().apiBaseUrl();
    return base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
  }

  private static String encode(String id) {
    return URLEncoder.encode(id, StandardCharsets.UTF_8);
  }
}
