package dev.baton.calendar;

import java.time.ZoneId;
import java.util.Date;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.stereotype.Component;

/**
 * Due dates and timer dates for any model, by expression: {@code camunda:dueDate="${dueDates.businessDays(2)}"}.
 * Business days are the company's ({@code baton.calendar.holidays}: weekends and, if set, public holidays).
 * Uses the engine's clock, so tests can move it with ClockUtil.
 */
@Component("dueDates")
public class DueDates {

  private final BusinessCalendars calendars;

  public DueDates(BusinessCalendars calendars) {
    this.calendars = calendars;
  }

  /** That many business days from now (the engine's clock, so tests can move it). */
  public Date businessDays(int days) {
    var now = ClockUtil.getCurrentTime().toInstant().atZone(ZoneId.systemDefault());
    return Date.from(calendars.company().addBusinessDays(now, days).toInstant());
  }
}
