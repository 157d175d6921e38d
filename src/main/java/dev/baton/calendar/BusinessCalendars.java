package dev.baton.calendar;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The configured business calendars ({@code baton.calendar}): the company's, and the one of the team
 * that serves each sales region. A wrong country code stops the start with a message naming it.
 */
@Component
public class BusinessCalendars {

  private static final Logger log = LoggerFactory.getLogger(BusinessCalendars.class);

  private final BusinessCalendar company;
  private final Map<String, BusinessCalendar> byRegion = new HashMap<>();

  public BusinessCalendars(CalendarSettings settings) {
    this.company = BusinessCalendar.of(settings.holidays());
    settings.regionHolidays().forEach((region, code) ->
        byRegion.put(region.toUpperCase(Locale.ROOT), BusinessCalendar.of(code)));
    log.info("Business days: Monday to Friday without the public holidays of {}; by region: {}",
        company.code().isEmpty() ? "no country (weekends only)" : company.code(), settings.regionHolidays());
  }

  /** The company's calendar ({@code baton.calendar.holidays}). */
  public BusinessCalendar company() {
    return company;
  }

  /** The calendar of the team serving this region ({@code baton.calendar.region-holidays}), else the company's. */
  public BusinessCalendar forRegion(String region) {
    return region == null ? company : byRegion.getOrDefault(region.toUpperCase(Locale.ROOT), company);
  }
}
