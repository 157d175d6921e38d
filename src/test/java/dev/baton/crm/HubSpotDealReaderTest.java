package dev.baton.crm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.baton.calendar.BusinessTime;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Reading HubSpot CRM v3 answers (every property a string; dates in three shapes). */
class HubSpotDealReaderTest {

  final ObjectMapper json = new ObjectMapper().registerModule(new JavaTimeModule());
  final HubSpotDealReader reader = new HubSpotDealReader(json, new BusinessTime(Clock.systemUTC()));
  final HubSpotApi api = new HubSpotApi(new CrmProperties(null,
      new CrmProperties.HubSpot(null, null, List.of("closedwon"), "https://api.example.test/", "t0k3n")), json);

  @Test
  void aTimestampIsTheDayItFallsOnInTheBusinessTimeZone() {
    HubSpotDealReader berlin = new HubSpotDealReader(json, new BusinessTime(Clock.system(ZoneId.of("Europe/Berlin"))));
    assertThat(berlin.date("2026-11-20T23:30:00.000Z")).isEqualTo(LocalDate.parse("2026-11-21"));
    assertThat(reader.date("2026-11-20T23:30:00.000Z")).isEqualTo(LocalDate.parse("2026-11-20"));
    assertThat(berlin.date("2026-11-20")).isEqualTo(LocalDate.parse("2026-11-20"));
  }

  @Test
  void readsTheDealWithItsCompanyContactsAndOwner() {
    HubSpotDeal deal = reader.read("42", """
        {"id":"42","properties":{"dealname":"Big one","amount":"1234.5","deal_currency_code":"EUR",
         "closedate":"2026-11-20T12:00:00.000Z","contract_start_date":"2026-12-01","contract_end_date":"1796083200000",
         "csm_email":"jane@example.com"}}""",
        """
        [{"id":"7","properties":{"name":"Acme","industry":"BANKING","numberofemployees":"1200","country":"France"}}]""",
        """
        [{"id":"1","properties":{"firstname":"Ann","lastname":"Buyer","email":"ann@acme.test","jobtitle":"COO"}},
         {"id":"2","properties":{"firstname":null,"lastname":"Solo","email":null}}]""",
        """
        {"id":"9","email":"sam@example.com","firstName":"Sam"}""");

    assertThat(deal.deal()).isEqualTo(new DealWon("hubspot", "42", "hubspot-company-7", "Acme", new BigDecimal("1234.5"),
        "EUR", LocalDate.parse("2026-11-20"), LocalDate.parse("2026-12-01"), LocalDate.parse("2026-12-01"), null,
        "sam@example.com", "jane@example.com",
        List.of(new DealWon.Contact("Ann Buyer", "ann@acme.test", "COO"), new DealWon.Contact("Solo", null, null))));
    assertThat(deal.company()).isEqualTo(new HubSpotDeal.Company("7", "Acme", null, "BANKING", 1200L, "France"));
    assertThat(deal.dealName()).isEqualTo("Big one");
  }

  @Test
  void aDealWithoutCompanyIsItsOwnAccountNamedAfterTheDeal() {
    HubSpotDeal deal = reader.read("43", "{\"id\":\"43\",\"properties\":{\"dealname\":\"Small\",\"amount\":\"\"}}",
        "[]", "[]", null);
    assertThat(deal.deal().accountId()).isEqualTo("hubspot-deal-43");
    assertThat(deal.deal().accountName()).isEqualTo("Small");
    assertThat(deal.deal().amount()).isNull();
    assertThat(deal.company()).isNull();
  }

  @Test
  void urlsHeadersAndAssociationIds() {
    assertThat(api.dealUrl("42")).isEqualTo("https://api.example.test/crm/v3/objects/deals/42?properties="
        + String.join(",", HubSpotApi.DEAL_PROPERTIES) + "&associations=companies,contacts");
    assertThat(api.ownerUrl("9")).isEqualTo("https://api.example.test/crm/v3/owners/9");
    assertThat(api.headers()).containsEntry("Authorization", "Bearer t0k3n");
    String deal = """
        {"properties":{"hubspot_owner_id":"9"},"associations":{"companies":{"results":[{"id":"7","type":"deal_to_company"},
        {"id":"7","type":"deal_to_company_unlabeled"}]}}}""";
    assertThat(api.companyIds(deal)).containsExactly("7");
    assertThat(api.contactIds(deal)).isEmpty();
    assertThat(api.ownerIds(deal)).containsExactly("9");
    assertThat(api.ownerIds("{\"properties\":{\"hubspot_owner_id\":null}}")).isEmpty();
  }

  @Test
  void anErrorStatusFailsNamingTheCallAndAMissingTokenNamesTheSetting() {
    assertThatThrownBy(() -> api.answer(404, "{\"message\":\"not found\"}", "deal", "42"))
        .isInstanceOf(HubSpotApiException.class).hasMessageContaining("HubSpot answered 404 to GET deal 42");
    assertThat(api.answer(200, "{\"id\":\"42\"}", "deal", "42").prop("id").stringValue()).isEqualTo("42");
    HubSpotApi unconfigured = new HubSpotApi(new CrmProperties(null, null), json);
    assertThatThrownBy(unconfigured::headers).hasMessageContaining("baton.crm.hubspot.access-token");
  }
}
