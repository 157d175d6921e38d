package dev.baton.customer;

import dev.baton.customer.CustomerQuestion.Choice;
import java.util.ArrayList;
import java.util.List;

/** The choices of a stored question, one "answer=label" per line (labels are free text). */
final class Choices {

  private Choices() {}

  static String write(List<Choice> choices) {
    return String.join("\n", choices.stream().map(c -> c.answer() + "=" + c.label().replace('\n', ' ')).toList());
  }

  static List<Choice> read(String stored) {
    List<Choice> choices = new ArrayList<>();
    for (String line : stored.split("\n")) {
      int eq = line.indexOf('=');
      choices.add(new Choice(line.substring(0, eq), line.substring(eq + 1)));
    }
    return choices;
  }
}
