package dev.baton.raci;

import dev.baton.account.Accounts;
import dev.baton.engine.WithoutAuthorization;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.springframework.stereotype.Component;

/**
 * Who is notified for a role on an account: the account team's holder of the role, or else every
 * member of the role's group. The one place that rule lives.
 */
@Component
public class RoleRecipients {

  private final Accounts accounts;
  private final IdentityService identity;

  public RoleRecipients(Accounts accounts, IdentityService identity) {
    this.accounts = accounts;
    this.identity = identity;
  }

  /** User ids for the role on the account (the team member, else the group's members). */
  public List<String> users(String accountId, String roleId) {
    return accounts.teamMember(accountId, roleId).map(List::of)
        .orElseGet(() -> WithoutAuthorization.call(() -> identity.createUserQuery().memberOfGroup(roleId).list())
            .stream().map(User::getId).toList());
  }

  /** E-mail addresses of those users (users without an address are skipped). */
  public List<String> emails(String accountId, String roleId) {
    return emailsOf(users(accountId, roleId));
  }

  /** E-mail addresses of these users (unknown users and users without an address are skipped). */
  public List<String> emailsOf(java.util.Collection<String> userIds) {
    if (userIds.isEmpty()) {
      return List.of();
    }
    return WithoutAuthorization.call(() -> identity.createUserQuery().userIdIn(userIds.toArray(String[]::new)).list())
        .stream().map(User::getEmail).filter(Objects::nonNull).filter(e -> !e.isBlank()).distinct().toList();
  }

  /** "First Last (id)" for a user, as staff see colleagues; the id alone when the user is unknown or has no name. */
  public String displayName(String userId) {
    String name = name(userId);
    return name.isEmpty() ? userId : name + " (" + userId + ")";
  }

  /** "First Last", as customers see the people who work with them (never a login id); empty when unknown. */
  public Optional<String> personName(String userId) {
    String name = name(userId);
    return name.isEmpty() ? Optional.empty() : Optional.of(name);
  }

  private String name(String userId) {
    User user = WithoutAuthorization.call(() -> identity.createUserQuery().userId(userId).singleResult());
    if (user == null) {
      return "";
    }
    return ((user.getFirstName() == null ? "" : user.getFirstName()) + " "
        + (user.getLastName() == null ? "" : user.getLastName())).trim();
  }
}
