package dev.baton.handoff;

import dev.baton.account.Account;
import dev.baton.account.Accounts;
import dev.baton.account.Arr;
import dev.baton.engine.WithoutAuthorization;
import dev.baton.raci.RoleRecipients;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.identity.User;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * "Assign the CSM and record the account": picks the account's CSM (docs/domain.md#segmentation: segmentation
 * decides who connects) and saves the account with its team, so RACI finds the right people from the
 * first user task on. The CSM is, in this order: the one the CRM names (a Camunda user with that
 * e-mail), the account's current CSM (a returning customer keeps its CSM), or the member of the
 * segment's CSM pool with the fewest accounts (docs/domain.md#coverage-ratios). A pool is a Camunda group
 * named by the segmentation decision ({@code csmGroup}) and only chooses the person: a pool member must also
 * be in the role group {@code csm}, which keeps the task authorizations; a pool without such a member falls
 * back to the whole {@code csm} group. The Sales Rep is the Camunda user with the deal owner's e-mail, when
 * there is one.
 */
@Component("csmAssignment")
public class CsmAssignment {

  static final String CSM = "csm";
  static final String SALES_REP = "sales-rep";
  private static final Logger log = LoggerFactory.getLogger(CsmAssignment.class);

  private final Accounts accounts;
  private final IdentityService identity;
  private final RoleRecipients recipients;

  CsmAssignment(Accounts accounts, IdentityService identity, RoleRecipients recipients) {
    this.accounts = accounts;
    this.identity = identity;
    this.recipients = recipients;
  }

  /** How the CSM was chosen: named by the CRM, kept from the account, least loaded of the group, or nobody. */
  record Choice(String userId, String chosenBy) {}

  public void assign(DelegateExecution execution) {
    String accountId = (String) execution.getVariable(HandoffVariables.ACCOUNT_ID);
    String group = Optional.ofNullable((String) execution.getVariable(HandoffVariables.CSM_GROUP)).orElse(CSM);
    Optional<Account> existing = accounts.find(accountId);
    Choice csm = choose(accountId, (String) execution.getVariable(HandoffVariables.CSM_EMAIL), group, existing);
    Optional<String> salesRep = userByEmail((String) execution.getVariable(HandoffVariables.SALES_REP_EMAIL));

    Map<String, String> team = new LinkedHashMap<>(existing.map(Account::team).orElse(Map.of()));
    salesRep.ifPresent(user -> team.put(SALES_REP, user));
    if (csm.userId() != null) {
      team.put(CSM, csm.userId());
    }
    String renewal = (String) execution.getVariable(HandoffVariables.RENEWAL_DATE);
    // The won deal's amount is its annual recurring revenue (docs/portfolio.md, contract value): the CRMs' deals
    // carry no other contract value. Without an amount or a known currency the recorded ARR is kept.
    Arr arr = Arr.of((Number) execution.getVariable(HandoffVariables.AMOUNT),
        (String) execution.getVariable(HandoffVariables.CURRENCY)).orElse(null);
    accounts.save(new Account(accountId, (String) execution.getVariable(HandoffVariables.ACCOUNT_NAME),
        (String) execution.getVariable(HandoffVariables.SEGMENT), renewal == null ? null : LocalDate.parse(renewal),
        existing.map(Account::healthBand).orElse(null), team, Map.of(), arr));

    execution.setVariable(HandoffVariables.CSM_USER_ID, csm.userId());
    execution.setVariable(HandoffVariables.CSM_CHOSEN_BY, csm.chosenBy());
    execution.setVariable(HandoffVariables.CSM_NAME, csm.userId() == null ? null : recipients.displayName(csm.userId()));
    if (csm.userId() != null) {
      execution.setVariable(HandoffVariables.CSM_EMAIL, recipients.emailsOf(List.of(csm.userId())).stream()
          .findFirst().orElse(null));
    }
    execution.setVariable(HandoffVariables.SALES_REP_USER_ID, salesRep.orElse(null));
    if (csm.userId() == null) {
      log.warn("Account {}: no CSM assigned (neither the pool '{}' nor the group '{}' has a member); the CSM tasks "
          + "go to the whole group", accountId, group, CSM);
    } else {
      log.info("Account {}: CSM {} ({}), Sales Rep {}", accountId, csm.userId(), csm.chosenBy(),
          salesRep.orElse("none (no Camunda user with the deal owner's e-mail)"));
    }
  }

  Choice choose(String accountId, String csmEmail, String group, Optional<Account> existing) {
    Optional<String> named = userByEmail(csmEmail);
    if (named.isPresent()) {
      return new Choice(named.get(), "crm");
    }
    if (csmEmail != null && !csmEmail.isBlank()) {
      log.warn("Account {}: the CRM names the CSM {}, but no Camunda user has that e-mail; choosing by load",
          accountId, csmEmail);
    }
    Optional<String> current = existing.map(a -> a.team().get(CSM));
    if (current.isPresent()) {
      return new Choice(current.get(), "account");
    }
    Optional<String> pooled = leastLoaded(group);
    if (pooled.isEmpty() && !CSM.equals(group)) {
      log.warn("Account {}: the CSM pool '{}' has no member who is also in the group '{}'; choosing from the "
          + "whole '{}' group", accountId, group, CSM, CSM);
      pooled = leastLoaded(CSM);
    }
    return pooled.map(user -> new Choice(user, "least-loaded")).orElse(new Choice(null, "none"));
  }

  /**
   * The pool's member who is also a CSM (group {@code csm}: only they may work on the CSM's tasks) and the CSM
   * of the fewest accounts (ties: the smallest user id).
   */
  Optional<String> leastLoaded(String pool) {
    Set<String> csms = members(CSM);
    List<String> eligible = CSM.equals(pool) ? List.copyOf(csms)
        : members(pool).stream().filter(csms::contains).toList();
    if (eligible.isEmpty()) {
      return Optional.empty();
    }
    Map<String, Long> held = accounts.accountsPerMember(CSM);
    return eligible.stream()
        .min(Comparator.<String>comparingLong(member -> held.getOrDefault(member, 0L))
            .thenComparing(Comparator.naturalOrder()));
  }

  private Set<String> members(String group) {
    return WithoutAuthorization.call(() -> identity.createUserQuery().memberOfGroup(group).list()).stream()
        .map(User::getId).collect(Collectors.toSet());
  }

  private Optional<String> userByEmail(String email) {
    if (email == null || email.isBlank()) {
      return Optional.empty();
    }
    List<User> users = WithoutAuthorization.call(() -> identity.createUserQuery().userEmail(email.trim()).list());
    return users.stream().map(User::getId).sorted().findFirst();
  }
}
