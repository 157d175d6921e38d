package dev.baton.calendar;

import java.time.ZonedDateTime;

/**
 * Adds business days (Monday to Friday, no holidays) to a moment, keeping its time of day. For public
 * holidays use a {@link BusinessCalendar} ({@link BusinessCalendars}).
 */
public final class BusinessDays {

  private BusinessDays() {}

  /** Friday 10:00 plus 2 business days is Tuesday 10:00; Saturday 10:00 plus 2 is Tuesday 10:00 too. */
  public static ZonedDateTime add(ZonedDateTime start, int days) {
    return BusinessCalendar.WEEKENDS_ONLY.addBusinessDays(start, days);
  }
}
