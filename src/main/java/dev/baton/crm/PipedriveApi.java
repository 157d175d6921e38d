package dev.baton.crm;

import java.util.List;
import java.util.Map;
import org.camunda.spin.json.SpinJsonNode;
import org.springframework.stereotype.Component;

/**
 * Pipedrive's API for the connector tasks of SalesToCsHandoff.bpmn: the deal, its organization and person
 * (API v2) and its owner (users are API v1), authenticated with the API token in the {@code x-api-token}
 * header (not the URL, which job failures and logs show).
 */
@Component("pipedriveApi")
public class PipedriveApi {

  private static final String SETTINGS = "baton.crm.pipedrive.api-token";

  private final PipedriveProperties properties;

  public PipedriveApi(PipedriveProperties properties) {
    this.properties = properties;
  }

  public String dealUrl(String dealId) {
    return base() + "/v2/deals/" + id(dealId);
  }

  public String organizationUrl(String organizationId) {
    return base() + "/v2/organizations/" + id(organizationId);
  }

  public String personUrl(String personId) {
    return base() + "/v2/persons/" + id(personId);
  }

  public String ownerUrl(String userId) {
    return base() + "/v1/users/" + id(userId);
  }

  public Map<String, String> headers() {
    if (!properties.apiEnabled()) {
      throw new CrmApiException("baton.crm.pipedrive.api-token is not set: configure a Pipedrive API token, then "
          + "retry the incident");
    }
    return Map.of("x-api-token", properties.apiToken(), "Accept", "application/json");
  }

  /** Pipedrive wraps every record in {@code {"success": true, "data": {...}}}: the answer's {@code data}. */
  public SpinJsonNode answer(Integer statusCode, String response, String what, String id) {
    SpinJsonNode answer = CrmAnswers.json("Pipedrive", statusCode, response, what, id, SETTINGS);
    return answer.hasProp("data") ? answer.prop("data") : answer;
  }

  public List<String> organizationIds(Object deal) {
    return CrmAnswers.noneOrOne(CrmAnswers.tree(deal).path("org_id"));
  }

  public List<String> personIds(Object deal) {
    return CrmAnswers.noneOrOne(CrmAnswers.tree(deal).path("person_id"));
  }

  public List<String> ownerIds(Object deal) {
    return CrmAnswers.noneOrOne(CrmAnswers.tree(deal).path("owner_id"));
  }

  private String base() {
    String base = properties.apiBaseUrl();
    return base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
  }

  private static String id(String id) {
    if (id == null || !id.matches("[1-9][0-9]{0,18}")) {
      throw new CrmApiException("'" + id + "' is not a Pipedrive id");
    }
    return id;
  }
}
