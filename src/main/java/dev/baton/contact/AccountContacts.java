package dev.baton.contact;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The contact module's API: the contacts of each account, read by persona and replaced as a whole list. Other
 * modules (the NPS programme, the renewal survey) ask here; the table itself stays behind {@link ContactStore}.
 */
@Service
public class AccountContacts {

  private final ContactStore store;
  private final ApplicationEventPublisher events;

  AccountContacts(ContactStore store, ApplicationEventPublisher events) {
    this.store = store;
    this.events = events;
  }

  /** The account's contacts in the order they were given; empty when none are known. */
  public List<Contact> of(String accountId) {
    return store.of(accountId);
  }

  /** The contacts with any of these personas, one per e-mail address (the first listed wins). */
  public List<Contact> withPersonas(String accountId, Collection<String> personas) {
    Map<String, Contact> byEmail = new LinkedHashMap<>();
    for (Contact contact : of(accountId)) {
      if (personas.contains(contact.persona())) {
        byEmail.putIfAbsent(contact.email().toLowerCase(Locale.ROOT), contact);
      }
    }
    return new ArrayList<>(byEmail.values());
  }

  /** The first contact with this persona, e.g. the decision maker a renewal survey goes to. */
  public Optional<Contact> first(String accountId, String persona) {
    return of(accountId).stream().filter(c -> c.hasPersona(persona)).findFirst();
  }

  /** The first contact with this e-mail address (case ignored). */
  public Optional<Contact> byEmail(String accountId, String email) {
    return of(accountId).stream().filter(c -> c.email().equalsIgnoreCase(email)).findFirst();
  }

  /**
   * Replaces the account's list (the caller checked that the account exists). When the first champion or
   * executive sponsor becomes another person, {@link KeyContactChanged} is published in the same transaction.
   */
  @Transactional
  public void replace(String accountId, List<Contact> contacts) {
    List<Contact> before = store.of(accountId);
    store.replace(accountId, contacts);
    for (String persona : KeyContactChanged.KEY_PERSONAS) {
      Optional<Contact> previous = firstWith(before, persona);
      Optional<Contact> current = firstWith(contacts, persona);
      // No previous holder: the list is being filled, not changed; no successor: nobody to meet.
      if (previous.isPresent() && current.isPresent()
          && !previous.get().email().equalsIgnoreCase(current.get().email())) {
        events.publishEvent(new KeyContactChanged(accountId, persona, previous.get(), current.get()));
      }
    }
  }

  private static Optional<Contact> firstWith(List<Contact> contacts, String persona) {
    return contacts.stream().filter(c -> c.hasPersona(persona)).findFirst();
  }
}
