package dev.baton.calendar;

import java.util.Date;
import org.springframework.stereotype.Component;

/**
 * Due dates and timer dates for any model, by expression: {@code camunda:dueDate="${dueDates.businessDays(2)}"}.
 * Business days are the company's ({@code baton.calendar.holidays}: weekends and, if set, public holidays),
 * counted in the business time zone ({@code baton.time-zone}).
 */
@Component("dueDates")
public class DueDates {

  private final BusinessCalendars calendars;
  private final BusinessTime time;

  public DueDates(BusinessCalendars calendars, BusinessTime time) {
    this.calendars = calendars;
    this.time = time;
  }

  /** That many business days from now (Baton's clock, which tests move with the engine's). */
  public Date businessDays(int days) {
    return Date.from(calendars.company().addBusinessDays(time.nowZoned(), days).toInstant());
  }
}
