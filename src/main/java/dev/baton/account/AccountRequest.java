package dev.baton.account;

import dev.baton.calendar.AcceptedDate;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
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
    @Size(max = 50) @RoleMembers Map<@Size(max = 100) String, @Size(max = 254) String> team) {

  Account toAccount(String accountId) {
    Map<String, String> people = new LinkedHashMap<>();
    if (team != null) {
      team.forEach((role, user) -> {
        if (user != null && !user.isBlank()) {
          people.put(role, user.strip());
        }
      });
    }
    return new Account(accountId, name.trim(), segment, renewalDate, healthBand, people);
  }
}
