package dev.baton.renewal;

import dev.baton.calendar.BusinessTime;
import dev.baton.engine.WithoutAuthorization;
import dev.baton.review.ValueReviews;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.history.HistoricTaskInstance;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.springframework.stereotype.Component;

/**
 * The renewal's value reviews, which count as business reviews (docs/lifecycle.md#business-reviews): the days
 * the value review task was completed, and for a running preparation whose value review is still to come, the
 * day agreed in the invitation ({@code valueReviewOn}) or else the day the invitation is due
 * ({@code baton.renewal.offsets.outreach} before the renewal date).
 */
@Component
class RenewalValueReviews implements ValueReviews {

  static final String VALUE_REVIEW_TASK = "Task_ValueReview";

  private final HistoryService history;
  private final RuntimeService runtime;
  private final RenewalDates dates;
  private final BusinessTime time;

  RenewalValueReviews(HistoryService history, RuntimeService runtime, RenewalDates dates, BusinessTime time) {
    this.history = history;
    this.runtime = runtime;
    this.dates = dates;
    this.time = time;
  }

  @Override
  public List<LocalDate> heldOrDue(String accountId) {
    return WithoutAuthorization.call(() -> {
      List<HistoricTaskInstance> held = history.createHistoricTaskInstanceQuery()
          .processDefinitionKey(RenewalSchedules.PROCESS_KEY).processInstanceBusinessKey(accountId)
          .taskDefinitionKey(VALUE_REVIEW_TASK).finished().list();
      List<LocalDate> days = new ArrayList<>(held.stream().map(t -> time.dateOf(t.getEndTime())).toList());
      Set<String> reviewed = held.stream().map(HistoricTaskInstance::getProcessInstanceId).collect(Collectors.toSet());
      for (ProcessInstance preparation : runtime.createProcessInstanceQuery()
          .processDefinitionKey(RenewalSchedules.PROCESS_KEY).processInstanceBusinessKey(accountId).list()) {
        if (reviewed.contains(preparation.getId())) {
          continue;
        }
        Object agreed = runtime.getVariable(preparation.getId(), "valueReviewOn");
        if (agreed != null && !agreed.toString().isBlank()) {
          days.add(dates.date(agreed));
        } else {
          Object renewalDate = runtime.getVariable(preparation.getId(), "renewalDate");
          if (renewalDate != null) {
            days.add(time.dateOf(dates.before(renewalDate, "outreach")));
          }
        }
      }
      return days;
    });
  }
}
