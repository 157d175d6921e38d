package dev.baton.onboarding;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The draft agenda of the external kickoff, built from what Sales handed over (docs/domain.md#handoff-checklist: CS presents a
 * project view, Sales signs off; docs/domain.md#csm-standard-operating-procedure: the CSM shares the next work plan; docs/domain.md#moments-of-truth: the
 * customer should never have to repeat themselves). The CSM edits it in "Prepare the kickoff".
 */
final class KickoffAgenda {

  private KickoffAgenda() {}

  static String from(Map<String, Object> handoff) {
    List<String> items = new ArrayList<>();
    items.add("Introductions: who does what from now on (CSM, Onboarding Rep, Sales)");
    add(items, "What you want to achieve (goals from the sales conversations)", handoff.get("goals"));
    add(items, "The solution you bought", handoff.get("proposedSolution"));
    add(items, "What we promised", handoff.get("promises"));
    add(items, "Milestones", handoff.get("milestones"));
    add(items, "Deployment timeline", handoff.get("deploymentTimeline"));
    add(items, "Your stakeholders and their roles", handoff.get("stakeholders"));
    add(items, "Your team's tasks and dates", handoff.get("customerTasks"));
    items.add("Delivery schedule: accounts, configuration, data import, training (dates)");
    items.add("Success plan: objectives with today's value and the target, milestones, owners");
    items.add("Next steps and who on your side does what");
    StringBuilder agenda = new StringBuilder();
    for (int i = 0; i < items.size(); i++) {
      agenda.append(i + 1).append(". ").append(items.get(i)).append('\n');
    }
    return agenda.toString().trim();
  }

  private static void add(List<String> items, String title, Object value) {
    if (value != null && !value.toString().isBlank()) {
      items.add(title + ":\n   " + value.toString().trim().replace("\n", "\n   "));
    }
  }
}
