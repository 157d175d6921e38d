package dev.baton.health;

import java.util.List;
import java.util.Map;

/** What the health DMN decided for an account's latest measurements, with the rules that decided it. */
record HealthAssessment(Verdict overall, Verdict outcomes, Verdict experience, List<Dimension> dimensions) {

  /** A band and the DMN rule that gave it (its id in the table and its annotation). */
  record Verdict(String band, String ruleId, String rule) {}

  /** One dimension's band, the value it was computed from, the DMN inputs and the deciding rule. */
  record Dimension(String name, String group, String band, String value, Map<String, Object> inputs,
      String decision, String ruleId, String rule) {}
}
