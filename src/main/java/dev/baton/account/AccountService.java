package dev.baton.account;

import dev.baton.engine.WithoutAuthorization;
import dev.baton.identity.RoleCatalogue;
import dev.baton.web.ApiProblem;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Saves accounts from the API: checks the team against the role catalogue and Camunda's users. */
@Service
public class AccountService {

  private static final Logger log = LoggerFactory.getLogger(AccountService.class);

  private final AccountRepository accounts;
  private final RoleCatalogue roles;
  private final IdentityService identity;
  private final ApplicationEventPublisher events;

  public AccountService(AccountRepository accounts, RoleCatalogue roles, IdentityService identity,
      ApplicationEventPublisher events) {
    this.accounts = accounts;
    this.roles = roles;
    this.identity = identity;
    this.events = events;
  }

  /** Creates or updates the account and its team; returns true if it was created. */
  @Transactional
  public boolean save(Account account) {
    checkTeam(account.team());
    Account previous = accounts.find(account.accountId()).orElse(null);
    boolean created = accounts.save(account);
    Account current = accounts.find(account.accountId()).orElseThrow();
    // Inside the transaction: a listener that fails (e.g. cannot schedule a renewal) saves nothing.
    events.publishEvent(new AccountSaved(previous, current));
    log.info("Account {} {} (team: {})", account.accountId(), created ? "created" : "updated", current.team());
    return created;
  }

  /** Every account with its team and lifecycle facts (read-only; the caller decides who sees which). */
  public List<Account> all() {
    return accounts.all();
  }

  /** One account with its team and lifecycle facts. */
  public java.util.Optional<Account> find(String accountId) {
    return accounts.find(accountId);
  }

  private void checkTeam(Map<String, String> team) {
    List<ApiProblem.Field> problems = new ArrayList<>();
    Set<String> unknownRoles = new TreeSet<>(team.keySet());
    unknownRoles.removeAll(roles.ids());
    if (!unknownRoles.isEmpty()) {
      problems.add(new ApiProblem.Field("team", "unknown role(s) " + unknownRoles + "; use roles of the catalogue: "
          + roles.ids()));
    }
    Set<String> unknownUsers = unknownUsers(team.values());
    if (!unknownUsers.isEmpty()) {
      problems.add(new ApiProblem.Field("team", "unknown user id(s) " + unknownUsers
          + "; create the users in Camunda Admin first"));
    }
    if (!problems.isEmpty()) {
      throw ApiProblem.invalid(problems, Map.of("unknownRoles", unknownRoles, "unknownUsers", unknownUsers));
    }
  }

  private Set<String> unknownUsers(java.util.Collection<String> userIds) {
    Set<String> unknown = new TreeSet<>();
    userIds.stream().filter(user -> user != null && !user.isBlank()).forEach(unknown::add);
    if (!unknown.isEmpty()) {
      WithoutAuthorization.call(() -> identity.createUserQuery().userIdIn(unknown.toArray(String[]::new)).list())
          .stream().map(User::getId).forEach(unknown::remove);
    }
    return unknown;
  }
}
