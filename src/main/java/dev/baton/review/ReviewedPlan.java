package dev.baton.review;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.baton.successplan.PlanRows;
import dev.baton.calendar.BusinessTime;
import dev.baton.successplan.SuccessPlanVersion;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.camunda.bpm.engine.ProcessEngineException;
import org.springframework.stereotype.Component;

/**
 * The success plan after a business review (docs/domain.md#success-plan): each open objective gets the
 * status and progress the review recorded (achieved or dropped closes it; a changed target is kept), new
 * objectives are added, milestones carry over. A problem fails the task's completion with a message naming
 * the row, the field and the fix, as the onboarding's plan does.
 */
@Component
class ReviewedPlan {

  static final Set<String> STATUSES = Set.of(SuccessPlanVersion.ON_TRACK, SuccessPlanVersion.AT_RISK,
      SuccessPlanVersion.ACHIEVED, SuccessPlanVersion.DROPPED);

  private final ObjectMapper json;
  private final BusinessTime time;

  ReviewedPlan(ObjectMapper json, BusinessTime time) {
    this.json = json;
    this.time = time;
  }

  record Result(ObjectNode plan, LocalDate heldOn) {}

  /**
   * @param current the current plan (null: the account has none yet)
   * @param reviewed the form's {@code reviewObjectives} rows (ref, objective, target, status, progress)
   * @param added the form's {@code newObjectives} rows
   * @param heldOn the day the review was held (yyyy-MM-dd; none: today)
   */
  Result apply(JsonNode current, Object reviewed, Object added, Object heldOn) {
    List<String> problems = new ArrayList<>();
    LocalDate today = time.today();
    LocalDate held = day(heldOn, "reviewHeldOn", today, problems);
    ArrayNode objectives = current == null ? json.createArrayNode() : current.path("objectives").deepCopy();
    if (!objectives.isArray()) {
      objectives = json.createArrayNode();
    }
    int index = 0;
    for (JsonNode row : PlanRows.rows(json, reviewed, "reviewObjectives", problems)) {
      index++;
      String at = "reviewObjectives[" + index + "].";
      int ref = row.path("ref").asInt(0);
      if (ref < 1 || ref > objectives.size()) {
        problems.add(at + "ref: " + row.path("ref").asText() + " is not an objective of the current plan; "
            + "reload the task and leave the list's numbers as they are");
        continue;
      }
      ObjectNode objective = (ObjectNode) objectives.get(ref - 1);
      String status = PlanRows.text(row, "status");
      if (status == null || !STATUSES.contains(status)) {
        problems.add(at + "status: '" + status + "' is not a status; choose on track, at risk, achieved or dropped");
      }
      objective.put("status", status);
      String progress = PlanRows.text(row, "progress");
      if (progress == null) {
        problems.add(at + "progress: is missing; say where the customer stands against the target");
      }
      objective.put("progress", progress);
      String target = PlanRows.text(row, "target");
      if (target != null) {
        objective.put("target", target);
      }
      objective.put("reviewedOn", held.toString());
    }
    index = 0;
    for (JsonNode row : PlanRows.rows(json, added, "newObjectives", problems)) {
      index++;
      if (PlanRows.blank(row)) {
        continue;
      }
      String at = "newObjectives[" + index + "].";
      ObjectNode objective = objectives.addObject();
      PlanRows.objective(objective, row, at, problems);
      String targetDate = PlanRows.text(row, "targetDate");
      objective.put("targetDate", targetDate == null ? null : day(targetDate, at + "targetDate", null, problems).toString());
      objective.put("status", SuccessPlanVersion.ON_TRACK);
      objective.put("addedOn", held.toString());
    }
    if (!problems.isEmpty()) {
      throw new ProcessEngineException("The review's success plan is not complete: " + String.join("; ", problems));
    }
    ObjectNode plan = json.createObjectNode();
    plan.set("objectives", objectives);
    JsonNode milestones = current == null ? null : current.get("milestones");
    plan.set("milestones", milestones == null || !milestones.isArray() ? json.createArrayNode() : milestones.deepCopy());
    plan.put("reviewedOn", held.toString());
    return new Result(plan, held);
  }

  /** A day from a form's date field; {@code latest} (if any) is the last day it may be, and the value when it is empty. */
  private LocalDate day(Object value, String field, LocalDate latest, List<String> problems) {
    String text = value == null ? null : value.toString().trim();
    if (text == null || text.isEmpty()) {
      return latest;
    }
    try {
      LocalDate day = LocalDate.parse(text.length() > 10 ? text.substring(0, 10) : text);
      if (latest != null && day.isAfter(latest)) {
        problems.add(field + ": " + day + " is in the future; give the day the review was held");
      }
      return day;
    } catch (DateTimeParseException e) {
      problems.add(field + ": '" + text + "' is not a date; use yyyy-MM-dd");
      return latest == null ? time.today() : latest;
    }
  }
}
