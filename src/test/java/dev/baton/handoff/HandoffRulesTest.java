package dev.baton.handoff;

import static org.assertj.core.api.Assertions.assertThat;

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

  @Test
  void theSlaEndsAt18OnTheLastBusinessDayAfterTheClose() {
    // Friday close: 1 day -> Monday, 3 days -> Wednesday; a Saturday close counts from the weekend.
    assertThat(HandoffSla.deadline(LocalDate.parse("2026-11-20"), 1)).isEqualTo(at("2026-11-23T18:00"));
    assertThat(HandoffSla.deadline(LocalDate.parse("2026-11-20"), 3)).isEqualTo(at("2026-11-25T18:00"));
    assertThat(HandoffSla.deadline(LocalDate.parse("2026-11-21"), 2)).isEqualTo(at("2026-11-24T18:00"));
  }

  @Test
  void missingContractDatesDefaultToAOneYearContractFromTheCloseDate() {
    DealWon completed = HandoffDeal.complete(deal(new BigDecimal("1000"), null, null, null));
    assertThat(completed.contractStart()).isEqualTo(LocalDate.parse("2026-11-20"));
    assertThat(completed.contractEnd()).isEqualTo(LocalDate.parse("2027-11-19"));
    assertThat(completed.renewalDate()).isEqualTo(LocalDate.parse("2027-11-19"));

    DealWon given = HandoffDeal.complete(deal(new BigDecimal("1000"), "2027-01-01", "2027-06-30", "2027-07-01"));
    assertThat(given.contractStart()).isEqualTo(LocalDate.parse("2027-01-01"));
    assertThat(given.renewalDate()).isEqualTo(LocalDate.parse("2027-07-01"));
  }

  @Test
  void aMultiYearContractCountsItsAmountPerYear() {
    assertThat(HandoffDeal.annualContractValue(HandoffDeal.complete(
        deal(new BigDecimal("300000"), "2026-12-01", "2029-11-30", null)))).isEqualTo(100_000.0);
    assertThat(HandoffDeal.annualContractValue(HandoffDeal.complete(
        deal(new BigDecimal("100000"), "2026-12-01", "2028-05-31", null)))).isCloseTo(66_666.67, within());
    assertThat(HandoffDeal.annualContractValue(HandoffDeal.complete(
        deal(new BigDecimal("12000"), "2026-12-01", "2027-05-31", null)))).isEqualTo(12000.0);
    assertThat(HandoffDeal.annualContractValue(HandoffDeal.complete(deal(null, null, null, null)))).isNull();
  }

  @Test
  void countriesMapToRegions() {
    assertThat(Regions.of("Germany")).isEqualTo("EMEA");
    assertThat(Regions.of("us")).isEqualTo("NA");
    assertThat(Regions.of(" Brazil ")).isEqualTo("LATAM");
    assertThat(Regions.of("JP")).isEqualTo("APAC");
    assertThat(Regions.of("Atlantis")).isNull();
    assertThat(Regions.of(null)).isNull();
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
    return Date.from(LocalDateTime.parse(local).atZone(ZoneId.systemDefault()).toInstant());
  }
}
