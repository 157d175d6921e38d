package dev.baton.contact;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/** The contacts of each account (baton_account_contact), read and replaced as a whole list. */
@Repository
public class AccountContacts {

  private final JdbcClient jdbc;

  AccountContacts(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** The account's contacts in the order they were given; empty when none are known. */
  public List<Contact> of(String accountId) {
    return jdbc.sql("select * from baton_account_contact where account_id = ? order by position")
        .param(accountId)
        .query((rs, row) -> new Contact(rs.getString("name"), rs.getString("email"), rs.getString("title"),
            rs.getString("persona"), rs.getString("influence")))
        .list();
  }

  /** The contacts with any of these personas, one per e-mail address (the first listed wins). */
  public List<Contact> withPersonas(String accountId, Collection<String> personas) {
    Map<String, Contact> byEmail = new LinkedHashMap<>();
    for (Contact contact : of(accountId)) {
      if (personas.contains(contact.persona())) {
        byEmail.putIfAbsent(contact.email().toLowerCase(java.util.Locale.ROOT), contact);
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

  /** Replaces the account's list (the caller checked that the account exists). */
  @Transactional
  public void replace(String accountId, List<Contact> contacts) {
    jdbc.sql("delete from baton_account_contact where account_id = ?").param(accountId).update();
    for (int i = 0; i < contacts.size(); i++) {
      Contact c = contacts.get(i);
      jdbc.sql("""
              insert into baton_account_contact (account_id, position, name, email, title, persona, influence)
              values (?, ?, ?, ?, ?, ?, ?)""")
          .params(accountId, i, c.name(), c.email(), c.title(), c.persona(), c.influence()).update();
    }
  }
}
