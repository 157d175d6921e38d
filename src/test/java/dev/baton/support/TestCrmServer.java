package dev.baton.support;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import java.util.List;
import java.util.stream.Collectors;

/**
 * HubSpot's CRM v3 API for tests: WireMock on a free port ({@link TestPorts#CRM}), where the test profile points
 * {@code baton.crm.hubspot.api-base-url} (token {@link #TOKEN}). Use as
 * {@code @RegisterExtension static WireMockExtension crm = TestCrmServer.create();}, then stub the records.
 * The test profile points Salesforce's token URL and Pipedrive's API base URL at the same port.
 */
public final class TestCrmServer {

  public static final int PORT = TestPorts.CRM;
  public static final String TOKEN = "test-hubspot-token";

  private TestCrmServer() {}

  public static WireMockExtension create() {
    return WireMockExtension.newInstance().options(wireMockConfig().port(PORT)).build();
  }

  /** A deal with its properties (JSON object body, e.g. {@code "amount": "30000"}) and associations. */
  public static void deal(WireMockExtension crm, String dealId, String properties, List<String> companyIds,
      List<String> contactIds) {
    String associations = "{\"companies\":{\"results\":[" + results(companyIds, "deal_to_company") + "]},"
        + "\"contacts\":{\"results\":[" + results(contactIds, "deal_to_contact") + "]}}";
    ok(crm, "/crm/v3/objects/deals/" + dealId, "{\"id\":\"" + dealId + "\",\"properties\":{" + properties + "},"
        + "\"createdAt\":\"2026-10-01T09:00:00.000Z\",\"archived\":false,\"associations\":" + associations + "}");
  }

  public static void company(WireMockExtension crm, String companyId, String properties) {
    ok(crm, "/crm/v3/objects/companies/" + companyId,
        "{\"id\":\"" + companyId + "\",\"properties\":{" + properties + "},\"archived\":false}");
  }

  public static void contact(WireMockExtension crm, String contactId, String firstName, String lastName, String email,
      String jobTitle) {
    ok(crm, "/crm/v3/objects/contacts/" + contactId, "{\"id\":\"" + contactId + "\",\"properties\":{"
        + "\"firstname\":\"" + firstName + "\",\"lastname\":\"" + lastName + "\",\"email\":\"" + email + "\","
        + "\"jobtitle\":\"" + jobTitle + "\",\"hs_object_id\":\"" + contactId + "\"},\"archived\":false}");
  }

  public static void owner(WireMockExtension crm, String ownerId, String email) {
    ok(crm, "/crm/v3/owners/" + ownerId, "{\"id\":\"" + ownerId + "\",\"email\":\"" + email + "\","
        + "\"firstName\":\"Sam\",\"lastName\":\"Seller\",\"userId\":9,\"archived\":false}");
  }

  /** Any path answered with this status (e.g. 500) and a HubSpot-style error body. */
  public static void failing(WireMockExtension crm, String path, int status) {
    crm.stubFor(get(urlPathEqualTo(path)).willReturn(aResponse().withStatus(status)
        .withHeader("Content-Type", "application/json")
        .withBody("{\"status\":\"error\",\"message\":\"internal error\",\"category\":\"INTERNAL_ERROR\"}")));
  }

  private static void ok(WireMockExtension crm, String path, String body) {
    crm.stubFor(get(urlPathEqualTo(path)).withHeader("Authorization", equalTo("Bearer " + TOKEN))
        .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody(body)));
  }

  private static String results(List<String> ids, String type) {
    return ids.stream().map(id -> "{\"id\":\"" + id + "\",\"type\":\"" + type + "\"}").collect(Collectors.joining(","));
  }
}
