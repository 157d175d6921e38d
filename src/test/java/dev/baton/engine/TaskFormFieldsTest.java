package dev.baton.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The variables a Camunda Form writes, read as Tasklist's form-js submits it. */
class TaskFormFieldsTest {

  final ObjectMapper json = new ObjectMapper();

  @Test
  void everyKeyedFieldIsAVariableReadOnlyOnesAndTheOutcomeIncluded() throws Exception {
    Set<String> review = TaskFormFields.variables(form("handoff-review"));
    assertThat(review).contains("checklistReview", "missingItems", "accountName", "trialUsed")
        .doesNotContain("csmUserId", "");
  }

  @Test
  void aDynamicListIsOneVariableNamedByItsPathAndItsRowsFieldsAreNot() throws Exception {
    Set<String> kickoff = TaskFormFields.variables(form("onboarding-hold-kickoff"));
    assertThat(kickoff).contains("planObjectives", "planMilestones", "kickoffHeldOn", "goals", "successPlanApproverEmail")
        .doesNotContain("objective", "milestone", "owner");
  }

  @Test
  void aDottedKeyOrPathWritesItsFirstSegment() throws Exception {
    JsonNode form = json.readTree("""
        {"components":[{"type":"textfield","key":"address.street"},
          {"type":"group","path":"contact","components":[{"type":"textfield","key":"name"}]},
          {"type":"group","components":[{"type":"number","key":"seats"}]},
          {"type":"text","text":"no key"}]}""");
    assertThat(TaskFormFields.variables(form)).containsExactly("address", "contact", "seats");
  }

  private JsonNode form(String id) throws Exception {
    return json.readTree(new File("forms/" + id + ".form"));
  }
}
