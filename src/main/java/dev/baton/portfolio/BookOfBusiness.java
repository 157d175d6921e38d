package dev.baton.portfolio;

import dev.baton.account.Account;
import dev.baton.account.Accounts;
import dev.baton.account.AccountTallies;
import dev.baton.account.AccountsByRisk;
import dev.baton.calendar.BusinessTime;
import dev.baton.health.HealthHistory;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.stereotype.Service;

/**
 * The book of business: the accounts a viewer sees (docs/portfolio.md, who sees what), each with its health,
 * stage, the moment of truth in progress and its renewal, filtered and sorted by risk: red and late first.
 */
@Service
class BookOfBusiness {

  static final Duration TREND_WINDOW = Duration.ofDays(90);
  /** Renewal likelihoods that put the renewal at risk (the renewal survey's answers, docs/renewal.md). */
  private static final List<String> RISKY_LIKELIHOODS = List.of("not-likely", "unsure");
  /** A renewal whose ARR is at risk: a doubtful answer, or no answer at all (docs/domain.md#renewals). */
  static final List<String> RENEWAL_AT_RISK = List.of("not-likely", "unsure", "no-answer");

  private final Accounts accounts;
  private final OpenWorkReader openWork;
  private final HealthHistory health;
  private final BusinessTime time;
  private final ReportingCurrency currency;

  BookOfBusiness(Accounts accounts, OpenWorkReader openWork, HealthHistory health, BusinessTime time,
      ReportingCurrency currency) {
    this.accounts = accounts;
    this.currency = currency;
    this.openWork = openWork;
    this.health = health;
    this.time = time;
  }

  /**
   * The database filters, sorts by risk and pages (Accounts.pageByRisk); the engine is asked only which accounts
   * have a late step, an escalation or a handoff running, and then for the open work of the page's rows.
   */
  AccountPage page(Viewer viewer, AccountFilter filter) {
    OpenWorkReader.Attention attention = openWork.attention();
    LocalDate today = today();
    Integer days = filter.renewalWithinDays();
    AccountsByRisk.Page page = accounts.pageByRisk(new AccountsByRisk(
        viewer.seesEveryAccount() ? null : viewer.userId(), filter.csm(), filter.segment(), filter.healthBand(),
        filter.stage(), days == null ? null : today, days == null ? null : today.plusDays(days), filter.q(),
        attention.inHandoff(), health.bands(), attention.late(), attention.escalated(), RISKY_LIKELIHOODS,
        (long) filter.page() * filter.size(), filter.size()));
    List<String> ids = page.accounts().stream().map(Account::accountId).toList();
    Map<String, OpenWork> work = openWork.of(ids);
    // Trend and reason read the health history: for the rows shown only, and for all of them at once.
    HealthOfRows healthOfRows = healthOf(ids);
    return new AccountPage(page.total(), filter.page(), filter.size(), page.accounts().stream()
        .map(account -> withHealthHistory(row(account, work.getOrDefault(account.accountId(), OpenWork.NONE)),
            healthOfRows))
        .toList());
  }

  /** The health history the rows show: their points in the trend's window and their main reasons. */
  private record HealthOfRows(Map<String, List<HealthHistory.Point>> points, Map<String, String> reasons) {}

  private HealthOfRows healthOf(Collection<String> accountIds) {
    if (accountIds.isEmpty()) {
      return new HealthOfRows(Map.of(), Map.of());
    }
    return new HealthOfRows(health.since(accountIds, time.now().minus(TREND_WINDOW)), health.topReasons(accountIds));
  }

  /**
   * The dashboard's numbers: the accounts' counts and the ARR at risk summed by the database, the late steps and
   * escalations from the open work of the visible accounts that have some (not from every account read).
   */
  PortfolioSummary summary(Viewer viewer) {
    LocalDate today = today();
    AccountTallies.Summary counts = accounts.summary(teamMember(viewer), health.worstBand(), today,
        today.plusDays(90), RENEWAL_AT_RISK);
    Map<String, OpenWork> work = openWorkOfVisible(viewer).work();
    return new PortfolioSummary(counts.accounts(), counts.inBand(),
        work.values().stream().mapToLong(OpenWork::lateTasks).sum(),
        work.values().stream().filter(OpenWork::escalationOpen).count(),
        currency.sumOfCounts(counts.renewingWithLikelihood()), counts.renewing());
  }

