package dev.baton.customer;

import java.time.Duration;
import java.util.List;

/**
 * A question put to a customer by mail (confirm the success plan, how likely are you to renew): each
 * choice becomes a one-click link. The answer is correlated to the asking process instance as
 * message {@code messageName} with the variables {@code customerAnswer}, {@code customerComment} and
 * {@code customerAnsweredAt}.
 *
 * @param messageName the BPMN message the process waits for
 * @param title the page's heading, e.g. "How likely are you to renew?"
 * @param text a sentence or two under it (may be null)
 * @param choices the answers, in the order they are offered
 * @param allowComment whether the page offers a comment box (e.g. "what should change?")
 * @param validFor how long the links work
 */
public record CustomerQuestion(String messageName, String title, String text, List<Choice> choices,
    boolean allowComment, Duration validFor) {

  public CustomerQuestion {
    if (messageName == null || messageName.isBlank()) {
      throw new IllegalArgumentException("messageName: name the BPMN message the process waits for");
    }
    if (choices == null || choices.isEmpty()) {
      throw new IllegalArgumentException("choices: give at least one answer the customer can choose");
    }
    if (validFor == null || validFor.isNegative() || validFor.isZero()) {
      throw new IllegalArgumentException("validFor: give how long the links work, e.g. P14D");
    }
    choices = List.copyOf(choices);
  }

  /** One answer: its id (the value of {@code customerAnswer}, letters, digits and dashes) and its label. */
  public record Choice(String answer, String label) {

    public Choice {
      if (answer == null || !answer.matches("[A-Za-z0-9-]{1,40}")) {
        throw new IllegalArgumentException("answer: '" + answer + "' must be 1 to 40 letters, digits or dashes");
      }
    }
  }
}
