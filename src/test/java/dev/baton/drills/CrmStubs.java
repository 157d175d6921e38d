package dev.baton.drills;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import java.time.Duration;

/**
 * HubSpot's CRM v3 API (WireMock, see TestCrmServer) answering for one won deal: the deal, its company,
 * two contacts and its owner (the demo sales rep), each answer after a fixed delay; and the deal's call
 * replaced by a failure (fault or delay) until that stub is removed.
 */
final class CrmStubs {

  private CrmStubs() {}

  /** The deal path, as the handoff's first fetch calls it. */
  static String dealPath(String dealId) {
    return "/crm/v3/objects/deals/" + dealId;
  }

  /** Every call of this deal's enrichment answered 200 after {@code delay}. */
  static void wonDeal(WireMockExtension crm, String dealId, Duration delay) {
    String company = "7" + dealId;
    answer(crm, dealPath(dealId), delay, "{\"id\":\"" + dealId + "\",\"properties\":{\"dealname\":\"Drill platform\","
        + "\"amount\":\"30000\",\"deal_currency_code\":\"USD\",\"closedate\":\"2026-11-20T15:30:00.000Z\","
        + "\"dealstage\":\"closedwon\",\"hubspot_owner_id\":\"9" + dealId + "\",\"csm_email\":\"csm-demo@example.com\"},"
        + "\"archived\":false,\"associations\":{\"companies\":{\"results\":[{\"id\":\"" + company
        + "\",\"type\":\"deal_to_company\"}]},\"contacts\":{\"results\":[{\"id\":\"5" + dealId
        + "\",\"type\":\"deal_to_contact\"},{\"id\":\"6" + dealId + "\",\"type\":\"deal_to_contact\"}]}}}");
    answer(crm, "/crm/v3/objects/companies/" + company, delay, "{\"id\":\"" + company + "\",\"properties\":{"
        + "\"name\":\"Drill Co " + dealId + "\",\"industry\":\"COMPUTER_SOFTWARE\",\"numberofemployees\":\"80\","
        + "\"country\":\"Germany\"},\"archived\":false}");
    for (String contact : new String[] {"5" + dealId, "6" + dealId}) {
      answer(crm, "/crm/v3/objects/contacts/" + contact, delay, "{\"id\":\"" + contact + "\",\"properties\":{"
          + "\"firstname\":\"Cora\",\"lastname\":\"Contact\",\"email\":\"c" + contact + "@drill.test\","
          + "\"jobtitle\":\"COO\"},\"archived\":false}");
    }
    answer(crm, "/crm/v3/owners/9" + dealId, delay, "{\"id\":\"9" + dealId + "\",\"email\":\"sales-rep-demo@example.com\","
        + "\"firstName\":\"Sam\",\"lastName\":\"Seller\",\"archived\":false}");
  }

  /** The deal's call fails this way (takes precedence over its answer) until the returned stub is removed. */
  static StubMapping failDeal(WireMockExtension crm, String dealId, ResponseDefinitionBuilder failure) {
    return crm.stubFor(get(urlPathEqualTo(dealPath(dealId))).atPriority(1).willReturn(failure));
  }

  private static void answer(WireMockExtension crm, String path, Duration delay, String body) {
    crm.stubFor(get(urlPathEqualTo(path)).atPriority(5).willReturn(aResponse().withStatus(200)
        .withHeader("Content-Type", "application/json").withBody(body).withFixedDelay((int) delay.toMillis())));
  }
}
