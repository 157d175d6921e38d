package dev.baton.account;

import java.time.LocalDate;
import java.util.Map;

/**
 * A customer account and its team: which user holds which RACI role (role id to user id).
 */
public record Account(
    String accountId, String name, String segment, LocalDate renewalDate, String healthBand,
    Map<String, String> team) {

  public Account {
    team = team == null ? Map.of() : Map.copyOf(team);
  }
}
