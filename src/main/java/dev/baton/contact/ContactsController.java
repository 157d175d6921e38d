package dev.baton.contact;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET/PUT /api/accounts/{accountId}/contacts}: the account's whole contact list (docs/lifecycle.md#contacts). */
@RestController
class ContactsController {

  private final AccountContacts contacts;
  private final ContactsReader reader;
  private final AccountTeamAccess access;

  ContactsController(AccountContacts contacts, ContactsReader reader, AccountTeamAccess access) {
    this.contacts = contacts;
    this.reader = reader;
    this.access = access;
  }

  @GetMapping("/api/accounts/{accountId}/contacts")
  List<Contact> get(@PathVariable String accountId) {
    access.check(accountId);
    return contacts.of(accountId);
  }

  @PutMapping(path = "/api/accounts/{accountId}/contacts", consumes = MediaType.APPLICATION_JSON_VALUE)
  List<Contact> put(@PathVariable String accountId, @RequestBody JsonNode body) {
    access.check(accountId);
    contacts.replace(accountId, reader.read(body));
    return contacts.of(accountId);
  }
}
