package dev.baton.mail;

import java.util.List;
import java.util.Map;

/**
 * A mail to send: its kind names the template ({@code templates/mail/<kind>.html} and {@code .txt}),
 * the model fills it, and the account it concerns is the delivery's business key in Cockpit. A mail that
 * asks the customer something names the question ({@link #withLinksTo}): its links are made only when it
 * is sent, in place of the placeholders the model carries (dev.baton.customer.CustomerLinks).
 */
public record OutgoingMail(String kind, List<String> to, String subject, Map<String, Object> model, String accountId,
    String customerQuestionId) {

  public OutgoingMail {
    to = to == null ? List.of() : to.stream().filter(a -> a != null && !a.isBlank()).distinct().toList();
    model = model == null ? Map.of() : model;
  }

  public OutgoingMail(String kind, List<String> to, String subject, Map<String, Object> model, String accountId) {
    this(kind, to, subject, model, accountId, null);
  }

  /** The same mail, carrying links to this customer question. */
  public OutgoingMail withLinksTo(String questionId) {
    return new OutgoingMail(kind, to, subject, model, accountId, questionId);
  }
}
