package dev.baton.account;

import dev.baton.calendar.AcceptedDate;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The body of {@code PUT /api/accounts/{accountId}}: the account and its whole team (role id to user id;
 * a role left empty, null or "", has no person, so its tasks go to the role's group).
 */
record AccountRequest(
    @NotBlank(message = "is required; give the customer's name") @Size(max = 255)
    // A name lands in mail headers and subjects: control characters (NUL, CR, LF, tab) have no place there.
    @Pattern(regexp = "[^\\p{Cntrl}\\u2028\\u2029]*",
        message = "contains control characters (NUL, line breaks, tabs); send the name as a single line")
    String name,
    @Size(max = 50) @ConfiguredSegment String segment,
    @AcceptedDate LocalDate renewalDate,
    @Size(max = 20) @ConfiguredHealthBand String healthBand,
    @Size(max = 50) @RoleMembers Map<@Size(max = 100) String, @Size(max = 254) String> team,
    @Valid ArrRequest arr) {

  /** The contract value: annual recurring revenue, an amount of at least 0 in an ISO 4217 currency. */
  record ArrRequest(
      @NotNull(message = "is required with a currency; give the annual recurring revenue, e.g. 120000.00")
      @DecimalMin(value = "0", message = "must be 0 or more")
      @Digits(integer = 13, fraction = 2, message = "must have at most 13 digits and 2 decimals")
      BigDecimal amount,
      @NotNull(message = "is required with an amount; give an ISO 4217 code such as USD or EUR")
      @Pattern(regexp = "[A-Za-z]{3}", message = "must be a three-letter ISO 4217 code such as USD or EUR")
      @IsoCurrency String currency) {}

  Account toAccount(String accountId) {
    Map<String, String> people = new LinkedHashMap<>();
    if (team != null) {
      team.forEach((role, user) -> {
        if (user != null && !user.isBlank()) {
          people.put(role, user.strip());
        }
      });
    }
    return new Account(accountId, name.trim(), segment, renewalDate, healthBand, people, Map.of(),
        arr == null ? null : new Arr(arr.amount(), arr.currency()));
  }
}
