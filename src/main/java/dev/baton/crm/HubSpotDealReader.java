package dev.baton.crm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.baton.calendar.BusinessTime;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * Reads the answers of HubSpot's CRM v3 API (deal, companies, contacts, owner; see {@link HubSpotApi})
 * into a {@link HubSpotDeal}. HubSpot sends every property as a string; dates are ISO dates
 * ({@code 2026-11-20}), ISO timestamps ({@code 2026-11-20T10:15:00.000Z}) or epoch milliseconds.
 */
@Component
public class HubSpotDealReader {

  public static final String CRM = "hubspot";

  private final ObjectMapper json;
  private final ZoneId zone;

  public HubSpotDealReader(ObjectMapper json, BusinessTime time) {
    this.json = json;
    this.zone = time.zone();
  }

  /** Arguments are the JSON texts of the answers (companies and contacts: arrays of records; owner may be null). */
  public HubSpotDeal read(String dealId, String deal, String companies, String contacts, String owner) {
    JsonNode dealNode = tree(deal);
    JsonNode props = dealNode.path("properties");
    JsonNode companyNode = tree(companies).path(0);
    HubSpotDeal.Company company = companyNode.isMissingNode() ? null : company(companyNode);

    List<DealWon.Contact> people = new ArrayList<>();
    for (JsonNode contact : tree(contacts)) {
      JsonNode p = contact.path("properties");
      String name = (text(p, "firstname") == null ? "" : text(p, "firstname")) + " "
          + (text(p, "lastname") == null ? "" : text(p, "lastname"));
      people.add(new DealWon.Contact(name.isBlank() ? null : name.trim(), text(p, "email"), text(p, "jobtitle")));
    }

    String accountId = company != null ? "hubspot-company-" + company.id() : "hubspot-deal-" + dealId;
    String accountName = company != null && company.name() != null ? company.name() : text(props, "dealname");
    DealWon won = new DealWon(CRM, dealId, accountId, accountName, decimal(text(props, "amount")),
        text(props, "deal_currency_code"), date(text(props, "closedate")), date(text(props, "contract_start_date")),
        date(text(props, "contract_end_date")), date(text(props, "renewal_date")),
        owner == null ? null : text(tree(owner), "email"), text(props, "csm_email"), people);
    return new HubSpotDeal(won, text(props, "dealname"), company);
  }

  private static HubSpotDeal.Company company(JsonNode node) {
    JsonNode p = node.path("properties");
    String employees = text(p, "numberofemployees");
    Long count = null;
    if (employees != null) {
      try {
        count = new BigDecimal(employees).longValue();
      } catch (NumberFormatException notANumber) {
        count = null;
      }
    }
    return new HubSpotDeal.Company(node.path("id").asText(), text(p, "name"), text(p, "domain"), text(p, "industry"),
        count, text(p, "country"));
  }

  /** An ISO date, an ISO timestamp or epoch milliseconds (their day in the business time zone); null if blank. */
  LocalDate date(String value) {
    if (value == null || value.isBlank()) {
      return null;
    }
    if (value.matches("\\d{4}-\\d{2}-\\d{2}")) {
      return LocalDate.parse(value);
    }
    if (value.matches("\\d+")) {
      return Instant.ofEpochMilli(Long.parseLong(value)).atZone(zone).toLocalDate();
    }
    return OffsetDateTime.parse(value).atZoneSameInstant(zone).toLocalDate();
  }

  private static BigDecimal decimal(String value) {
    try {
      return value == null || value.isBlank() ? null : new BigDecimal(value.trim());
    } catch (NumberFormatException notANumber) {
      return null;
    }
  }

  private static String text(JsonNode node, String field) {
    JsonNode value = node.path(field);
    return value.isMissingNode() || value.isNull() || value.asText().isBlank() ? null : value.asText();
  }

  private JsonNode tree(String text) {
    if (text == null || text.isBlank()) {
      return json.missingNode();
    }
    try {
      return json.readTree(text);
    } catch (Exception e) {
      throw new HubSpotApiException("HubSpot's answer is not JSON: " + e.getMessage());
    }
  }
}
