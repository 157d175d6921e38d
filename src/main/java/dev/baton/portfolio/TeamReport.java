package dev.baton.portfolio;

import dev.baton.health.HealthHistory;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/**
 * The team report (docs/portfolio.md): per CSM of the accounts the viewer sees, their accounts, ARR, open and
 * late steps and red accounts, and their load against the coverage targets ({@code baton.reporting.coverage}):
 * each account counts as 1/target of a CSM's capacity in its segment, and its ARR as a share of the segment's
 * ARR target; 1.0 is a full book.
 */
@Component
class TeamReport {

  static final String NO_CSM = "(none)";

  private final BookOfBusiness book;
  private final ReportingCurrency currency;
  private final ReportingProperties properties;
  private final HealthHistory health;

  TeamReport(BookOfBusiness book, ReportingCurrency currency, ReportingProperties properties, HealthHistory health) {
    this.book = book;
    this.currency = currency;
    this.properties = properties;
    this.health = health;
  }

  record Segment(String segment, long accounts, ReportingCurrency.Total arr, Integer accountsTarget,
      BigDecimal arrTarget) {}

  record Member(String csm, long accounts, ReportingCurrency.Total arr, long openSteps, long lateSteps,
      long redAccounts, Double accountLoad, Double arrLoad, List<Segment> bySegment) {}

  record Report(String currency, Map<String, ReportingProperties.Coverage> coverage, List<Member> csms) {}

  Report of(Viewer viewer) {
    Map<String, List<AccountRow>> byCsm = book.visibleRows(viewer).stream()
        .collect(Collectors.groupingBy(row -> row.csm() == null ? NO_CSM : row.csm(), TreeMap::new, Collectors.toList()));
    List<Member> members = new ArrayList<>();
    byCsm.forEach((csm, rows) -> members.add(member(csm, rows)));
    return new Report(currency.code(), new TreeMap<>(properties.coverage()), members);
  }

  private Member member(String csm, List<AccountRow> rows) {
    List<Segment> segments = new ArrayList<>();
    double accountLoad = 0;
    double arrLoad = 0;
    boolean anyTarget = false;
    Map<String, List<AccountRow>> bySegment = rows.stream().collect(Collectors.groupingBy(
        row -> row.segment() == null ? "(none)" : row.segment(), TreeMap::new, Collectors.toList()));
    for (var entry : bySegment.entrySet()) {
      ReportingCurrency.Total arr = currency.sum(entry.getValue().stream().map(AccountRow::arr).toList());
      var target = properties.coverageOf(entry.getKey());
      Integer accountsTarget = target.map(ReportingProperties.Coverage::accounts).orElse(null);
      BigDecimal arrTarget = target.map(ReportingProperties.Coverage::arr).orElse(null);
      if (accountsTarget != null && accountsTarget > 0) {
        accountLoad += entry.getValue().size() / (double) accountsTarget;
        anyTarget = true;
      }
      if (arrTarget != null && arrTarget.signum() > 0) {
        arrLoad += arr.amount().divide(arrTarget, 6, RoundingMode.HALF_UP).doubleValue();
      }
      segments.add(new Segment(entry.getKey(), entry.getValue().size(), arr, accountsTarget, arrTarget));
    }
    return new Member(csm, rows.size(), currency.sum(rows.stream().map(AccountRow::arr).toList()),
        rows.stream().mapToLong(AccountRow::openSteps).sum(),
        rows.stream().mapToLong(AccountRow::lateSteps).sum(),
        rows.stream().filter(row -> health.worstBand().equals(row.healthBand())).count(),
        anyTarget ? round(accountLoad) : null, anyTarget ? round(arrLoad) : null, segments);
  }

  private static double round(double load) {
    return Math.round(load * 100) / 100.0;
  }
}
