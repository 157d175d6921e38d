package dev.baton.portfolio;

import dev.baton.account.Account;
import dev.baton.account.Arr;
import dev.baton.calendar.BusinessTime;
import dev.baton.engine.WithoutAuthorization;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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

  RenewalsReport(BookOfBusiness book, ReportingCurrency currency, HistoryService history, BusinessTime time) {
    this.book = book;
    this.currency = currency;
    this.history = history;
    this.time = time;
  }

  record Month(YearMonth month, long accounts, Map<String, ReportingCurrency.Total> arrByLikelihood,
      ReportingCurrency.Total arr) {}

  record Retention(LocalDate from, LocalDate to, long renewedAccounts, ReportingCurrency.Total renewed,
      long churnedAccounts, ReportingCurrency.Total churned, Double grossRetention) {}

  record Report(String currency, List<String> likelihoods, List<Month> upForRenewal, Retention lastTwelveMonths) {}

  Report of(Viewer viewer) {
    LocalDate today = time.today();
    List<Account> visible = book.visibleAccounts(viewer);
    List<Month> months = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      YearMonth month = YearMonth.from(today).plusMonths(i);
      List<Account> renewing = visible.stream().filter(a -> !"churned".equals(a.lifecycle().get("stage")))
          .filter(a -> a.renewalDate() != null && !a.renewalDate().isBefore(today)
              && YearMonth.from(a.renewalDate()).equals(month)).toList();
      Map<String, ReportingCurrency.Total> byLikelihood = new LinkedHashMap<>();
      for (String likelihood : LIKELIHOODS) {
        byLikelihood.put(likelihood, currency.sum(renewing.stream()
            .filter(a -> likelihood.equals(likelihood(a))).map(Account::arr).toList()));
      }
      months.add(new Month(month, renewing.size(), byLikelihood,
          currency.sum(renewing.stream().map(Account::arr).toList())));
    }
    return new Report(currency.code(), LIKELIHOODS, months, retention(visible, today));
  }

  private Retention retention(List<Account> visible, LocalDate today) {
    LocalDate from = today.minusYears(1).plusDays(1);
    Map<String, Account> byId = new HashMap<>();
    visible.forEach(a -> byId.put(a.accountId(), a));
    List<HistoricProcessInstance> ended = WithoutAuthorization.call(() -> history.createHistoricProcessInstanceQuery()
        .processDefinitionKey(PROCESS).finished().finishedAfter(time.startOf(from))
        .finishedBefore(time.startOf(today.plusDays(1))).list());
    List<Arr> renewed = new ArrayList<>();
    List<Arr> churned = new ArrayList<>();
    for (HistoricProcessInstance instance : ended) {
      Account account = byId.get(instance.getBusinessKey());
      if (account == null) {
        continue;
      }
      if (RENEWED.equals(instance.getEndActivityId())) {
        renewed.add(account.arr());
      } else if (CHURNED.equals(instance.getEndActivityId())) {
        churned.add(account.arr());
      }
    }
    ReportingCurrency.Total renewedArr = currency.sum(renewed);
    ReportingCurrency.Total churnedArr = currency.sum(churned);
    java.math.BigDecimal base = renewedArr.amount().add(churnedArr.amount());
    Double retention = base.signum() == 0 ? null
        : renewedArr.amount().divide(base, 4, java.math.RoundingMode.HALF_UP).doubleValue();
    return new Retention(from, today, renewed.size(), renewedArr, churned.size(), churnedArr, retention);
  }

  private static String likelihood(Account account) {
    String answer = account.lifecycle().get("renewalLikelihood");
    return answer == null || !LIKELIHOODS.contains(answer) ? "not-asked" : answer;
  }
}
