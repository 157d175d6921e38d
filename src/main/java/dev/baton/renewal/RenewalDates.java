package dev.baton.renewal;

import dev.baton.calendar.BusinessTime;
import dev.baton.calendar.TimerSpread;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.Date;
import org.springframework.stereotype.Component;

/**
 * The dates of RenewalPreparation.bpmn, by expression: {@code ${renewalDates.before(renewalDate, 'review')}}
 * is the renewal date minus the configured offset of that step, at {@code baton.renewal.at} in the business time
 * zone ({@code baton.time-zone}). A timer names the account too, {@code ${renewalDates.before(renewalDate, 'review',
 * accountId)}}, and fires at the account's own moment of {@code baton.timers.spread} after that time
 * ({@link TimerSpread}), so the renewal steps of a large portfolio's day do not fall due together; due dates
 * stay at {@code baton.renewal.at}.
 * Timers use it to start a step (a date already past makes the timer due at once: Camunda runs overdue
 * timers straight away), user tasks as their due date (the invitation by day 120, the signature a month
 * before: a date already past makes the task late at once, and RACI escalates it).
 */
@Component("renewalDates")
public class RenewalDates {

  private final RenewalProperties properties;
  private final BusinessTime time;
  private final TimerSpread spread;

  RenewalDates(RenewalProperties properties, BusinessTime time, TimerSpread spread) {
    this.properties = properties;
    this.time = time;
    this.spread = spread;
  }

  /** The moment the step is due: {@code offsets.<step>} days before the renewal date, at {@code baton.renewal.at}. */
  public Date before(Object renewalDate, String step) {
    return at(date(renewalDate).minusDays(properties.offset(step)));
  }

  /** The moment the step's timer fires: as {@link #before(Object, String)}, plus the account's spread. */
  public Date before(Object renewalDate, String step, Object accountId) {
    return spread.dateAt(date(renewalDate).minusDays(properties.offset(step)), properties.at(), accountId);
  }

  /** The renewal date itself. */
  public Date on(Object renewalDate) {
    return at(date(renewalDate));
  }

  /** How long the customer has to answer the survey, as an ISO-8601 duration for a timer ({@code P10D}). */
  public String surveyAnswerWait() {
    return "P" + properties.surveyAnswerDays() + "D";
  }

  /** The renewal date after this one, one contract term later (proposed on the contract form). */
  public String next(Object renewalDate) {
    return date(renewalDate).plus(properties.term()).toString();
  }

  Date at(LocalDate day) {
    ZonedDateTime moment = time.at(day, properties.at());
    return Date.from(moment.toInstant());
  }

  /** A renewal date as the process keeps it ({@code yyyy-MM-dd} text) or as a date. */
  public LocalDate date(Object value) {
    if (value instanceof LocalDate date) {
      return date;
    }
    if (value instanceof Date date) {
      return time.dateOf(date);
    }
    if (value instanceof String text && !text.isBlank()) {
      try {
        return LocalDate.parse(text.length() > 10 ? text.substring(0, 10) : text);
      } catch (java.time.format.DateTimeParseException e) {
        throw new IllegalArgumentException("renewalDate: '" + text + "' is not a date; use yyyy-MM-dd", e);
      }
    }
    throw new IllegalArgumentException("renewalDate: missing; RenewalPreparation needs the variable renewalDate (yyyy-MM-dd)");
  }
}
