package dev.baton.calendar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BusinessDaysTest {

  @Test
  void twoBusinessDaysFromFridayIsTuesdaySameTime() {
    assertThat(BusinessDays.add(ZonedDateTime.parse("2026-11-27T10:00:00Z"), 2))
        .isEqualTo(ZonedDateTime.parse("2026-12-01T10:00:00Z"));
  }

  @Test
  void twoBusinessDaysFromMondayIsWednesday() {
    assertThat(BusinessDays.add(ZonedDateTime.parse("2026-11-23T09:30:00Z"), 2))
        .isEqualTo(ZonedDateTime.parse("2026-11-25T09:30:00Z"));
  }

  @Test
  void aWeekendStartCountsFromMonday() {
    assertThat(BusinessDays.add(ZonedDateTime.parse("2026-11-28T10:00:00Z"), 2))
        .isEqualTo(ZonedDateTime.parse("2026-12-01T10:00:00Z"));
    assertThat(BusinessDays.add(ZonedDateTime.parse("2026-11-29T10:00:00Z"), 1))
        .isEqualTo(ZonedDateTime.parse("2026-11-30T10:00:00Z"));
  }

  @Test
  void zeroDaysIsNow() {
    assertThat(BusinessDays.add(ZonedDateTime.parse("2026-11-28T10:00:00Z"), 0))
        .isEqualTo(ZonedDateTime.parse("2026-11-28T10:00:00Z"));
  }

  @Test
  void aPublicHolidayOfTheConfiguredCountryIsNoBusinessDay() {
    // Thanksgiving, Thursday 2026-11-26: Wednesday + 1 business day is Friday in the US, Thursday elsewhere.
    ZonedDateTime wednesday = ZonedDateTime.parse("2026-11-25T18:00:00Z");
    assertThat(BusinessCalendar.of("US").addBusinessDays(wednesday, 1)).isEqualTo(ZonedDateTime.parse("2026-11-27T18:00:00Z"));
    assertThat(BusinessCalendar.of("").addBusinessDays(wednesday, 1)).isEqualTo(ZonedDateTime.parse("2026-11-26T18:00:00Z"));
    // Christmas Day (Friday) in Germany: Thursday + 1 is Monday.
    assertThat(BusinessCalendar.of("DE").addBusinessDays(ZonedDateTime.parse("2026-12-24T18:00:00Z"), 1))
        .isEqualTo(ZonedDateTime.parse("2026-12-28T18:00:00Z"));
  }

  @Test
  void aSubdivisionAddsItsOwnHolidays() {
    // Epiphany (6 January) is a holiday in Bavaria, not in Berlin.
    assertThat(BusinessCalendar.of("DE-BY").isBusinessDay(LocalDate.parse("2026-01-06"))).isFalse();
    assertThat(BusinessCalendar.of("DE-BE").isBusinessDay(LocalDate.parse("2026-01-06"))).isTrue();
  }

  @Test
  void anUnknownCalendarIsRefusedNamingIt() {
    assertThatThrownBy(() -> BusinessCalendar.of("XX")).hasMessageContaining("'XX'");
    assertThatThrownBy(() -> BusinessCalendar.of("DE-ZZ")).hasMessageContaining("DE-BY");
  }

  @Test
  void theTeamOfARegionUsesItsOwnCalendarElseTheCompanys() {
    BusinessCalendars calendars = new BusinessCalendars(new CalendarSettings("US", Map.of("EMEA", "GB")));
    assertThat(calendars.forRegion("EMEA").code()).isEqualTo("GB");
    assertThat(calendars.forRegion("APAC").code()).isEqualTo("US");
    assertThat(calendars.forRegion(null).code()).isEqualTo("US");
    assertThat(new BusinessCalendars(new CalendarSettings(null, null)).company()).isSameAs(BusinessCalendar.WEEKENDS_ONLY);
  }

  @Test
  void workingTimeCountsNineToSixOfBusinessDaysOnly() {
    BusinessCalendar weekdays = BusinessCalendar.WEEKENDS_ONLY;
    ZonedDateTime friday = ZonedDateTime.parse("2026-11-20T10:00:00Z");
    ZonedDateTime monday = ZonedDateTime.parse("2026-11-23T18:00:00Z");
    assertThat(weekdays.workingTime(friday, monday)).isEqualTo(Duration.ofHours(17));
    assertThat(weekdays.shareOfWorkingTime(friday, monday, 1.0 / 3)).isEqualTo(ZonedDateTime.parse("2026-11-20T15:40:00Z"));
    assertThat(weekdays.shareOfWorkingTime(friday, monday, 2.0 / 3)).isEqualTo(ZonedDateTime.parse("2026-11-23T12:20:00Z"));
    assertThat(weekdays.shareOfWorkingTime(friday, monday, 1)).isEqualTo(monday);
    // A start in the evening counts from the next business morning.
    assertThat(weekdays.shareOfWorkingTime(ZonedDateTime.parse("2026-11-20T22:00:00Z"), monday, 0.5))
        .isEqualTo(ZonedDateTime.parse("2026-11-23T13:30:00Z"));
  }
}
