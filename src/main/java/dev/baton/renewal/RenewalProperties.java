package dev.baton.renewal;

import java.time.LocalTime;
import java.time.Period;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of renewal preparation ({@code baton.renewal}, docs/renewal.md). {@code offsets}: days before
 * the renewal date at which each step of RenewalPreparation.bpmn starts or is due, by the name its timer
 * or due date uses ({@code ${renewalDates.before(renewalDate, 'survey')}}); another company changes these
 * numbers, not the model. {@code surveyAnswerDays}: how long the customer has to answer the likelihood survey before
 * the CSM reaches out in person. {@code at}: the local time of day the timers fire. {@code term}: the
 * usual contract term, which proposes the next renewal date on the contract form.
 */
@ConfigurationProperties(prefix = "baton.renewal")
record RenewalProperties(Map<String, Integer> offsets, Integer surveyAnswerDays, LocalTime at, Period term) {

  /**
   * The steps of RenewalPreparation.bpmn and their defaults (docs/domain.md#renewals): the internal review
   * early enough that the customer hears from us by day 120 ({@code outreach}, the invitation's due date),
   * the likelihood survey at 90 and, for an unsure or missing answer, again at 75; the contract prepared
   * two months before so that it is signed a month before ({@code signing}, the decision's due date).
   */
  static final Map<String, Integer> DEFAULT_OFFSETS = Map.of("review", 135, "outreach", 120, "survey", 90,
      "survey-again", 75, "contract", 60, "signing", 30);

  public RenewalProperties {
    Map<String, Integer> merged = new LinkedHashMap<>(DEFAULT_OFFSETS);
    if (offsets != null) {
      merged.putAll(offsets);
    }
    merged.forEach((step, days) -> {
      if (days == null || days < 0 || days > 730) {
        throw new IllegalArgumentException("baton.renewal.offsets." + step + ": " + days
            + " is not a number of days between 0 and 730 before the renewal date");
      }
    });
    offsets = Map.copyOf(merged);
    surveyAnswerDays = surveyAnswerDays == null ? 10 : surveyAnswerDays;
    if (surveyAnswerDays < 1 || surveyAnswerDays > 90) {
      throw new IllegalArgumentException("baton.renewal.survey-answer-days: " + surveyAnswerDays
          + " is not a number of days between 1 and 90");
    }
    at = at == null ? LocalTime.of(9, 0) : at;
    term = term == null ? Period.ofYears(1) : term;
    if (term.isNegative() || term.isZero()) {
      throw new IllegalArgumentException("baton.renewal.term: " + term + " must be a positive period such as P1Y");
    }
  }

  /** Days before the renewal date of the step; a step the model names but configuration lacks is an error naming the fix. */
  public int offset(String step) {
    Integer days = offsets.get(step);
    if (days == null) {
      throw new IllegalArgumentException("baton.renewal.offsets." + step + " is not configured; add it (days "
          + "before the renewal date) or use one of " + List.copyOf(offsets.keySet()));
    }
    return days;
  }
}
