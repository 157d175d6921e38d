package dev.baton.engine;

import java.util.Date;
import org.camunda.bpm.engine.impl.calendar.DueDateBusinessCalendar;
import org.camunda.bpm.engine.impl.context.Context;

/**
 * Camunda's due-date calendar, the one that reads {@code camunda:dueDate} (an ISO-8601 date or a
 * duration such as {@code P3D}), so Baton's defaults mean what the model's values mean.
 */
public final class DueDateCalendar {

  private DueDateCalendar() {}

  /** The date {@code text} names, counted from the engine's current time; only inside a command. */
  public static Date resolve(String text) {
    return Context.getProcessEngineConfiguration().getBusinessCalendarManager()
        .getBusinessCalendar(DueDateBusinessCalendar.NAME).resolveDuedate(text);
  }
}
