package dev.baton.calendar;

import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code baton.calendar}: whose public holidays are no business days. {@code holidays} is the company's
 * calendar, an ISO 3166 country code with an optional subdivision ({@code US}, {@code DE-BY}, {@code GB-ENG});
 * empty means weekends only. {@code region-holidays} gives the team that serves a sales region (NA, LATAM,
 * EMEA, APAC) its own calendar; a region without one uses the company's.
 */
@ConfigurationProperties(prefix = "baton.calendar")
public record CalendarSettings(String holidays, Map<String, String> regionHolidays) {

  public CalendarSettings {
    holidays = holidays == null ? "" : holidays.trim();
    regionHolidays = regionHolidays == null ? Map.of() : Map.copyOf(regionHolidays);
  }
}
