package dev.baton.mail;

/**
 * A rendered mail waiting to be sent: what the outbox row and a MailDelivery instance's variables hold. {@code to}
 * lists the recipients separated by commas; the bodies still carry the placeholders of the customer question's links.
 */
record QueuedMail(String id, String accountId, String kind, String to, String subject, String html, String text,
    String customerQuestionId, String openTaskId) {

  QueuedMail withId(String newId) {
    return new QueuedMail(newId, accountId, kind, to, subject, html, text, customerQuestionId, openTaskId);
  }
}
