package dev.baton.account;

import java.time.LocalDate;
import java.util.Map;

/**
 * A customer account and its team: which user holds which RACI role (role id to user id).
 * {@code lifecycle} holds what the processes record about where the account stands (for example
 * {@code stage: onboarding}, {@code onboardingStatus: at-risk}, {@code renewalLikelihood: unsure}); it is
 * written by the processes through {@link Accounts}, never by the accounts API. {@code arr}: the contract value,
 * null when not recorded; saving an account never clears it (the deal or the API records it, {@link Accounts#recordArr}).
 */
public record Account(
    String accountId, String name, String segment, LocalDate renewalDate, String healthBand,
    Map<String, String> team, Map<String, String> lifecycle, Arr arr) {

  public Account {
    team = team == null ? Map.of() : Map.copyOf(team);
    // Sorted by fact name, so the API shows them in a stable order.
    lifecycle = lifecycle == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(lifecycle));
  }

  public Account(String accountId, String name, String segment, LocalDate renewalDate, String healthBand,
      Map<String, String> team, Map<String, String> lifecycle) {
    this(accountId, name, segment, renewalDate, healthBand, team, lifecycle, null);
  }

  public Account(String accountId, String name, String segment, LocalDate renewalDate, String healthBand,
      Map<String, String> team) {
    this(accountId, name, segment, renewalDate, healthBand, team, Map.of(), null);
  }
}
