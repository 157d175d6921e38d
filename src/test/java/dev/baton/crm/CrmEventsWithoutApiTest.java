package dev.baton.crm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.calendar.AcceptedDates;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Without the CRM's API configured the handoff takes what the message or event says: the examples of
 * docs/examples become these deals (with the API, the account is left to the handoff's reads).
 */
class CrmEventsWithoutApiTest {

  static final AcceptedDates DATES = new AcceptedDates(null, null, null);

  @Test
  void theSalesforceExampleBecomesADealOfItsAccountNamedAfterTheOpportunity() throws Exception {
    byte[] message = Files.readAllBytes(Path.of("docs/examples/salesforce-outbound-message.xml"));

    SalesforceOutboundMessage read = SalesforceOutboundMessage.read(SafeXml.parse(message), List.of("Closed Won"), false, DATES);

    assertThat(read.organizationId()).isEqualTo("00D5g000004TestAAA");
    DealWon deal = read.notifications().get(0).deal();
    assertThat(deal.businessKey()).isEqualTo("salesforce:0065g00000XyZ12AAB");
    assertThat(deal.accountId()).isEqualTo("salesforce-account-0015g00000Acme1AAB");
    assertThat(deal.accountName()).isEqualTo("Acme Logistics - Platform");
    assertThat(deal.amount()).isEqualByComparingTo("48000");
    assertThat(deal.closeDate()).isEqualTo(LocalDate.parse("2026-11-20"));
    assertThat(SalesforceOutboundMessage.read(SafeXml.parse(message), List.of("Closed Won"), true, DATES)
        .notifications().get(0).deal().accountId()).isNull();
  }

  @Test
  void thePipedriveExampleBecomesADealOfItsOrganizationNamedAfterTheDeal() throws Exception {
    var event = new ObjectMapper().readTree(Files.readString(Path.of("docs/examples/pipedrive-deal-won.json"),
        StandardCharsets.UTF_8));

    DealWon deal = ((PipedriveEvent.Won) PipedriveEvent.classify(event, false, DATES)).deal();

    assertThat(deal.businessKey()).isEqualTo("pipedrive:4711");
    assertThat(deal.accountId()).isEqualTo("pipedrive-org-205");
    assertThat(deal.accountName()).isEqualTo("Acme Logistics - Platform");
    assertThat(deal.amount()).isEqualByComparingTo("48000");
    assertThat(deal.currency()).isEqualTo("EUR");
    assertThat(deal.closeDate()).isEqualTo(LocalDate.parse("2026-11-20"));
    assertThat(((PipedriveEvent.Won) PipedriveEvent.classify(event, true, DATES)).deal().accountId()).isNull();
  }

  @Test
  void withoutAnAccessTokenAHubSpotDealIsNotReadFromHubSpotAndTheLogNamesTheMissingSetting() {
    CrmProperties noToken = new CrmProperties(null,
        new CrmProperties.HubSpot("secret", null, List.of("closedwon"), "https://api.hubapi.com", " "));
    CrmNotRead notRead = new CrmNotRead(noToken,
        new SalesforceProperties("00D5g000004TestAAA", "t", List.of("Closed Won"), null, null, null, "v62.0"),
        new PipedriveProperties("u", "p", "https://api.pipedrive.com/api", null));

    assertThat(noToken.hubspot().apiEnabled()).isFalse();
    assertThat(notRead.readableCrm("hubspot")).contains("HubSpot");
    assertThat(notRead.reason("hubspot")).contains("no HubSpot access token is set", "HUBSPOT_ACCESS_TOKEN");
    assertThat(notRead.reason("pipedrive")).contains("PIPEDRIVE_API_TOKEN");
    assertThat(notRead.note("HubSpot")).contains("not read from HubSpot").doesNotContain("token", "baton.");
    assertThat(notRead.readableCrm("zoho")).isEmpty();
    assertThat(new CrmProperties.HubSpot(null, null, List.of("closedwon"), "https://api.hubapi.com", "t0k3n")
        .apiEnabled()).isTrue();
  }

  @Test
  void withoutTheirApiSettingsNeitherCrmIsReadBack() {
    assertThat(new SalesforceProperties("00D5g000004TestAAA", "t", List.of("Closed Won"), null, "id", "secret", "v62.0")
        .apiEnabled()).isFalse();
    assertThat(new PipedriveProperties("u", "p", "https://api.pipedrive.com/api", " ").apiEnabled()).isFalse();
  }
}
