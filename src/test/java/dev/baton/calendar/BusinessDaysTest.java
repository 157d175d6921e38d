package dev.baton.calendar;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.ZonedDateTime;
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
}
