package dev.baton.contact;

import dev.baton.account.Accounts;
import dev.baton.identity.IdentityBootstrap;
import dev.baton.web.ApiProblem;
import java.util.Set;
import org.camunda.bpm.engine.authorization.Groups;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;

/**
 * Who may read and write an account's people data (contacts, NPS answers): API clients (group
 * {@code integration}) and administrators for every account, staff only for the accounts whose team
 * they are in (docs/lifecycle.md#who-may-read-and-write). Other staff get 403 whether the account exists or not.
 */
@Component
public class AccountTeamAccess {

  private static final Set<String> EVERY_ACCOUNT = Set.of(IdentityBootstrap.INTEGRATION_GROUP, Groups.CAMUNDA_ADMIN);

  private final Accounts accounts;

  AccountTeamAccess(Accounts accounts) {
    this.accounts = accounts;
  }

  /** Throws 403 unless the caller may see the account, 404 if it may and the account does not exist. */
  public void check(String accountId) {
    Authentication caller = SecurityContextHolder.getContext().getAuthentication();
    boolean everyAccount = caller != null && caller.getAuthorities().stream()
        .map(GrantedAuthority::getAuthority).anyMatch(EVERY_ACCOUNT::contains);
    if (!everyAccount && (caller == null || !accounts.find(accountId).map(a -> a.team().containsValue(caller.getName())).orElse(false))) {
      throw new ApiProblem(HttpStatus.FORBIDDEN, "accountId: you are not in the team of account '"
          + dev.baton.web.Excerpt.of(accountId) + "'; only its team and API clients (group 'integration') may read it");
    }
    if (!accounts.exists(accountId)) {
      throw ApiProblem.notFound("accountId: no account '" + dev.baton.web.Excerpt.of(accountId) + "'");
    }
  }
}
