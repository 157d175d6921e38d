package dev.baton.calendar;

import java.time.DayOfWeek;
import java.time.ZonedDateTime;

/** Adds business days (Monday to Friday) to a moment, keeping its time of day. */
public final class BusinessDays {

  private BusinessDays() {}

  /** Friday 10:00 plus 2 business days is Tuesday 10:00; Saturday 10:00 plus 2 is Tuesday 10:00 too. */
  public static ZonedDateTime add(ZonedDateTime start, int days) {
    if (days < 0) {
      throw new IllegalArgumentException("days must not be negative: " + days);
    }
    ZonedDateTime result = start;
    int added = 0;
    while (added < days) {
      result = result.plusDays(1);
      if (result.getDayOfWeek() != DayOfWeek.SATURDAY && result.getDayOfWeek() != DayOfWeek.SUNDAY) {
        added++;
      }
    }
    return result;
  }
}
