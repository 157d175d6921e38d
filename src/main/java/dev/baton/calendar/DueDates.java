package dev.baton.calendar;

import java.time.ZoneId;
import java.util.Date;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.stereotype.Component;

/**
 * Due dates and timer dates for any model, by expression: {@code camunda:dueDate="${dueDates.businessDays(2)}"}.
 * Uses the engine's clock, so tests can move it with ClockUtil.
 */
@Component("dueDates")
public class DueDates {

  /** That many business days from now (the engine's clock, so tests can move it). */
  public Date businessDays(int days) {
    var now = ClockUtil.getCurrentTime().toInstant().atZone(ZoneId.systemDefault());
    return Date.from(BusinessDays.add(now, days).toInstant());
  }
}
