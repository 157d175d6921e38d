package dev.baton.onboarding;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.baton.successplan.PlanRows;
import dev.baton.calendar.BusinessTime;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.spin.plugin.variable.SpinValues;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Turns what the CSM entered in the success plan form (the dynamic lists {@code objectives} and
 * {@code milestones}) into the success plan: structured JSON (variable {@code successPlan} and the
 * onboarding table), checked so that every objective has a baseline and a target (quantitative) or
 * success criteria (qualitative), an owner, and every milestone a date (docs/domain.md#success-plan).
 * A problem fails the form's completion with a message naming the row, the field and the fix.
 */
@Component("successPlans")
public class SuccessPlans {

  private static final Logger log = LoggerFactory.getLogger(SuccessPlans.class);

  private final Onboardings onboardings;
  private final BusinessTime time;
  private final ObjectMapper json;

  SuccessPlans(Onboardings onboardings, BusinessTime time, ObjectMapper json) {
    this.onboardings = onboardings;
    this.time = time;
    this.json = json;
  }

  /** Called by "Record the success plan": {@code ${successPlans.record(execution)}}. */
  public void record(DelegateExecution execution) {
    ObjectNode plan = build(execution.getVariable("planObjectives"), execution.getVariable("planMilestones"));
    // Sales signs off the project view at the kickoff (docs/domain.md#handoff-checklist): not optional. A plan
    // drafted from the handoff (the digital motion) had no kickoff to sign off.
    boolean atKickoff = !SelfServeSuccessPlan.FROM_HANDOFF.equals(execution.getVariable("successPlanDraftedFrom"));
    if (atKickoff && !Boolean.TRUE.equals(execution.getVariable("salesSignedOff"))) {
      throw new ProcessEngineException("The success plan is not complete: salesSignedOff: Sales has not signed off "
          + "the project view; get the sign-off at the kickoff from the person the handoff names, then tick it");
    }
    Object previous = execution.getVariable("successPlanVersion");
    int version = previous instanceof Number n ? n.intValue() + 1 : 1;
    plan.put("accountId", (String) execution.getVariable("accountId"));
    plan.put("version", version);
    plan.put("draftedAt", time.now().toString());
    String json = plan.toString();
    execution.setVariable("successPlan", SpinValues.jsonValue(json).create());
    execution.setVariable("successPlanVersion", version);
    execution.setVariable("successPlanSummary", summary(plan));
    execution.setVariable("successPlanStatus", "awaiting-customer");
    onboardings.successPlan(execution.getProcessInstanceId(), json, "awaiting-customer");
    log.info("Success plan v{} of account {}: {} objective(s), {} milestone(s)", version,
        execution.getVariable("accountId"), plan.get("objectives").size(), plan.get("milestones").size());
  }

  /** The checked plan from the form's lists (Json variables from Tasklist, or lists/maps/strings). */
  ObjectNode build(Object objectivesValue, Object milestonesValue) {
    List<String> problems = new ArrayList<>();
    ArrayNode objectives = json.createArrayNode();
    JsonNode rows = PlanRows.rows(json, objectivesValue, "planObjectives", problems);
    int index = 0;
    for (JsonNode row : rows) {
      index++;
      if (PlanRows.blank(row)) {
        continue;
      }
      String at = "objectives[" + index + "].";
      ObjectNode objective = json.createObjectNode();
      PlanRows.objective(objective, row, at, problems);
      objective.put("targetDate", date(row, "targetDate", at, false, problems));
      objectives.add(objective);
    }
    if (objectives.isEmpty()) {
      problems.add("objectives: the plan has none; add at least one objective with its baseline and target");
    }
    ArrayNode milestones = json.createArrayNode();
    index = 0;
    for (JsonNode row : PlanRows.rows(json, milestonesValue, "planMilestones", problems)) {
      index++;
      if (PlanRows.blank(row)) {
        continue;
      }
      String at = "milestones[" + index + "].";
      ObjectNode milestone = json.createObjectNode();
      milestone.put("milestone", PlanRows.required(row, "milestone", at, "say what is reached", problems));
      milestone.put("date", date(row, "date", at, true, problems));
      milestone.put("owner", PlanRows.required(row, "owner", at, "name who owns the milestone", problems));
      milestones.add(milestone);
    }
    if (milestones.isEmpty()) {
      problems.add("milestones: the plan has none; add at least one milestone with its date and owner");
    }
    if (!problems.isEmpty()) {
      throw new ProcessEngineException("The success plan is not complete: " + String.join("; ", problems));
    }
    ObjectNode plan = json.createObjectNode();
    plan.set("objectives", objectives);
    plan.set("milestones", milestones);
    return plan;
  }

  /** The plan as text for mails and forms. */
  static String summary(JsonNode plan) {
    StringBuilder text = new StringBuilder("Objectives:\n");
    for (JsonNode o : plan.get("objectives")) {
      text.append("- ").append(o.get("objective").asText()).append(" (").append(o.get("measure").asText())
          .append("): from ").append(o.get("baseline").asText()).append(" to ").append(o.get("target").asText());
      if (o.hasNonNull("targetDate")) {
        text.append(" by ").append(o.get("targetDate").asText());
      }
      if (o.hasNonNull("successCriteria")) {
        text.append("; success means: ").append(o.get("successCriteria").asText());
      }
      text.append("; owner: ").append(o.get("owner").asText()).append('\n');
    }
    text.append("Milestones:\n");
    for (JsonNode m : plan.get("milestones")) {
      text.append("- ").append(m.get("date").asText()).append(": ").append(m.get("milestone").asText())
          .append(" (owner: ").append(m.get("owner").asText()).append(")\n");
    }
    return text.toString().trim();
  }

  private static String date(JsonNode row, String field, String at, boolean required, List<String> problems) {
    String value = PlanRows.text(row, field);
    if (value == null) {
      if (required) {
        problems.add(at + field + ": is missing; give a date (yyyy-MM-dd)");
      }
      return null;
    }
    try {
      return LocalDate.parse(value.length() > 10 ? value.substring(0, 10) : value).toString();
    } catch (DateTimeParseException e) {
      problems.add(at + field + ": '" + value + "' is not a date; use yyyy-MM-dd");
      return value;
    }
  }
}
