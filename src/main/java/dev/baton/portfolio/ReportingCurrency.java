package dev.baton.portfolio;

import dev.baton.account.AccountTallies;
import dev.baton.account.Arr;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.springframework.stereotype.Component;

/**
 * Converts accounts' ARR to the reporting currency ({@code baton.reporting.currency}) with the configured rates,
 * and sums them: what has no rate is left out of the sum and counted, so a page can say so.
 */
@Component
class ReportingCurrency {

  private final ReportingProperties properties;

  ReportingCurrency(ReportingProperties properties) {
    this.properties = properties;
  }

  String code() {
    return properties.currency();
  }

  /** The amount in the reporting currency; empty when the currency has no rate. */
  Optional<BigDecimal> convert(Arr arr) {
    if (arr.currency().equals(properties.currency())) {
      return Optional.of(arr.amount());
    }
    BigDecimal rate = properties.rates().get(arr.currency());
    return rate == null ? Optional.empty() : Optional.of(arr.amount().multiply(rate).setScale(2, RoundingMode.HALF_UP));
  }

  /** The sum of the recorded ARR (null: not recorded, left out and not counted) in the reporting currency. */
  Total sum(Collection<Arr> amounts) {
    BigDecimal sum = BigDecimal.ZERO.setScale(2);
    Map<String, Long> missing = new TreeMap<>();
    for (Arr arr : amounts) {
      if (arr == null) {
        continue;
      }
      Optional<BigDecimal> converted = convert(arr);
      if (converted.isPresent()) {
        sum = sum.add(converted.get());
      } else {
        missing.merge(arr.currency(), 1L, Long::sum);
      }
    }
    return new Total(sum, code(), missing.entrySet().stream()
        .map(e -> new NotConverted(e.getKey(), e.getValue())).toList());
  }

  /**
   * The same sum over accounts counted by their ARR ({@link AccountTallies}): each amount converted as one account's
   * is, times its accounts, so the total is the one {@link #sum} gives for the accounts themselves.
   */
  Total sumOfCounts(Collection<AccountTallies.ArrCount> counts) {
    BigDecimal sum = BigDecimal.ZERO.setScale(2);
    Map<String, Long> missing = new TreeMap<>();
    for (AccountTallies.ArrCount count : counts) {
      if (count.arr() == null) {
        continue;
      }
      Optional<BigDecimal> converted = convert(count.arr());
      if (converted.isPresent()) {
        sum = sum.add(converted.get().multiply(BigDecimal.valueOf(count.accounts())));
      } else {
        missing.merge(count.arr().currency(), count.accounts(), Long::sum);
      }
    }
    return new Total(sum, code(), missing.entrySet().stream()
        .map(e -> new NotConverted(e.getKey(), e.getValue())).toList());
  }

  /** A sum in the reporting currency, and the accounts left out of it for want of a rate. */
  record Total(BigDecimal amount, String currency, List<NotConverted> notConverted) {}

  /** Accounts whose ARR is in a currency without a rate: "2 accounts in CHF not converted: no rate". */
  record NotConverted(String currency, long accounts) {}
}
