package dev.baton.renewal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.baton.calendar.BusinessTime;
import dev.baton.calendar.TimerSpread;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.Period;
import java.time.ZoneId;
import java.util.Date;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The step dates from configuration: another company changes numbers in baton.renewal, not the model. */
class RenewalDatesTest {

  /** Not the server's zone: the steps start at 09:00 in the business time zone (baton.time-zone). */
  static final ZoneId ZONE = ZoneId.of("America/New_York");
  static final BusinessTime TIME = new BusinessTime(Clock.system(ZONE));
  static final TimerSpread NO_SPREAD = new TimerSpread(TIME, Duration.ZERO);

  static Date at(String day, int hour) {
    return Date.from(LocalDate.parse(day).atTime(hour, 0).atZone(ZONE).toInstant());
  }

  @Test
  void defaultsFollowTheProcedureAt9WithTenDaysToAnswer() {
    RenewalDates dates = new RenewalDates(new RenewalProperties(null, null, null, null), TIME, NO_SPREAD);

    // Internal review first, the customer hears from us by day 120, surveys at 90 and 75, the contract
    // prepared at 60 and signed at 30 (docs/domain.md#renewals).
    assertThat(dates.before("2027-03-31", "review")).isEqualTo(at("2026-11-16", 9));
    assertThat(dates.before("2027-03-31", "outreach")).isEqualTo(at("2026-12-01", 9));
    assertThat(dates.before("2027-03-31", "survey")).isEqualTo(at("2026-12-31", 9));
    assertThat(dates.before("2027-03-31", "survey-again")).isEqualTo(at("2027-01-15", 9));
    assertThat(dates.before("2027-03-31", "contract")).isEqualTo(at("2027-01-30", 9));
    assertThat(dates.before("2027-03-31", "signing")).isEqualTo(at("2027-03-01", 9));
    assertThat(dates.on("2027-03-31")).isEqualTo(at("2027-03-31", 9));
    assertThat(dates.surveyAnswerWait()).isEqualTo("P10D");
    assertThat(dates.next("2027-03-31")).isEqualTo("2028-03-31");
  }

  @Test
  void otherOffsetsTimeAndTermComeFromConfiguration() {
    RenewalDates dates = new RenewalDates(new RenewalProperties(Map.of("review", 150, "survey", 60, "kickoff", 200),
        14, LocalTime.of(7, 0), Period.ofYears(2)), TIME, NO_SPREAD);

    assertThat(dates.before("2027-03-31", "review")).isEqualTo(at("2026-11-01", 7));
    assertThat(dates.before("2027-03-31", "survey")).isEqualTo(at("2027-01-30", 7));
    assertThat(dates.before("2027-03-31", "contract")).isEqualTo(at("2027-01-30", 7));
    assertThat(dates.before("2027-03-31", "kickoff")).isEqualTo(at("2026-09-12", 7));
    assertThat(dates.surveyAnswerWait()).isEqualTo("P14D");
    assertThat(dates.next("2027-03-31")).isEqualTo("2029-03-31");
  }

  @Test
  void aStepsTimerFiresAtTheAccountsOwnMomentOfTheSpreadWhileItsDueDateStaysAtTheConfiguredTime() {
    TimerSpread spread = new TimerSpread(TIME, Duration.ofHours(2));
    RenewalDates dates = new RenewalDates(new RenewalProperties(null, null, null, null), TIME, spread);

    Date timer = dates.before("2027-03-31", "survey", "acme");
    assertThat(timer).isEqualTo(Date.from(at("2026-12-31", 9).toInstant().plus(spread.offset("acme"))));
    assertThat(timer).isBetween(at("2026-12-31", 9), at("2026-12-31", 11), true, false);
    assertThat(dates.before("2027-03-31", "survey")).isEqualTo(at("2026-12-31", 9));
  }

  @Test
  void aDateVariableIsTheDayItFallsOnInTheBusinessTimeZone() {
    RenewalDates dates = new RenewalDates(new RenewalProperties(null, null, null, null), TIME, NO_SPREAD);
    // 2027-04-01 02:00 UTC is still 31 March in New York.
    assertThat(dates.date(Date.from(java.time.Instant.parse("2027-04-01T02:00:00Z")))).isEqualTo(LocalDate.parse("2027-03-31"));
    assertThat(dates.on(Date.from(java.time.Instant.parse("2027-04-01T02:00:00Z")))).isEqualTo(at("2027-03-31", 9));
  }

  @Test
  void wrongSettingsAndDatesNameTheFieldAndTheFix() {
    RenewalDates dates = new RenewalDates(new RenewalProperties(null, null, null, null), TIME, NO_SPREAD);
    assertThatThrownBy(() -> dates.before("2027-03-31", "kickoff"))
        .hasMessageContaining("baton.renewal.offsets.kickoff is not configured");
    assertThatThrownBy(() -> dates.before("2027-13-01", "review"))
        .hasMessageContaining("renewalDate: '2027-13-01' is not a date; use yyyy-MM-dd");
    assertThatThrownBy(() -> new RenewalProperties(Map.of("survey", -5), null, null, null))
        .hasMessageContaining("baton.renewal.offsets.survey");
    assertThatThrownBy(() -> new RenewalProperties(null, 0, null, null))
        .hasMessageContaining("baton.renewal.survey-answer-days");
  }
}
