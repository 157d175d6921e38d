package dev.baton.handoff;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.calendar.BusinessCalendar;
import dev.baton.crm.DealWon;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Date;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The handoff's small rules: SLA deadline in business days, contract defaults, annual value, regions. */
class HandoffRulesTest {

  /** Not the server's zone: the SLA ends at 18:00 in the business time zone (baton.time-zone). */
  static final ZoneId ZONE = ZoneId.of("Europe/Berlin");
  static final BusinessCalendar WEEKDAYS = BusinessCalendar.WEEKENDS_ONLY;
  static final LocalDate CLOSE = LocalDate.parse("2026-11-20");

  @Test
  void theSlaEndsAt18OnTheLastBusinessDayAfterTheClose() {
    // Friday close: 1 day -> Monday, 3 days -> Wednesday; a Saturday close counts from the weekend.
    assertThat(HandoffSla.deadline(LocalDate.parse("2026-11-20"), 1, WEEKDAYS, ZONE)).isEqualTo(at("2026-11-23T18:00"));
    assertThat(HandoffSla.deadline(LocalDate.parse("2026-11-20"), 3, WEEKDAYS, ZONE)).isEqualTo(at("2026-11-25T18:00"));
    assertThat(HandoffSla.deadline(LocalDate.parse("2026-11-21"), 2, WEEKDAYS, ZONE)).isEqualTo(at("2026-11-24T18:00"));
  }

  @Test
  void theSlaSkipsThePublicHolidaysOfTheHandoffsCalendar() {
    // Thursday 2026-12-24 close, 1 day: Christmas (Friday) is a holiday in Germany -> Monday 18:00.
    assertThat(HandoffSla.deadline(LocalDate.parse("2026-12-24"), 1, BusinessCalendar.of("DE"), ZONE))
        .isEqualTo(at("2026-12-28T18:00"));
    assertThat(HandoffSla.deadline(LocalDate.parse("2026-12-24"), 1, WEEKDAYS, ZONE)).isEqualTo(at("2026-12-25T18:00"));
  }

  @Test
  void eachStepIsDueAtItsShareOfTheSlaSoAOneDaySlaCanBeMet() {
    // Friday 10:00 to Monday 18:00: 17 working hours (09:00-18:00).
    Date started = at("2026-11-20T10:00");
    Date deadline = at("2026-11-23T18:00");
    BusinessCalendar weekdays = BusinessCalendar.WEEKENDS_ONLY;
    assertThat(HandoffSla.due(HandoffSla.Step.CHECKLIST, started, deadline, started, weekdays, ZONE)).isEqualTo(at("2026-11-20T15:40"));
    assertThat(HandoffSla.due(HandoffSla.Step.REVIEW, started, deadline, at("2026-11-20T11:00"), weekdays, ZONE))
        .isEqualTo(at("2026-11-23T12:20"));
    assertThat(HandoffSla.due(HandoffSla.Step.KNOWLEDGE_TRANSFER, started, deadline, at("2026-11-20T12:00"), weekdays, ZONE))
        .isEqualTo(deadline);
  }

  @Test
  void aStepWhoseShareHasPassedIsDueWithinWhatRemainsAndAtOnceAfterTheDeadline() {
    Date started = at("2026-11-20T10:00");
    Date deadline = at("2026-11-23T18:00");
    BusinessCalendar weekdays = BusinessCalendar.WEEKENDS_ONLY;
    // Sent back Monday 13:00: 5 hours remain; the checklist gets a third of them, the review then half of the rest.
    assertThat(HandoffSla.due(HandoffSla.Step.CHECKLIST, started, deadline, at("2026-11-23T13:00"), weekdays, ZONE))
        .isEqualTo(at("2026-11-23T14:40"));
    assertThat(HandoffSla.due(HandoffSla.Step.REVIEW, started, deadline, at("2026-11-23T14:00"), weekdays, ZONE))
        .isEqualTo(at("2026-11-23T16:00"));
    // Past the deadline: due at once (RACI escalates it).
    assertThat(HandoffSla.due(HandoffSla.Step.CHECKLIST, started, deadline, at("2026-11-23T19:00"), weekdays, ZONE))
        .isEqualTo(at("2026-11-23T19:00"));
  }

  @Test
  void theServerRequiresWhatTheChecklistFormMarksRequired() throws Exception {
    ChecklistForm.Fields fields = ChecklistForm.parse(new com.fasterxml.jackson.databind.ObjectMapper()
        .readTree(java.nio.file.Path.of("forms/handoff-checklist.form").toFile()));
    assertThat(fields.required()).contains("useCase", "roiAnalysis", "salesPerceptions", "othersInvolved",
        "transitionDate", "canServeToday", "salesKickoffSignOff").doesNotContain("accountName", "missingItems");
    assertThat(fields.dates()).contains("contractStart", "contractEnd", "renewalDate", "transitionDate",
        "acceptanceReviewDate");
  }

  @Test
  void missingContractDatesDefaultToAOneYearContractFromTheCloseDate() {
    DealWon completed = HandoffDeal.complete(deal(new BigDecimal("1000"), null, null, null), CLOSE);
    assertThat(completed.contractStart()).isEqualTo(LocalDate.parse("2026-11-20"));
    assertThat(completed.contractEnd()).isEqualTo(LocalDate.parse("2027-11-19"));
    assertThat(completed.renewalDate()).isEqualTo(LocalDate.parse("2027-11-19"));

    DealWon given = HandoffDeal.complete(deal(new BigDecimal("1000"), "2027-01-01", "2027-06-30", "2027-07-01"), CLOSE);
    assertThat(given.contractStart()).isEqualTo(LocalDate.parse("2027-01-01"));
    assertThat(given.renewalDate()).isEqualTo(LocalDate.parse("2027-07-01"));
  }

  @Test
  void aMultiYearContractCountsItsAmountPerYear() {
    assertThat(HandoffDeal.annualContractValue(HandoffDeal.complete(
        deal(new BigDecimal("300000"), "2026-12-01", "2029-11-30", null), CLOSE))).isEqualTo(100_000.0);
    assertThat(HandoffDeal.annualContractValue(HandoffDeal.complete(
        deal(new BigDecimal("100000"), "2026-12-01", "2028-05-31", null), CLOSE))).isCloseTo(66_666.67, within());
    assertThat(HandoffDeal.annualContractValue(HandoffDeal.complete(
        deal(new BigDecimal("12000"), "2026-12-01", "2027-05-31", null), CLOSE))).isEqualTo(12000.0);
    assertThat(HandoffDeal.annualContractValue(HandoffDeal.complete(deal(null, null, null, null), CLOSE))).isNull();
  }


  private static DealWon deal(BigDecimal amount, String start, String end, String renewal) {
    return new DealWon("crm", "1", "a", "A", amount, "EUR", LocalDate.parse("2026-11-20"), date(start), date(end),
        date(renewal), null, null, List.of());
  }

  private static LocalDate date(String value) {
    return value == null ? null : LocalDate.parse(value);
  }

  private static org.assertj.core.data.Offset<Double> within() {
    return org.assertj.core.data.Offset.offset(0.01);
  }

  private static Date at(String local) {
    return Date.from(LocalDateTime.parse(local).atZone(ZONE).toInstant());
  }
}
