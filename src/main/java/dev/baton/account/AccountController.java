package dev.baton.account;

import dev.baton.web.ApiProblem;
import dev.baton.web.Excerpt;
import jakarta.validation.Valid;
import java.util.regex.Pattern;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The accounts API for CRMs and scripts (group {@code integration} or admin, see ApiSecurityConfiguration):
 * {@code PUT /api/accounts/{accountId}} upserts an account with its team, {@code GET} reads it.
 */
@RestController
@RequestMapping("/api/accounts")
class AccountController {

  private static final Pattern ACCOUNT_ID = Pattern.compile("[A-Za-z0-9._:@-]{1,100}");

  private final AccountService service;
  private final AccountRepository accounts;

  AccountController(AccountService service, AccountRepository accounts) {
    this.service = service;
    this.accounts = accounts;
  }

  @PutMapping("/{accountId}")
  ResponseEntity<Account> put(@PathVariable String accountId, @Valid @RequestBody AccountRequest request) {
    checkId(accountId);
    boolean created = service.save(request.toAccount(accountId));
    return ResponseEntity.status(created ? HttpStatus.CREATED : HttpStatus.OK)
        .body(accounts.find(accountId).orElseThrow());
  }

  @GetMapping("/{accountId}")
  Account get(@PathVariable String accountId) {
    return accounts.find(accountId).orElseThrow(() -> ApiProblem.notFound(
        "accountId: no account '" + Excerpt.of(accountId) + "'; create it with PUT /api/accounts/" + Excerpt.of(accountId)));
  }

  private static void checkId(String accountId) {
    if (!ACCOUNT_ID.matcher(accountId).matches()) {
      throw ApiProblem.badRequest("accountId: '" + Excerpt.of(accountId) + "' is not a valid account id; use 1 to 100 of "
          + "letters, digits and . _ : @ -");
    }
  }
}
