package dev.baton.calendar;

import java.time.Clock;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Date;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Now and today for the business ({@code baton.time-zone}): due dates, link expiries, health, renewals and SLAs
 * read the time here, never from {@code ZoneId.systemDefault()} or {@code Instant.now()}, so that a server in
 * another zone computes the same dates and tests move one clock ({@link BusinessClock}).
 */
@Component("businessTime")
public class BusinessTime {

  private final Clock clock;

  @Autowired
  public BusinessTime(@Value("${baton.time-zone:UTC}") String zone) {
    this(new BusinessClock(zoneOf(zone)));
  }

  /** A business time on any clock (tests: {@code Clock.fixed}). */
  public BusinessTime(Clock clock) {
    this.clock = clock;
  }

  private static ZoneId zoneOf(String zone) {
    try {
      return ZoneId.of(zone.trim());
    } catch (DateTimeException e) {
      throw new IllegalArgumentException("baton.time-zone: unknown time zone '" + zone
          + "'; use a region id such as UTC, Europe/Berlin or America/New_York", e);
    }
  }

  /** The clock, in the business time zone. */
  public Clock clock() {
    return clock;
  }

  /** The business time zone ({@code baton.time-zone}). */
  public ZoneId zone() {
    return clock.getZone();
  }

  public Instant now() {
    return clock.instant();
  }

  /** Now as a {@link Date}, the type of Camunda's date variables and due dates. */
  public Date nowAsDate() {
    return Date.from(clock.instant());
  }

  /** Now in the business time zone. */
  public ZonedDateTime nowZoned() {
    return ZonedDateTime.now(clock);
  }

  /** Today in the business time zone. */
  public LocalDate today() {
    return LocalDate.now(clock);
  }

  /** The business day a moment falls on. */
  public LocalDate dateOf(Instant moment) {
    return moment.atZone(zone()).toLocalDate();
  }

  /** The business day a date variable falls on. */
  public LocalDate dateOf(Date moment) {
    return dateOf(moment.toInstant());
  }

  /** That time of that day in the business time zone. */
  public ZonedDateTime at(LocalDate day, LocalTime time) {
    return day.atTime(time).atZone(zone());
  }

  /** The start of that day in the business time zone, as a date variable. */
  public Date startOf(LocalDate day) {
    return Date.from(day.atStartOfDay(zone()).toInstant());
  }
}
