package dev.baton.contact;

import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/** The contacts table (baton_account_contact): each account's list, kept in the order it was given. */
@Repository
class ContactStore {

  private final JdbcClient jdbc;

  ContactStore(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  List<Contact> of(String accountId) {
    return jdbc.sql("select * from baton_account_contact where account_id = ? order by position")
        .param(accountId)
        .query((rs, row) -> new Contact(rs.getString("name"), rs.getString("email"), rs.getString("title"),
            rs.getString("persona"), rs.getString("influence")))
        .list();
  }

  @Transactional
  void replace(String accountId, List<Contact> contacts) {
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
