package dev.baton.account;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.time.LocalDate;
import java.util.Map;

/** The body of {@code PUT /api/accounts/{accountId}}: the account and its whole team (role id to user id). */
public record AccountRequest(
    @NotBlank(message = "is required; give the customer's name") @Size(max = 255) String name,
    @Size(max = 50) String segment,
    LocalDate renewalDate,
    @Size(max = 20) String healthBand,
    Map<String, String> team) {

  Account toAccount(String accountId) {
    return new Account(accountId, name.trim(), segment, renewalDate, healthBand, team);
  }
}
