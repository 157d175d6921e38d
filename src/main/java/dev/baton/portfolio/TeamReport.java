package dev.baton.portfolio;

import dev.baton.account.AccountTallies;
import dev.baton.account.Accounts;
import dev.baton.health.HealthHistory;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
  private final Accounts accounts;

  TeamReport(BookOfBusiness book, ReportingCurrency currency, ReportingProperties properties, HealthHistory health,
      Accounts accounts) {
    this.book = book;
    this.accounts = accounts;
    this.currency = currency;
    this.properties = properties;
    this.health = health;
  }

  record Segment(String segment, long accounts, ReportingCurrency.Total arr, Integer accountsTarget,
      BigDecimal arrTarget) {}

  record Member(String csm, long accounts, ReportingCurrency.Total arr, long openSteps, long lateSteps,
      long redAccounts, Double accountLoad, Double arrLoad, List<Segment> bySegment) {}

  record Report(String currency, Map<String, ReportingProperties.Coverage> coverage, List<Member> csms) {}

  /**
   * The accounts counted per CSM, segment and ARR by the database (Accounts.byCsmAndSegment), the steps from the
   * open work of the visible accounts that have some: no account is read whole.
   */
  Report of(Viewer viewer) {
    Map<String, List<AccountTallies.CsmShare>> byCsm = accounts.byCsmAndSegment(book.teamMember(viewer),
            health.worstBand()).stream()
        .collect(Collectors.groupingBy(share -> csm(share.csm()), TreeMap::new, Collectors.toList()));
    BookOfBusiness.VisibleWork visible = book.openWorkOfVisible(viewer);
    Map<String, List<OpenWork>> workByCsm = new HashMap<>();
    visible.work().forEach((account, work) -> workByCsm.computeIfAbsent(
        csm(visible.csms().getOrDefault(account, Optional.empty()).orElse(null)), c -> new ArrayList<>()).add(work));
    List<Member> members = new ArrayList<>();
    byCsm.forEach((csm, shares) -> members.add(member(csm, shares, workByCsm.getOrDefault(csm, List.of()))));
    return new Report(currency.code(), new TreeMap<>(properties.coverage()), members);
  }

  private static String csm(String csm) {
    return csm == null ? NO_CSM : csm;
  }

  private Member member(String csm, List<AccountTallies.CsmShare> shares, List<OpenWork> work) {
    List<Segment> segments = new ArrayList<>();
    double accountLoad = 0;
    double arrLoad = 0;
    boolean anyTarget = false;
    Map<String, List<AccountTallies.CsmShare>> bySegment = shares.stream().collect(Collectors.groupingBy(
        share -> share.segment() == null ? "(none)" : share.segment(), TreeMap::new, Collectors.toList()));
    for (var entry : bySegment.entrySet()) {
      ReportingCurrency.Total arr = currency.sumOfCounts(entry.getValue().stream().map(AccountTallies.CsmShare::arr).toList());
      long accountsInSegment = entry.getValue().stream().mapToLong(share -> share.arr().accounts()).sum();
      var target = properties.coverageOf(entry.getKey());
      Integer accountsTarget = target.map(ReportingProperties.Coverage::accounts).orElse(null);
      BigDecimal arrTarget = target.map(ReportingProperties.Coverage::arr).orElse(null);
      if (accountsTarget != null && accountsTarget > 0) {
        accountLoad += accountsInSegment / (double) accountsTarget;
        anyTarget = true;
      }
      if (arrTarget != null && arrTarget.signum() > 0) {
        arrLoad += arr.amount().divide(arrTarget, 6, RoundingMode.HALF_UP).doubleValue();
      }
      segments.add(new Segment(entry.getKey(), accountsInSegment, arr, accountsTarget, arrTarget));
    }
    return new Member(csm, shares.stream().mapToLong(share -> share.arr().accounts()).sum(),
        currency.sumOfCounts(shares.stream().map(AccountTallies.CsmShare::arr).toList()),
        work.stream().mapToLong(w -> w.tasks().size()).sum(),
        work.stream().mapToLong(OpenWork::lateTasks).sum(),
        shares.stream().mapToLong(AccountTallies.CsmShare::inBand).sum(),
        anyTarget ? round(accountLoad) : null, anyTarget ? round(arrLoad) : null, segments);
  }

  private static double round(double load) {
    return Math.round(load * 100) / 100.0;
  }
}
