package dev.baton.contact;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.baton.account.Accounts;
import dev.baton.handoff.HandoffCompleted;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Fills an account's contact list from the CRM's contacts when Sales hands the account over
 * ({@link HandoffCompleted}, variable {@code contacts}: name, email, role), unless the account already has
 * contacts (someone keeps them by the API). The CRM's role becomes the persona where it names one
 * ("Decision Maker", "Economic Buyer", "Champion", ...); any other role stays as the title and the person
 * counts as a {@code user}.
 */
@Component
class ContactsFromHandoff {

  private static final Logger log = LoggerFactory.getLogger(ContactsFromHandoff.class);
  /** CRM role words (lower case, dashes) to persona. */
  private static final Map<String, String> ROLES = Map.ofEntries(
      Map.entry("decision-maker", "decision-maker"), Map.entry("economic-buyer", "decision-maker"),
      Map.entry("buyer", "decision-maker"), Map.entry("executive-sponsor", "executive-sponsor"),
      Map.entry("executive", "executive-sponsor"), Map.entry("sponsor", "executive-sponsor"),
      Map.entry("champion", "champion"), Map.entry("user", "user"), Map.entry("end-user", "user"),
      Map.entry("billing", "billing"), Map.entry("billing-contact", "billing"),
      Map.entry("technical-buyer", "technical"), Map.entry("technical", "technical"),
      Map.entry("procurement", "procurement"));

  private final AccountContacts contacts;
  private final Accounts accounts;
  private final ContactProperties properties;
  private final ObjectMapper json;

  ContactsFromHandoff(AccountContacts contacts, Accounts accounts, ContactProperties properties,
      ObjectMapper json) {
    this.contacts = contacts;
    this.accounts = accounts;
    this.properties = properties;
    this.json = json;
  }

  @EventListener
  public void handedOver(HandoffCompleted event) {
    String value = event.deal().crmContacts();
    // An account the handoff did not save (no row) has nowhere to keep contacts; nothing to fill then.
    if (value == null || !accounts.exists(event.accountId()) || !contacts.of(event.accountId()).isEmpty()) {
      return;
    }
    List<Contact> found = new ArrayList<>();
    try {
      for (JsonNode crm : json.readTree(value.toString())) {
        String email = crm.path("email").asText("").strip();
        if (email.isEmpty() || found.stream().anyMatch(c -> c.email().equalsIgnoreCase(email))) {
          continue;
        }
        String role = crm.path("role").isTextual() ? crm.path("role").asText().strip() : null;
        String name = crm.path("name").isTextual() && !crm.path("name").asText().isBlank() ? crm.path("name").asText() : email;
        String persona = persona(role);
        found.add(new Contact(name, email, persona.equals("user") && role != null && !role.isBlank() ? role : null,
            persona, null));
      }
    } catch (Exception unreadable) {
      log.warn("Account {}: the handoff's contacts could not be read ({}); keep them by PUT /api/accounts/{}/contacts",
          event.accountId(), unreadable.getMessage(), event.accountId());
      return;
    }
    contacts.replace(event.accountId(), found);
    log.info("Account {}: {} contact(s) taken from the CRM at handoff", event.accountId(), found.size());
  }

  private String persona(String role) {
    if (role == null) {
      return "user";
    }
    String key = role.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-|-$", "");
    String persona = ROLES.get(key);
    return persona != null && properties.personas().contains(persona) ? persona : "user";
  }
}
