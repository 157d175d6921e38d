package dev.baton.calendar;

import de.focus_shift.jollyday.core.Holiday;
import de.focus_shift.jollyday.core.HolidayManager;
import de.focus_shift.jollyday.core.HolidayType;
import de.focus_shift.jollyday.core.ManagerParameters;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.Year;
import java.time.ZonedDateTime;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * Business days of one calendar: Monday to Friday, except the public holidays of a country (and
 * subdivision) as the Jollyday library knows them. Working hours are 09:00 to 18:00 local time; they are
 * what a share of a deadline's window is measured in ({@link #shareOfWorkingTime}).
 */
public final class BusinessCalendar {

  /** The working day starts at this time (a share of working time is measured between these). */
  public static final LocalTime WORK_STARTS = LocalTime.of(9, 0);
  /** The working day ends at this time; deadlines are due then. */
  public static final LocalTime WORK_ENDS = LocalTime.of(18, 0);

  /** Monday to Friday, no holidays. */
  public static final BusinessCalendar WEEKENDS_ONLY = new BusinessCalendar("", null, new String[0]);

  private final String code;
  private final HolidayManager holidays;
  private final String[] subdivision;
  private final Map<Integer, Set<LocalDate>> byYear = new ConcurrentHashMap<>();

  private BusinessCalendar(String code, HolidayManager holidays, String[] subdivision) {
    this.code = code;
    this.holidays = holidays;
    this.subdivision = subdivision;
  }

  /**
   * The calendar of {@code code}: an ISO 3166 country code, optionally with a subdivision ({@code US},
   * {@code DE-BY}, {@code GB-ENG}); blank is {@link #WEEKENDS_ONLY}. An unknown country is refused.
   */
  public static BusinessCalendar of(String code) {
    if (code == null || code.isBlank()) {
      return WEEKENDS_ONLY;
    }
    String[] parts = code.trim().split("[-_]", 2);
    String country = parts[0].toUpperCase(Locale.ROOT);
    if (!HolidayManager.getSupportedCalendarCodes().contains(country)) {
      throw new IllegalArgumentException("Unknown holiday calendar '" + code + "': use an ISO 3166 country code such"
          + " as US, GB, DE, optionally with a subdivision such as DE-BY, or leave it empty for weekends only");
    }
    HolidayManager manager = HolidayManager.getInstance(ManagerParameters.create(country));
    String[] subdivision = parts.length == 2 ? new String[] {parts[1].toLowerCase(Locale.ROOT)} : new String[0];
    if (subdivision.length == 1 && !manager.getCalendarHierarchy().getChildren().containsKey(subdivision[0])) {
      throw new IllegalArgumentException("Unknown subdivision in holiday calendar '" + code + "': " + country
          + " has " + manager.getCalendarHierarchy().getChildren().keySet().stream().sorted()
          .map(s -> country + "-" + s.toUpperCase(Locale.ROOT)).toList());
    }
    return new BusinessCalendar(code.trim(), manager, subdivision);
  }

  /** The code this calendar was made from (empty: weekends only). */
  public String code() {
    return code;
  }

  public boolean isBusinessDay(LocalDate day) {
    return day.getDayOfWeek() != DayOfWeek.SATURDAY && day.getDayOfWeek() != DayOfWeek.SUNDAY && !isHoliday(day);
  }

  public boolean isHoliday(LocalDate day) {
    if (holidays == null) {
      return false;
    }
    return byYear.computeIfAbsent(day.getYear(), year -> holidays
        .getHolidays(Year.of(year), HolidayType.PUBLIC_HOLIDAY, subdivision).stream()
        .map(Holiday::getActualDate).collect(Collectors.toUnmodifiableSet())).contains(day);
  }

  /** {@code days} business days after {@code start}, at the same time of day (Friday + 1 = Monday, or Tuesday if Monday is a holiday). */
  public ZonedDateTime addBusinessDays(ZonedDateTime start, int days) {
    if (days < 0) {
      throw new IllegalArgumentException("days must not be negative: " + days);
    }
    ZonedDateTime result = start;
    int added = 0;
    while (added < days) {
      result = result.plusDays(1);
      if (isBusinessDay(result.toLocalDate())) {
        added++;
      }
    }
    return result;
  }

  /** The working time (09:00 to 18:00 of business days) between two moments; zero if {@code to} is not after {@code from}. */
  public Duration workingTime(ZonedDateTime from, ZonedDateTime to) {
    Duration total = Duration.ZERO;
    for (LocalDate day = from.toLocalDate(); !day.isAfter(to.toLocalDate()); day = day.plusDays(1)) {
      if (isBusinessDay(day)) {
        ZonedDateTime start = latest(from, day.atTime(WORK_STARTS).atZone(from.getZone()));
        ZonedDateTime end = earliest(to, day.atTime(WORK_ENDS).atZone(from.getZone()));
        if (end.isAfter(start)) {
          total = total.plus(Duration.between(start, end));
        }
      }
    }
    return total;
  }

  /**
   * The moment when {@code share} (0 to 1) of the working time between {@code from} and {@code to} has
   * passed: with 09:00 to 18:00 working days, a third of Friday 10:00 to Monday 18:00 (17 working hours)
   * is Friday 15:40. A share of 1, or no working time between them, is {@code to}.
   */
  public ZonedDateTime shareOfWorkingTime(ZonedDateTime from, ZonedDateTime to, double share) {
    Duration total = workingTime(from, to);
    if (share >= 1 || total.isZero()) {
      return to;
    }
    Duration left = Duration.ofSeconds(Math.round(total.toSeconds() * Math.max(0, share)));
    for (LocalDate day = from.toLocalDate(); !day.isAfter(to.toLocalDate()); day = day.plusDays(1)) {
      if (isBusinessDay(day)) {
        ZonedDateTime start = latest(from, day.atTime(WORK_STARTS).atZone(from.getZone()));
        ZonedDateTime end = earliest(to, day.atTime(WORK_ENDS).atZone(from.getZone()));
        if (end.isAfter(start)) {
          Duration today = Duration.between(start, end);
          if (left.compareTo(today) <= 0) {
            return start.plus(left);
          }
          left = left.minus(today);
        }
      }
    }
    return to;
  }

  private static ZonedDateTime latest(ZonedDateTime a, ZonedDateTime b) {
    return a.isAfter(b) ? a : b;
  }

  private static ZonedDateTime earliest(ZonedDateTime a, ZonedDateTime b) {
    return a.isBefore(b) ? a : b;
  }
}
