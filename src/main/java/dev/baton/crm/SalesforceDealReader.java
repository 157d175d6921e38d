package dev.baton.crm;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Reads Salesforce's REST answers (Opportunity, Account, OpportunityContactRole query, owner; see
 * {@link SalesforceApi}) over what the outbound message said, into the deal-won facts of the handoff.
 */
@Component
public class SalesforceDealReader {

  /** Salesforce's standard Industry picklist values that segmentation (HubSpot's codes) treats as regulated. */
  static final Map<String, String> INDUSTRIES = Map.of("Banking", "BANKING", "Finance", "FINANCIAL_SERVICES",
      "Insurance", "INSURANCE", "Healthcare", "HOSPITAL_HEALTH_CARE", "Government", "GOVERNMENT_ADMINISTRATION",
      "Biotechnology", "PHARMACEUTICALS");

  /** Arguments are the JSON texts of the answers; account and owner may be null (none on the Opportunity). */
  public HubSpotDeal read(DealWon message, String opportunity, String account, String contactRoles, String owner) {
    JsonNode opp = CrmAnswers.tree(opportunity);
    JsonNode acc = CrmAnswers.tree(account);
    HubSpotDeal.Company company = acc.isMissingNode() || acc.isNull() ? null : new HubSpotDeal.Company(
        CrmAnswers.text(acc, "Id"), CrmAnswers.text(acc, "Name"), null, industry(CrmAnswers.text(acc, "Industry")),
        acc.path("NumberOfEmployees").isNumber() ? acc.path("NumberOfEmployees").longValue() : null,
        CrmAnswers.text(acc, "BillingCountry"));

    List<DealWon.Contact> contacts = new ArrayList<>();
    for (JsonNode role : CrmAnswers.tree(contactRoles).path("records")) {
      JsonNode contact = role.path("Contact");
      String title = CrmAnswers.text(contact, "Title");
      String roleName = CrmAnswers.text(role, "Role");
      contacts.add(new DealWon.Contact(CrmAnswers.text(contact, "Name"), CrmAnswers.text(contact, "Email"),
          roleName != null ? roleName : title));
    }

    String accountId = CrmAnswers.text(opp, "AccountId");
    String name = or(CrmAnswers.text(opp, "Name"), message.accountName());
    String amount = CrmAnswers.text(opp, "Amount");
    String close = CrmAnswers.text(opp, "CloseDate");
    DealWon deal = new DealWon(message.crm(), message.dealId(),
        accountId == null ? null : "salesforce-account-" + accountId,
        company != null && company.name() != null ? company.name() : name,
        amount == null ? message.amount() : new BigDecimal(amount),
        or(CrmAnswers.text(opp, "CurrencyIsoCode"), message.currency()),
        close == null ? message.closeDate() : LocalDate.parse(close), null, null, null,
        owner == null ? null : CrmAnswers.text(CrmAnswers.tree(owner), "Email"), null, contacts);
    return new HubSpotDeal(deal, name, company);
  }

  private static String industry(String value) {
    if (value == null) {
      return null;
    }
    return INDUSTRIES.getOrDefault(value, value.toUpperCase(java.util.Locale.ROOT).replaceAll("[^A-Z0-9]+", "_"));
  }

  private static String or(String value, String fallback) {
    return value != null ? value : fallback;
  }
}
