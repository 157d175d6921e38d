package dev.baton.account;

import java.time.YearMonth;
import java.util.List;

/**
 * Accounts counted in groups by the database, for the dashboard and the renewals and team reports
 * (docs/portfolio.md): the reports sum and count, so they read groups instead of every account. ARR is grouped by
 * its amount and currency, so a sum converted to the reporting currency is what converting each account gives.
 */
public final class AccountTallies {

  private AccountTallies() {}

  /** {@code accounts} accounts with this ARR (null: not recorded). */
  public record ArrCount(Arr arr, long accounts) {}

  /**
   * The dashboard's counts: the accounts, those in the band asked for, those renewing in the range asked for, and
   * the ARR of those renewing in the range with one of the likelihoods asked for.
   */
  public record Summary(long accounts, long inBand, long renewing, List<ArrCount> renewingWithLikelihood) {}

  /**
   * {@code accounts} accounts (not churned) renewing in the month with the recorded renewal likelihood (null: none)
   * and the ARR.
   */
  public record Renewing(YearMonth month, String likelihood, ArrCount arr) {}

  /**
   * {@code arr.accounts()} accounts of the CSM (null: none) in the segment (null: none) with the ARR, of which
   * {@code inBand} are in the band asked for.
   */
  public record CsmShare(String csm, String segment, ArrCount arr, long inBand) {}
}
