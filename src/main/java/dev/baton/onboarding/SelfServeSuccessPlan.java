package dev.baton.onboarding;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.baton.calendar.BusinessCalendar;
import dev.baton.calendar.BusinessTime;
import dev.baton.successplan.PlanRows;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.spin.plugin.variable.SpinValues;
import org.springframework.stereotype.Component;

/**
 * The digital motion's success plan, drafted without a kickoff from what Sales handed over
 * (docs/onboarding.md#the-digital-path): each goal becomes an objective, judged by the customer's own measure of
 * success when Sales wrote it down; one objective is adoption itself, with the thresholds that launch the
 * onboarding; milestones are the accounts opened and the team live by the time-to-value target. The rows are
 * those the success plan form submits, so "Record the success plan" checks them as it checks the CSM's, and a
 * revision starts from them. {@code ${selfServeSuccessPlan.draft(execution)}}.
 */
@Component("selfServeSuccessPlan")
public class SelfServeSuccessPlan {

  /** Where a plan came from: drafted from the handoff (no kickoff, so no Sales sign-off to ask for). */
  static final String FROM_HANDOFF = "handoff";
  private static final String MEASURE_CAPTION = "How they measure success:";

  private final OnboardingProperties properties;
  private final AdoptionThresholds adoption;
  private final BusinessTime time;
  private final ObjectMapper json;

  SelfServeSuccessPlan(OnboardingProperties properties, AdoptionThresholds adoption, BusinessTime time,
      ObjectMapper json) {
    this.properties = properties;
    this.adoption = adoption;
    this.time = time;
    this.json = json;
  }

  public void draft(DelegateExecution execution) {
    String owner = text(execution.getVariable("customerContactName"));
    owner = owner == null ? "Your team" : owner;
    Object target = execution.getVariable("timeToValueTargetDate");
    String live = target instanceof Date date ? time.dateOf(date).toString() : null;

    ArrayNode objectives = json.createArrayNode();
    List<String> goals = new ArrayList<>();
    String criteria = null;
    for (String line : lines(execution.getVariable("goals"))) {
      if (line.startsWith(MEASURE_CAPTION)) {
        criteria = line.substring(MEASURE_CAPTION.length()).trim();
      } else {
        goals.add(line.replaceFirst("^(Short term|Long term):\\s*", ""));
      }
    }
    for (String goal : goals) {
      ObjectNode objective = objectives.addObject();
      objective.put("objective", goal);
      objective.put("measure", PlanRows.QUALITATIVE);
      objective.put("baseline", "Before onboarding");
      objective.put("target", goal);
      objective.put("successCriteria", criteria != null ? criteria : "You tell us the goal is reached");
      objective.put("owner", owner);
    }
    ObjectNode uses = objectives.addObject();
    uses.put("objective", "Your team works in the product");
    uses.put("measure", PlanRows.QUANTITATIVE);
    uses.put("baseline", "No licences activated yet");
    uses.put("target", percent(adoption.licencesActivated()) + " of licences activated or "
        + percent(adoption.weeklyActive()) + " of licensed users active each week");
    uses.put("owner", owner);
    if (live != null) {
      uses.put("targetDate", live);
    }

    ArrayNode milestones = json.createArrayNode();
    int days = properties.provisioningBusinessDays(text(execution.getVariable("segment")));
    ObjectNode opened = milestones.addObject();
    opened.put("milestone", "Your accounts are open and set up");
    opened.put("date", BusinessCalendar.WEEKENDS_ONLY.addBusinessDays(time.nowZoned(), days).toLocalDate().toString());
    opened.put("owner", "Our onboarding team");
    if (live != null) {
      ObjectNode working = milestones.addObject();
      working.put("milestone", "Your team works in the product");
      working.put("date", live);
      working.put("owner", owner);
    }

    execution.setVariable("planObjectives", SpinValues.jsonValue(objectives.toString()).create());
    execution.setVariable("planMilestones", SpinValues.jsonValue(milestones.toString()).create());
    execution.setVariable("successPlanDraftedFrom", FROM_HANDOFF);
  }

  private static List<String> lines(Object goals) {
    if (goals == null) {
      return List.of();
    }
    return goals.toString().lines().map(String::trim).filter(l -> !l.isEmpty()).toList();
  }

  private static String percent(double share) {
    return Math.round(share * 100) + " %";
  }

  private static String text(Object value) {
    return value == null || value.toString().isBlank() ? null : value.toString().trim();
  }
}
