package dev.baton.calendar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Date;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** Baton's clock is the engine's clock, and its days are those of the business time zone (baton.time-zone). */
class BusinessTimeTest {

  /** Thursday 23:30 in UTC is already Friday 00:30 in Berlin. */
  static final Instant THURSDAY_LATE_UTC = Instant.parse("2026-11-19T23:30:00Z");

  final BusinessCalendars weekdays = new BusinessCalendars(new CalendarSettings("", null));

  @AfterEach
  void resetEngineClock() {
    ClockUtil.reset();
  }

  @Test
  void followsTheEngineClockThatProcessTestsMove() {
    ClockUtil.setCurrentTime(Date.from(THURSDAY_LATE_UTC));
    BusinessTime time = new BusinessTime("UTC");

    assertThat(time.now()).isEqualTo(THURSDAY_LATE_UTC);
    assertThat(time.nowAsDate()).isEqualTo(Date.from(THURSDAY_LATE_UTC));
    assertThat(time.today()).isEqualTo(LocalDate.parse("2026-11-19"));

    ClockUtil.setCurrentTime(Date.from(THURSDAY_LATE_UTC.plusSeconds(3600)));
    assertThat(time.now()).isEqualTo(THURSDAY_LATE_UTC.plusSeconds(3600));
    assertThat(time.today()).isEqualTo(LocalDate.parse("2026-11-20"));
  }

  @Test
  void todayAndBusinessDaysAreThoseOfTheBusinessTimeZone() {
    ClockUtil.setCurrentTime(Date.from(THURSDAY_LATE_UTC));
    BusinessTime berlin = new BusinessTime("Europe/Berlin");
    BusinessTime utc = new BusinessTime("UTC");

    assertThat(berlin.zone()).isEqualTo(ZoneId.of("Europe/Berlin"));
    assertThat(berlin.today()).isEqualTo(LocalDate.parse("2026-11-20"));
    assertThat(utc.today()).isEqualTo(LocalDate.parse("2026-11-19"));

    // One business day from Friday 00:30 in Berlin is Monday 00:30 there; from Thursday 23:30 UTC, Friday 23:30.
    assertThat(new DueDates(weekdays, berlin).businessDays(1))
        .isEqualTo(Date.from(Instant.parse("2026-11-22T23:30:00Z")));
    assertThat(new DueDates(weekdays, utc).businessDays(1))
        .isEqualTo(Date.from(Instant.parse("2026-11-20T23:30:00Z")));
  }

  @Test
  void dateVariablesAreReadAsDaysOfTheBusinessTimeZone() {
    BusinessTime berlin = new BusinessTime("Europe/Berlin");
    assertThat(berlin.dateOf(Date.from(THURSDAY_LATE_UTC))).isEqualTo(LocalDate.parse("2026-11-20"));
    assertThat(berlin.startOf(LocalDate.parse("2026-11-20"))).isEqualTo(Date.from(Instant.parse("2026-11-19T23:00:00Z")));
  }

  @Test
  void theZoneIsTheSettingBatonTimeZoneAndUtcWithoutIt() {
    ApplicationContextRunner context = new ApplicationContextRunner().withUserConfiguration(BusinessTime.class);
    context.withPropertyValues("baton.time-zone=Europe/Berlin")
        .run(started -> assertThat(started.getBean(BusinessTime.class).zone()).isEqualTo(ZoneId.of("Europe/Berlin")));
    context.run(started -> assertThat(started.getBean(BusinessTime.class).zone()).isEqualTo(ZoneId.of("UTC")));
  }

  @Test
  void anUnknownTimeZoneStopsTheStartNamingIt() {
    assertThatThrownBy(() -> new BusinessTime("Mars/Olympus"))
        .hasMessageContaining("baton.time-zone: unknown time zone 'Mars/Olympus'");
    new ApplicationContextRunner().withUserConfiguration(BusinessTime.class)
        .withPropertyValues("baton.time-zone=Mars/Olympus")
        .run(started -> assertThat(started).getFailure().hasStackTraceContaining("baton.time-zone: unknown time zone"));
  }
}
