package dev.baton.customer;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A question stored for a customer, before any link to it exists. Its mail carries, where each link goes,
 * a placeholder; sending the mail puts fresh links in their place ({@link CustomerLinks#mint}), so no link
 * is ever stored with the mail.
 *
 * @param id the question's id: give it to the mail ({@code OutgoingMail.withLinksTo})
 * @param placeholders answer id to its placeholder, in the order of the choices
 */
public record AskedQuestion(String id, Map<String, String> placeholders) {

  public AskedQuestion {
    placeholders = Collections.unmodifiableMap(new LinkedHashMap<>(placeholders));
  }

  /** What the mail's template shows where the link to this answer goes. */
  public String link(String answer) {
    String placeholder = placeholders.get(answer);
    if (placeholder == null) {
      throw new IllegalArgumentException("answer: '" + answer + "' is not one of the question's choices "
          + placeholders.keySet());
    }
    return placeholder;
  }
}
