package dev.baton.crm;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * Reads Pipedrive's API answers (deal, organization, person, owner; see {@link PipedriveApi}) over what the
 * webhook event said, into the deal-won facts of the handoff.
 */
@Component
public class PipedriveDealReader {

  /** Arguments are the JSON texts of the records ({@code data}); organization, person and owner may be null. */
  public HubSpotDeal read(DealWon event, String deal, String organization, String person, String owner) {
    JsonNode d = CrmAnswers.tree(deal);
    JsonNode org = CrmAnswers.tree(organization);
    HubSpotDeal.Company company = org.isMissingNode() || org.isNull() ? null : new HubSpotDeal.Company(
        CrmAnswers.text(org, "id"), CrmAnswers.text(org, "name"), null, null, null,
        CrmAnswers.text(org.path("address"), "country"));

    List<DealWon.Contact> contacts = new ArrayList<>();
    JsonNode p = CrmAnswers.tree(person);
    if (!p.isMissingNode() && !p.isNull()) {
      contacts.add(new DealWon.Contact(CrmAnswers.text(p, "name"), primaryEmail(p), CrmAnswers.text(p, "job_title")));
    }
    String title = CrmAnswers.text(d, "title") != null ? CrmAnswers.text(d, "title") : event.accountName();
    String wonTime = CrmAnswers.text(d, "won_time");
    DealWon won = new DealWon(event.crm(), event.dealId(),
        company != null ? "pipedrive-org-" + company.id() : null,
        company != null && company.name() != null ? company.name() : title,
        d.path("value").isNumber() ? d.path("value").decimalValue() : event.amount(),
        CrmAnswers.text(d, "currency") != null ? CrmAnswers.text(d, "currency") : event.currency(),
        wonTime != null ? date(wonTime) : event.closeDate(), null, null, null,
        owner == null ? null : CrmAnswers.text(CrmAnswers.tree(owner), "email"), null, contacts);
    return new HubSpotDeal(won, title, company);
  }

  /** v2 persons list {@code emails}, v1 {@code email}: each {value, primary}; the primary one, else the first. */
  private static String primaryEmail(JsonNode person) {
    JsonNode emails = person.has("emails") ? person.path("emails") : person.path("email");
    String first = null;
    for (JsonNode email : emails) {
      String value = CrmAnswers.text(email, "value");
      if (value != null && email.path("primary").asBoolean(false)) {
        return value;
      }
      first = first == null ? value : first;
    }
    return first;
  }

  private static LocalDate date(String time) {
    return time.length() == 19 ? LocalDate.parse(time.substring(0, 10))
        : OffsetDateTime.parse(time).withOffsetSameInstant(ZoneOffset.UTC).toLocalDate();
  }
}
