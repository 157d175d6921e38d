package dev.baton.portfolio;

import dev.baton.account.AccountTallies;
import dev.baton.account.Accounts;
import dev.baton.account.Arr;
import dev.baton.calendar.BusinessTime;
import dev.baton.engine.WithoutAuthorization;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.springframework.stereotype.Component;

/**
 * The renewals report (docs/portfolio.md): the ARR up for renewal in each of the next 12 months by likelihood,
 * and the ARR renewed and churned in the last 12 months (gross retention). Renewed and churned are the renewal
 * preparations that ended so (processes/RenewalPreparation.bpmn, its end events) in Camunda's history; their
 * ARR is the account's as recorded now.
 */
@Component
class RenewalsReport {

  static final String PROCESS = "RenewalPreparation";
  static final String RENEWED = "EndEvent_Renewed";
  static final String CHURNED = "EndEvent_Churned";
  /** The likelihood columns, in the page's order; an account never asked yet has none. */
  static final List<String> LIKELIHOODS = List.of("likely", "unsure", "not-likely", "no-answer", "not-asked");

  private final BookOfBusiness book;
  private final ReportingCurrency currency;
  private final HistoryService history;
  private final BusinessTime time;
  private final Accounts accounts;

  RenewalsReport(BookOfBusiness book, ReportingCurrency currency, HistoryService history, BusinessTime time,
      Accounts accounts) {
    this.book = book;
    this.accounts = accounts;
    this.currency = currency;
    this.history = history;
    this.time = time;
  }

  record Month(YearMonth month, long accounts, Map<String, ReportingCurrency.Total> arrByLikelihood,
      ReportingCurrency.Total arr) {}

  record Retention(LocalDate from, LocalDate to, long renewedAccounts, ReportingCurrency.Total renewed,
      long churnedAccounts, ReportingCurrency.Total churned, Double grossRetention) {}

  record Report(String currency, List<String> likelihoods, List<Month> upForRenewal, Retention lastTwelveMonths) {}

  /** The accounts renewing counted per month, likelihood and ARR by the database (Accounts.renewingByMonth). */
  Report of(Viewer viewer) {
    LocalDate today = time.today();
    String teamMember = book.teamMember(viewer);
    List<AccountTallies.Renewing> renewing = accounts.renewingByMonth(teamMember, today,
        YearMonth.from(today).plusMonths(11).atEndOfMonth());
    List<Month> months = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      YearMonth month = YearMonth.from(today).plusMonths(i);
      List<AccountTallies.Renewing> inMonth = renewing.stream().filter(r -> r.month().equals(month)).toList();
      Map<String, ReportingCurrency.Total> byLikelihood = new LinkedHashMap<>();
      for (String likelihood : LIKELIHOODS) {
        byLikelihood.put(likelihood, currency.sumOfCounts(inMonth.stream()
            .filter(r -> likelihood.equals(likelihood(r.likelihood()))).map(AccountTallies.Renewing::arr).toList()));
      }
      months.add(new Month(month, inMonth.stream().mapToLong(r -> r.arr().accounts()).sum(), byLikelihood,
          currency.sumOfCounts(inMonth.stream().map(AccountTallies.Renewing::arr).toList())));
    }
    return new Report(currency.code(), LIKELIHOODS, months, retention(teamMember, today));
  }

  private Retention retention(String teamMember, LocalDate today) {
    LocalDate from = today.minusYears(1).plusDays(1);
    List<HistoricProcessInstance> ended = WithoutAuthorization.call(() -> history.createHistoricProcessInstanceQuery()
        .processDefinitionKey(PROCESS).finished().finishedAfter(time.startOf(from))
        .finishedBefore(time.startOf(today.plusDays(1))).list());
    // Only the ARR of the accounts that ended a renewal in the year, and only those the viewer sees.
    Map<String, Optional<Arr>> arrOf = accounts.arrOf(
        ended.stream().map(HistoricProcessInstance::getBusinessKey).toList(), teamMember);
    List<Arr> renewed = new ArrayList<>();
    List<Arr> churned = new ArrayList<>();
    for (HistoricProcessInstance instance : ended) {
      Optional<Arr> arr = instance.getBusinessKey() == null ? null : arrOf.get(instance.getBusinessKey());
      if (arr == null) {
        continue;
      }
      if (RENEWED.equals(instance.getEndActivityId())) {
        renewed.add(arr.orElse(null));
      } else if (CHURNED.equals(instance.getEndActivityId())) {
        churned.add(arr.orElse(null));
      }
    }
    ReportingCurrency.Total renewedArr = currency.sum(renewed);
    ReportingCurrency.Total churnedArr = currency.sum(churned);
    java.math.BigDecimal base = renewedArr.amount().add(churnedArr.amount());
    Double retention = base.signum() == 0 ? null
        : renewedArr.amount().divide(base, 4, java.math.RoundingMode.HALF_UP).doubleValue();
    return new Retention(from, today, renewed.size(), renewedArr, churned.size(), churnedArr, retention);
  }

  private static String likelihood(String answer) {
    return answer == null || !LIKELIHOODS.contains(answer) ? "not-asked" : answer;
  }
}
