package dev.baton.calendar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Each account's timers of a day fire at its own moment of baton.timers.spread (docs/lifecycle.md#timers-spread-by-account). */
class TimerSpreadTest {

  static final ZoneId ZONE = ZoneId.of("Europe/Berlin");
  static final BusinessTime TIME = new BusinessTime(Clock.system(ZONE));
  static final Duration TWO_HOURS = Duration.ofHours(2);

  @Test
  void anAccountAlwaysGetsTheSameOffsetWhoeverComputesIt() {
    TimerSpread one = new TimerSpread(TIME, TWO_HOURS);
    TimerSpread another = new TimerSpread(TIME, TWO_HOURS);

    assertThat(one.offset("acme")).isEqualTo(another.offset("acme")).isEqualTo(one.offset("acme"));
    // Fixed by definition, not by the JVM: the same account keeps its moment across restarts and upgrades.
    assertThat(one.offset("acme")).isEqualTo(Duration.ofSeconds(Math.floorMod(TimerSpread.hash("acme"), 7200)));
  }

  @Test
  void offsetsStayWithinTheWindowAndSpreadAPortfolioOverIt() {
    TimerSpread spread = new TimerSpread(TIME, TWO_HOURS);
    Set<Long> minutes = new HashSet<>();
    int[] perQuarterHour = new int[8];
    for (int i = 0; i < 10_000; i++) {
      Duration offset = spread.offset("customer-" + i);
      assertThat(offset).isGreaterThanOrEqualTo(Duration.ZERO).isLessThan(TWO_HOURS);
      minutes.add(offset.toMinutes());
      perQuarterHour[(int) (offset.toMinutes() / 15)]++;
    }
    // Ids that differ in one character land all over the window, not in one corner of it.
    assertThat(minutes).hasSize(120);
    for (int count : perQuarterHour) {
      assertThat(count).isBetween(1_000, 1_500);
    }
  }

  @Test
  void theMomentIsTheConfiguredTimeOfDayPlusTheAccountsOffset() {
    TimerSpread spread = new TimerSpread(TIME, TWO_HOURS);
    LocalDate day = LocalDate.parse("2027-03-29");

    assertThat(spread.at(day, LocalTime.of(9, 0), "acme"))
        .isEqualTo(day.atTime(9, 0).atZone(ZONE).plus(spread.offset("acme")));
    assertThat(spread.dateAt(day, LocalTime.of(9, 0), "acme").toInstant())
        .isEqualTo(spread.at(day, LocalTime.of(9, 0), "acme").toInstant());
  }

  @Test
  void noWindowOrNoAccountMeansTheConfiguredTimeExactly() {
    LocalDate day = LocalDate.parse("2027-03-29");
    assertThat(new TimerSpread(TIME, Duration.ZERO).at(day, LocalTime.of(9, 0), "acme"))
        .isEqualTo(day.atTime(9, 0).atZone(ZONE));
    assertThat(new TimerSpread(TIME, TWO_HOURS).at(day, LocalTime.of(9, 0), null))
        .isEqualTo(day.atTime(9, 0).atZone(ZONE));
  }

  @Test
  void aNegativeOrDayLongWindowIsRefusedNamingTheSetting() {
    assertThatThrownBy(() -> new TimerSpread(TIME, Duration.ofMinutes(-5))).hasMessageContaining("baton.timers.spread");
    assertThatThrownBy(() -> new TimerSpread(TIME, Duration.ofHours(24))).hasMessageContaining("baton.timers.spread");
  }
}
