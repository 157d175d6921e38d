package dev.baton.crm;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.camunda.connect.Connectors;
import org.camunda.connect.httpclient.HttpConnector;
import org.camunda.connect.httpclient.HttpResponse;
import org.camunda.spin.json.SpinJsonNode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Salesforce's REST API for the connector tasks of SalesToCsHandoff.bpmn: URLs, headers and the check of
 * each answer. The access token comes from the connected app's OAuth 2.0 client credentials flow, fetched
 * through the same Camunda Connect HTTP connector (its timeouts) and kept in memory only, never in a
 * process variable, where Cockpit and the history would show it; a 401 drops it so the retry fetches anew.
 */
@Component("salesforceApi")
public class SalesforceApi {

  private static final Logger log = LoggerFactory.getLogger(SalesforceApi.class);
  private static final String SETTINGS = "baton.crm.salesforce.client-id, client-secret and the connected app's "
      + "run-as user";

  /** What the handoff reads of an Opportunity (CurrencyIsoCode exists in multi-currency orgs only). */
  static final List<String> OPPORTUNITY_FIELDS = List.of("Id", "Name", "AccountId", "OwnerId", "Amount",
      "CurrencyIsoCode", "CloseDate", "StageName", "IsWon");

  private final SalesforceProperties properties;
  private volatile Session session;

  public SalesforceApi(SalesforceProperties properties) {
    this.properties = properties;
  }

  /** An access token and the org's instance URL, as the token endpoint answered them. */
  record Session(String accessToken, String instanceUrl) {}

  public String opportunityUrl(String opportunityId) {
    return data() + "/sobjects/Opportunity/" + id(opportunityId);
  }

  public String accountUrl(String accountId) {
    return data() + "/sobjects/Account/" + id(accountId) + "?fields=Id,Name,Industry,NumberOfEmployees,BillingCountry";
  }

  public String ownerUrl(String userId) {
    return data() + "/sobjects/User/" + id(userId) + "?fields=Id,Name,Email";
  }

  /** The people on the Opportunity with their role, the primary contact first (SOQL). */
  public String contactRolesUrl(String opportunityId) {
    String soql = "SELECT Role, IsPrimary, Contact.Name, Contact.Email, Contact.Title FROM OpportunityContactRole "
        + "WHERE OpportunityId = '" + id(opportunityId) + "' ORDER BY IsPrimary DESC, CreatedDate ASC";
    return data() + "/query?q=" + URLEncoder.encode(soql, StandardCharsets.UTF_8).replace("+", "%20");
  }

  public Map<String, String> headers() {
    return Map.of("Authorization", "Bearer " + session().accessToken(), "Accept", "application/json");
  }

  /** The answer's JSON when 2xx; otherwise fails the job naming the call (a 401 also drops the token). */
  public SpinJsonNode answer(Integer statusCode, String response, String what, String id) {
    if (statusCode != null && statusCode == 401) {
      session = null;
    }
    return CrmAnswers.json("Salesforce", statusCode, response, what, id, SETTINGS);
  }

  /**
   * The Opportunity's answer, keeping only what the handoff reads: the record has every field the run-as
   * user may read (custom ones too), which would otherwise live on in the process variables and history.
   */
  public SpinJsonNode opportunity(Integer statusCode, String response, String id) {
    JsonNode all = CrmAnswers.tree(answer(statusCode, response, "Opportunity", id).toString());
    com.fasterxml.jackson.databind.node.ObjectNode kept = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance
        .objectNode();
    for (String field : OPPORTUNITY_FIELDS) {
      if (all.has(field)) {
        kept.set(field, all.get(field));
      }
    }
    return org.camunda.spin.Spin.JSON(kept.toString());
  }

  public List<String> accountIds(Object opportunity) {
    return CrmAnswers.noneOrOne(CrmAnswers.tree(opportunity).path("AccountId"));
  }

  public List<String> ownerIds(Object opportunity) {
    return CrmAnswers.noneOrOne(CrmAnswers.tree(opportunity).path("OwnerId"));
  }

  private String data() {
    String instance = session().instanceUrl();
    return (instance.endsWith("/") ? instance.substring(0, instance.length() - 1) : instance) + "/services/data/"
        + properties.apiVersion();
  }

  private Session session() {
    Session current = session;
    if (current == null) {
      synchronized (this) {
        current = session;
        if (current == null) {
          current = session = fetchToken();
        }
      }
    }
    return current;
  }

  private Session fetchToken() {
    if (!properties.apiEnabled()) {
      throw new CrmApiException("The Salesforce connected app is not configured: set baton.crm.salesforce.token-url, "
          + "client-id and client-secret, then retry the incident");
    }
    String form = "grant_type=client_credentials&client_id=" + form(properties.clientId()) + "&client_secret="
        + form(properties.clientSecret());
    HttpConnector http = Connectors.getConnector(HttpConnector.ID);
    HttpResponse response = http.createRequest().post().url(properties.tokenUrl())
        .contentType("application/x-www-form-urlencoded").header("Accept", "application/json").payload(form).execute();
    try {
      Integer status = response.getStatusCode();
      String body = response.getResponse();
      if (status == null || status < 200 || status > 299) {
        // Salesforce's error body names the problem (invalid_client, ...) and never echoes the secret.
        throw new CrmApiException("Salesforce's token endpoint " + properties.tokenUrl() + " answered " + status + ": "
            + (body == null ? "" : body.length() > 300 ? body.substring(0, 300) : body) + " (check " + SETTINGS
            + "; the connected app must enable the client credentials flow)");
      }
      JsonNode token = CrmAnswers.tree(body);
      String accessToken = CrmAnswers.text(token, "access_token");
      String instanceUrl = CrmAnswers.text(token, "instance_url");
      if (accessToken == null || instanceUrl == null) {
        throw new CrmApiException("Salesforce's token endpoint answered without access_token or instance_url");
      }
      log.info("Salesforce: access token fetched for {}", instanceUrl);
      return new Session(accessToken, instanceUrl);
    } finally {
      response.close();
    }
  }

  /** Ids go into paths and SOQL: only Salesforce's id characters pass. */
  private static String id(String id) {
    if (id == null || !SalesforceOutboundMessage.SALESFORCE_ID.matcher(id).matches()) {
      throw new CrmApiException("'" + id + "' is not a Salesforce id");
    }
    return id;
  }

  private static String form(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }
}
