package dev.baton.mail;

import java.util.List;
import java.util.Map;

/**
 * A mail to send: its kind names the template ({@code templates/mail/<kind>.html} and {@code .txt}),
 * the model fills it, and the account it concerns is the delivery's business key in Cockpit. A mail that
 * asks the customer something names the question ({@link #withLinksTo}): its links are made only when it
 * is sent, in place of the placeholders the model carries (dev.baton.customer.CustomerLinks). A mail that
 * asks for work on a task ({@link #onlyWhileTaskOpen}) is dropped if the task is done before it can be sent.
 */
public record OutgoingMail(String kind, List<String> to, String subject, Map<String, Object> model, String accountId,
    String customerQuestionId, String openTaskId) {

  public OutgoingMail {
    to = to == null ? List.of() : to.stream().filter(a -> a != null && !a.isBlank()).distinct().toList();
    model = model == null ? Map.of() : model;
  }

  public OutgoingMail(String kind, List<String> to, String subject, Map<String, Object> model, String accountId) {
    this(kind, to, subject, model, accountId, null, null);
  }

  /** The same mail, carrying links to this customer question. */
  public OutgoingMail withLinksTo(String questionId) {
    return new OutgoingMail(kind, to, subject, model, accountId, questionId, openTaskId);
  }

  /** The same mail, sent only while this task is still open (after a mail outage it may no longer be). */
  public OutgoingMail onlyWhileTaskOpen(String taskId) {
    return new OutgoingMail(kind, to, subject, model, accountId, customerQuestionId, taskId);
  }
}
