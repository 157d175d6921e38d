package dev.baton.review;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.baton.account.Account;
import dev.baton.account.Accounts;
import dev.baton.engine.SignedInUser;
import dev.baton.successplan.SuccessPlanVersion;
import dev.baton.successplan.SuccessPlanVersions;
import java.time.LocalDate;
import java.time.Period;
import java.util.List;
import java.util.Optional;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.spin.plugin.variable.SpinValues;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * The automatic steps of BusinessReview.bpmn (docs/lifecycle.md#business-reviews): when the next review is
 * due by the segment's cadence, whether the renewal's value review covers it, the current success plan
 * brought to the review, and the plan's next version from what the review recorded.
 */
@Component("businessReviews")
public class BusinessReviews {

  private static final Logger log = LoggerFactory.getLogger(BusinessReviews.class);

  private final Accounts accounts;
  private final ReviewProperties properties;
  private final ReviewRhythm rhythm;
  private final ObjectProvider<ValueReviews> valueReviews;
  private final SuccessPlanVersions plans;
  private final ReviewedPlan reviewedPlan;
  private final ObjectMapper json;

  BusinessReviews(Accounts accounts, ReviewProperties properties, ReviewRhythm rhythm,
      ObjectProvider<ValueReviews> valueReviews, SuccessPlanVersions plans, ReviewedPlan reviewedPlan, ObjectMapper json) {
    this.accounts = accounts;
    this.properties = properties;
    this.rhythm = rhythm;
    this.valueReviews = valueReviews;
    this.plans = plans;
    this.reviewedPlan = reviewedPlan;
    this.json = json;
  }

  /**
   * "Plan the next review": one cadence of the account's segment (as it is now) after the last review, or
   * the launch. Sets {@code reviewScheduled} false, and the process ends, when the segment has no cadence
   * or the account is gone or churned.
   */
  public void scheduleNext(DelegateExecution execution) {
    String accountId = (String) execution.getVariable("accountId");
    Optional<Account> account = accounts.find(accountId).filter(a -> !"churned".equals(a.lifecycle().get("stage")));
    Optional<Period> cadence = account.flatMap(a -> properties.cadenceOf(a.segment()));
    execution.setVariable("reviewSegment", account.map(Account::segment).orElse(null));
    if (cadence.isEmpty()) {
      execution.setVariable("reviewScheduled", false);
      execution.setVariable("nextReviewOn", null);
      log.info("Account {} ({}) has no business review cadence (baton.reviews.cadence): no more business reviews",
          accountId, account.map(a -> "segment " + a.segment()).orElse("unknown or churned"));
      return;
    }
    Object last = execution.getVariable("lastReviewOn");
    LocalDate from = LocalDate.parse((last == null ? execution.getVariable("launchedOn") : last).toString());
    LocalDate next = rhythm.next(from, cadence.get());
    execution.setVariable("reviewScheduled", true);
    execution.setVariable("reviewCadence", cadence.get().toString());
    execution.setVariable("nextReviewOn", next.toString());
    log.info("Account {} ({}): next business review on {} (every {})", accountId, account.get().segment(), next,
        cadence.get());
  }

  /**
   * "Covered by the renewal's value review?": a value review held or due within {@code min-gap} of the review
   * day counts as this review; the review is skipped and the next one counts from the value review.
   */
  public void checkCoverage(DelegateExecution execution) {
    String accountId = (String) execution.getVariable("accountId");
    LocalDate reviewOn = LocalDate.parse(execution.getVariable("nextReviewOn").toString());
    Period gap = properties.minGap();
    ValueReviews renewal = valueReviews.getIfAvailable();
    Optional<LocalDate> covering = (renewal == null ? List.<LocalDate>of() : renewal.heldOrDue(accountId)).stream()
        .filter(day -> day.isAfter(reviewOn.minus(gap)) && day.isBefore(reviewOn.plus(gap))).findFirst();
    execution.setVariable("reviewCoveredByRenewal", covering.isPresent());
    if (covering.isPresent()) {
      execution.setVariable("lastReviewOn", covering.get().toString());
      execution.setVariable("lastReviewCoveredOn", reviewOn.toString());
      log.info("Account {}: the business review of {} is covered by the renewal's value review of {} (within {})",
          accountId, reviewOn, covering.get(), gap);
    }
  }

  /**
   * "Bring the current success plan": the plan as text, its open objectives as the list the review fills in
   * ({@code reviewObjectives}: ref, objective, target, status, progress), and this round's fields emptied.
   */
  public void open(DelegateExecution execution) {
    String accountId = (String) execution.getVariable("accountId");
    Optional<SuccessPlanVersion> current = plans.current(accountId);
    ArrayNode objectives = json.createArrayNode();
    current.ifPresent(plan -> {
      int ref = 0;
      for (JsonNode objective : plan.plan().path("objectives")) {
        ref++;
        if (SuccessPlanVersion.open(objective)) {
          ObjectNode row = objectives.addObject();
          row.put("ref", ref);
          row.put("objective", objective.path("objective").asText());
          row.put("target", objective.path("target").asText());
          row.put("status", objective.path("status").asText(SuccessPlanVersion.ON_TRACK));
          row.put("progress", objective.path("progress").asText(""));
        }
      }
    });
    execution.setVariable("successPlanVersion", current.map(SuccessPlanVersion::version).orElse(null));
    execution.setVariable("successPlanSummary", current.map(SuccessPlanVersion::summary)
        .orElse("No success plan yet: add the objectives agreed with the customer as new objectives."));
    execution.setVariable("reviewObjectives", SpinValues.jsonValue(objectives.toString()).create());
    execution.setVariable("newObjectives", SpinValues.jsonValue("[]").create());
    for (String field : List.of("reviewAgenda", "reviewData", "reviewInvitees", "reviewHeldOn", "reviewAttendees",
        "customerObjectives", "reviewNotes", "expansionNeed", "followUpSummary", "nextSteps", "followUpSentOn")) {
      execution.setVariable(field, null);
    }
    execution.setVariable("expansionSpotted", false);
  }

  /** "Update the success plan": the review's progress, closed, changed and new objectives as the next version. */
  public void recordPlan(DelegateExecution execution) {
    String accountId = (String) execution.getVariable("accountId");
    Optional<SuccessPlanVersion> current = plans.current(accountId);
    ReviewedPlan.Result result = reviewedPlan.apply(current.map(SuccessPlanVersion::plan).orElse(null),
        execution.getVariable("reviewObjectives"), execution.getVariable("newObjectives"),
        execution.getVariable("reviewHeldOn"));
    String by = SignedInUser.id().orElse(accounts.teamMember(accountId, "csm").orElse(null));
    SuccessPlanVersion version = plans.record(accountId, result.plan(), SuccessPlanVersions.BUSINESS_REVIEW, by);
    execution.setVariable("successPlanVersion", version.version());
    execution.setVariable("successPlanSummary", version.summary());
    execution.setVariable("lastReviewOn", result.heldOn().toString());
    Object count = execution.getVariable("reviewsHeld");
    execution.setVariable("reviewsHeld", count instanceof Number n ? n.intValue() + 1 : 1);
  }
}