  /** The open work of the visible accounts that have some, and the CSM of each of them (empty: none). */
  record VisibleWork(Map<String, OpenWork> work, Map<String, Optional<String>> csms) {}

  VisibleWork openWorkOfVisible(Viewer viewer) {
    if (!viewer.seesEveryAccount()) {
      // Their book, read by its team's index: a small book's work is read by its own instances (OpenWorkReader).
      Map<String, Optional<String>> csms = new HashMap<>();
      visibleAccounts(viewer).forEach(account -> csms.put(account.accountId(),
          Optional.ofNullable(account.team().get("csm"))));
      return new VisibleWork(openWork.of(csms.keySet()), csms);
    }
    Map<String, Optional<String>> csms = new HashMap<>();
    Map<String, OpenWork> work = openWork.ofAccountsAmong(named -> {
      csms.putAll(accounts.csmOf(named, teamMember(viewer)));
      return csms.keySet();
    });
    return new VisibleWork(work, csms);
  }

  /** For the account module's reads: null for a viewer who sees every account, else the viewer (their team's). */
  String teamMember(Viewer viewer) {
    return viewer.seesEveryAccount() ? null : viewer.userId();
  }

  /** The accounts the viewer sees (read-only). */
  List<Account> visibleAccounts(Viewer viewer) {
    // Someone who sees only their book reads only its accounts, not every account.
    return viewer.seesEveryAccount() ? accounts.all()
        : accounts.withTeamMember(viewer.userId()).stream().filter(viewer::sees).toList();
  }

  /** Those of the given accounts the viewer sees (read-only): only these are read. */
  List<Account> visibleAccounts(Viewer viewer, Collection<String> among) {
    if (viewer.seesEveryAccount()) {
      return accounts.withIds(among);
    }
    Set<String> wanted = Set.copyOf(among);
    return visibleAccounts(viewer).stream().filter(account -> wanted.contains(account.accountId())).toList();
  }

  /** The account as one row, if the viewer sees it. */
  Optional<AccountRow> row(Viewer viewer, String accountId) {
    return accounts.find(accountId).filter(viewer::sees)
        .map(account -> row(account, openWork.of(List.of(accountId)).getOrDefault(accountId, OpenWork.NONE)))
        .map(row -> withHealthHistory(row, healthOf(List.of(accountId))));
  }

  private AccountRow row(Account account, OpenWork work) {
    return new AccountRow(account.accountId(), account.name(), account.segment(), account.team().get("csm"),
        account.arr(), account.arr() == null ? null : currency.convert(account.arr()).orElse(null),
        account.healthBand(), null, null, stage(account, work), work.mostUrgent(), work.tasks().size(), work.lateTasks(),
        work.lateTasks() > 0, work.escalationOpen(), account.renewalDate(), account.lifecycle().get("renewalLikelihood"));
  }

  private AccountRow withHealthHistory(AccountRow row, HealthOfRows healthOfRows) {
    String band = row.healthBand();
    return new AccountRow(row.accountId(), row.name(), row.segment(), row.csm(), row.arr(), row.arrConverted(), band,
        trend(healthOfRows.points().getOrDefault(row.accountId(), List.of()), band),
        band == null ? null : healthOfRows.reasons().get(row.accountId()),
        row.stage(), row.momentOfTruth(), row.openSteps(), row.lateSteps(), row.late(), row.escalationOpen(), row.renewalDate(),
        row.renewalLikelihood());
  }

  /** The processes' own fact when they recorded one; else a running handoff says handoff; else live. */
  private static String stage(Account account, OpenWork work) {
    String recorded = account.lifecycle().get("stage");
    if (recorded != null) {
      return recorded;
    }
    return work.handoffOpen() ? "handoff" : "live";
  }

  private String trend(List<HealthHistory.Point> points, String band) {
    if (band == null) {
      return null;
    }
    if (points.isEmpty()) {
      return "steady";
    }
    // The band before the window's first recomputation is where the account stood when the window opened.
    var first = points.get(0);
    int then = health.rank(first.previousBand() != null ? first.previousBand() : first.band());
    int now = health.rank(band);
    return now < then ? "worse" : now > then ? "better" : "steady";
  }

  private LocalDate today() {
    return time.today();
  }

  Instant now() {
    return time.now();
  }
}
