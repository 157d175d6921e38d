package dev.baton.account;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Currency;
import java.util.Locale;
import java.util.Optional;

/**
 * An account's contract value: annual recurring revenue, an amount (at least 0, two decimals) in an ISO 4217
 * currency (docs/portfolio.md, contract value). An account without one has none recorded.
 */
public record Arr(BigDecimal amount, String currency) {

  /** The most numeric(15,2) holds. */
  static final BigDecimal MAX = new BigDecimal("9999999999999.99");

  public Arr {
    if (amount == null || amount.signum() < 0 || amount.compareTo(MAX) > 0) {
      throw new IllegalArgumentException("amount: " + amount + " is not an amount from 0 to " + MAX.toPlainString());
    }
    if (!isCurrency(currency)) {
      throw new IllegalArgumentException("currency: '" + currency + "' is not an ISO 4217 currency code");
    }
    amount = amount.setScale(2, RoundingMode.HALF_UP);
    currency = currency.toUpperCase(Locale.ROOT);
  }

  /** The ARR when both parts are present and valid, else empty (a deal without an amount records nothing). */
  public static Optional<Arr> of(Number amount, String currency) {
    if (amount == null || currency == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(new Arr(new BigDecimal(amount.toString()), currency.strip()));
    } catch (IllegalArgumentException invalid) {
      return Optional.empty();
    }
  }

  /** A code Java knows as an ISO 4217 currency (case ignored). */
  public static boolean isCurrency(String code) {
    if (code == null || !code.strip().matches("[A-Za-z]{3}")) {
      return false;
    }
    try {
      Currency.getInstance(code.strip().toUpperCase(Locale.ROOT));
      return true;
    } catch (IllegalArgumentException unknown) {
      return false;
    }
  }
}
