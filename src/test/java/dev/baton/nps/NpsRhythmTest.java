package dev.baton.nps;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.calendar.BusinessTime;
import dev.baton.calendar.TimerSpread;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Date;
import org.junit.jupiter.api.Test;

/** Each account's surveys go out at its own moment of baton.timers.spread after baton.nps.at. */
class NpsRhythmTest {

  static final ZoneId ZONE = ZoneId.of("UTC");
  static final BusinessTime TIME = new BusinessTime(Clock.fixed(Instant.parse("2027-01-10T12:00:00Z"), ZONE));
  static final TimerSpread SPREAD = new TimerSpread(TIME, Duration.ofHours(2));
  static final NpsRhythm RHYTHM = new NpsRhythm(new NpsProperties(null, null, null, null, null), TIME, SPREAD);

  static Date nineOn(String day) {
    return Date.from(LocalDate.parse(day).atTime(9, 0).atZone(ZONE).toInstant());
  }

  @Test
  void theFirstAndNextSurveysOfAnAccountFireAtItsOwnMomentWithinTheWindowAfterNine() {
    Date first = RHYTHM.firstSurvey("2026-12-01", "acme");
    Date next = RHYTHM.nextSurvey("2027-03-01", "acme");

    assertThat(first).isEqualTo(Date.from(nineOn("2027-03-01").toInstant().plus(SPREAD.offset("acme"))));
    assertThat(next).isEqualTo(Date.from(nineOn("2027-09-01").toInstant().plus(SPREAD.offset("acme"))));
    assertThat(first).isBetween(nineOn("2027-03-01"), Date.from(nineOn("2027-03-01").toInstant().plusSeconds(7200)),
        true, false);
    // The same account, the same moment, on every call.
    assertThat(RHYTHM.firstSurvey("2026-12-01", "acme")).isEqualTo(first);
  }

  @Test
  void aProgrammeOfAnOlderModelWithoutTheAccountKeepsNineExactly() {
    assertThat(RHYTHM.firstSurvey("2026-12-01")).isEqualTo(nineOn("2027-03-01"));
    assertThat(RHYTHM.nextSurvey("2027-03-01")).isEqualTo(nineOn("2027-09-01"));
  }
}
