package dev.baton.mail;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The outbox table {@code baton_mail}: a row per mail, written in the transaction of the event it reports. A row is
 * sent by whoever claims it first (the courier right after the commit, or the sweeper after a stop), or handed to a
 * MailDelivery process; the claim is a conditional update, so two nodes never both send one mail.
 */
@Repository
class MailStore {

  private final JdbcClient jdbc;

  MailStore(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  void insert(QueuedMail mail, Instant queuedAt, String deliveryId) {
    jdbc.sql("""
            insert into baton_mail (id, account_id, kind, recipients, subject, html_body, text_body,
              customer_question_id, open_task_id, queued_at, delivery_id)
            values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
        .params(mail.id(), mail.accountId(), mail.kind(), mail.to(), mail.subject(), mail.html(), mail.text(),
            mail.customerQuestionId(), mail.openTaskId(), Timestamp.from(queuedAt), deliveryId)
        .update();
  }

  /** Takes the unsent, not handed-over mail for sending until {@code until}; false when sent or taken elsewhere. */
  boolean claim(String id, Instant now, Instant until) {
    return jdbc.sql("""
            update baton_mail set claimed_until = ?
            where id = ? and sent_at is null and delivery_id is null and (claimed_until is null or claimed_until < ?)""")
        .params(Timestamp.from(until), id, Timestamp.from(now)).update() == 1;
  }

  Optional<QueuedMail> find(String id) {
    return jdbc.sql("""
            select id, account_id, kind, recipients, subject, html_body, text_body, customer_question_id, open_task_id
            from baton_mail where id = ?""")
        .param(id)
        .query((rs, row) -> new QueuedMail(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
            rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8), rs.getString(9)))
        .optional();
  }

  /** Sent: the bodies (and the placeholders of links) are no longer kept; what the timeline shows stays. */
  void markSent(String id, Instant at) {
    jdbc.sql("update baton_mail set sent_at = ?, claimed_until = null, html_body = null, text_body = null where id = ?")
        .params(Timestamp.from(at), id).update();
  }

  void markHandedOver(String id, String deliveryId) {
    jdbc.sql("update baton_mail set delivery_id = ?, claimed_until = null where id = ?").params(deliveryId, id).update();
  }

  /** Mails neither sent nor handed over, queued before {@code queuedBefore} and claimed by nobody now: oldest first. */
  List<String> leftBehind(Instant queuedBefore, Instant now, int limit) {
    return jdbc.sql("""
            select id from baton_mail
            where sent_at is null and delivery_id is null and queued_at < ? and (claimed_until is null or claimed_until < ?)
            order by queued_at fetch first %d rows only""".formatted(limit))
        .params(Timestamp.from(queuedBefore), Timestamp.from(now))
        .query(String.class).list();
  }

  /** A mail that will not be sent (what it asked for is done): the account's timeline no longer shows it. */
  void forget(String id) {
    jdbc.sql("delete from baton_mail where id = ?").param(id).update();
  }

  int forgetSentBefore(Instant before) {
    return jdbc.sql("delete from baton_mail where sent_at < ?").param(Timestamp.from(before)).update();
  }

  List<AccountMail> ofAccount(String accountId) {
    return jdbc.sql("""
            select id, delivery_id, subject, queued_at, sent_at from baton_mail where account_id = ? order by queued_at""")
        .param(accountId)
        .query((rs, row) -> new AccountMail(rs.getString(1), rs.getString(2), rs.getString(3),
            rs.getTimestamp(4).toInstant(), rs.getTimestamp(5) == null ? null : rs.getTimestamp(5).toInstant()))
        .list();
  }
}
