package dev.baton.mail;

import java.util.List;
import java.util.Map;

/**
 * A mail to send: its kind names the template ({@code templates/mail/<kind>.html} and {@code .txt}),
 * the model fills it, and the account it concerns is the delivery's business key in Cockpit.
 */
public record OutgoingMail(String kind, List<String> to, String subject, Map<String, Object> model, String accountId) {

  public OutgoingMail {
    to = to == null ? List.of() : to.stream().filter(a -> a != null && !a.isBlank()).distinct().toList();
    model = model == null ? Map.of() : model;
  }
}
