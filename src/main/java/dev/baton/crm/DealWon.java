package dev.baton.crm;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Currency;
import java.util.List;

/**
 * A deal won in a CRM: what a webhook knows when the handoff starts. HubSpot's webhook names only the
 * deal (the rest is fetched by the handoff's enrichment step); the generic CRM event carries it all.
 * The handoff process receives it as the JSON variable {@code deal} (ISO dates, nulls for unknowns).
 */
public record DealWon(
    String crm,
    String dealId,
    String accountId,
    String accountName,
    BigDecimal amount,
    String currency,
    LocalDate closeDate,
    LocalDate contractStart,
    LocalDate contractEnd,
    LocalDate renewalDate,
    String ownerEmail,
    String csmEmail,
    List<Contact> contacts) {

  public DealWon {
    contacts = contacts == null ? List.of() : List.copyOf(contacts);
  }

  /** Only the deal is known (HubSpot's webhook); the handoff fetches the rest. */
  public static DealWon named(String crm, String dealId) {
    return new DealWon(crm, dealId, null, null, null, null, null, null, null, null, null, null, List.of());
  }

  /** An ISO 4217 currency code the JDK knows, such as EUR (what every CRM's amount is checked against). */
  public static boolean isCurrencyCode(String code) {
    try {
      return code != null && code.matches("[A-Z]{3}") && Currency.getInstance(code) != null;
    } catch (IllegalArgumentException unknown) {
      return false;
    }
  }

  /** The handoff's business key, {@code <crm>:<dealId>}, e.g. {@code hubspot:123456}. */
  public String businessKey() {
    return crm + ":" + dealId;
  }

  /** A person at the customer; role is free text from the CRM (e.g. champion, decision maker). */
  public record Contact(String name, String email, String role) {}
}
