package dev.baton.portfolio;

import dev.baton.account.Accounts;
import dev.baton.contact.AccountContacts;
import dev.baton.successplan.SuccessPlanVersions;
import dev.baton.health.HealthHistory;
import dev.baton.identity.RoleCatalogue;
import dev.baton.web.ApiProblem;
import dev.baton.web.Excerpt;
import jakarta.servlet.http.HttpServletRequest;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * The book of business for managers, CSMs and integration clients (docs/portfolio.md): the accounts the caller
 * sees, filtered and paged, sorted by risk; one account's timeline; and the dashboard's numbers. Read-only;
 * Basic credentials or the webapps' login session (dev.baton.security.WebappLoginSession).
 */
@RestController
class PortfolioController {

  private final BookOfBusiness book;
  private final TimelineReader timelines;
  private final Viewers viewers;
  private final HealthHistory health;
  private final PortfolioProperties properties;
  private final Accounts accounts;
  private final RoleCatalogue roles;
  private final IdentityService identity;
  private final AccountContacts contacts;
  private final SuccessPlanVersions successPlans;

  PortfolioController(BookOfBusiness book, TimelineReader timelines, Viewers viewers, HealthHistory health,
      PortfolioProperties properties, Accounts accounts, RoleCatalogue roles, IdentityService identity, AccountContacts contacts,
      SuccessPlanVersions successPlans) {
    this.contacts = contacts;
    this.successPlans = successPlans;
    this.book = book;
    this.timelines = timelines;
    this.viewers = viewers;
    this.health = health;
    this.properties = properties;
    this.accounts = accounts;
    this.roles = roles;
    this.identity = identity;
  }

  @GetMapping("/api/accounts")
  AccountPage accounts(HttpServletRequest request, Authentication caller) {
    AccountFilter filter = AccountFilter.of(request.getParameterMap(), health.bands(), properties.maxPageSize());
    return book.page(viewers.of(caller), filter);
  }

  @GetMapping("/api/accounts/{accountId}/timeline")
  AccountTimeline timeline(@PathVariable String accountId, Authentication caller) {
    // An account the caller may not see is answered as one that does not exist: its name stays private.
    AccountRow row = book.row(viewers.of(caller), accountId).orElseThrow(() -> ApiProblem.notFound(
        "accountId: no account '" + Excerpt.of(accountId) + "' in your book of business"));
    return new AccountTimeline(row, team(accountId), contacts.of(accountId),
        successPlans.current(accountId).map(AccountTimeline.SuccessPlan::of).orElse(null),
        health.since(accountId, book.now().minus(BookOfBusiness.TREND_WINDOW)), timelines.of(accountId));
  }

  @GetMapping("/api/portfolio/summary")
  PortfolioSummary summary(Authentication caller) {
    return book.summary(viewers.of(caller));
  }

  private List<AccountTimeline.TeamMember> team(String accountId) {
    Map<String, String> team = accounts.find(accountId).orElseThrow().team();
    Map<String, String> names = new HashMap<>();
    if (!team.isEmpty()) {
      dev.baton.engine.WithoutAuthorization.call(() -> identity.createUserQuery()
          .userIdIn(team.values().toArray(String[]::new)).list())
          .forEach((User user) -> names.put(user.getId(), (nullToEmpty(user.getFirstName()) + " "
              + nullToEmpty(user.getLastName())).strip()));
    }
    return team.entrySet().stream().sorted(Map.Entry.comparingByKey())
        .map(e -> new AccountTimeline.TeamMember(roles.displayName(e.getKey()), e.getValue(),
            names.getOrDefault(e.getValue(), e.getValue())))
        .toList();
  }

  private static String nullToEmpty(String text) {
    return text == null ? "" : text;
  }
}
