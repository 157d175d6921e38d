package dev.baton.account;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The account module's API: how the other modules read accounts and record what happened to them. Only the
 * account module writes accounts (docs/architecture.md); the lifecycle facts' names and values (shown under
 * {@code lifecycle} by the accounts API, docs/onboarding.md and docs/renewal.md) are known here only.
 */
@Service
public class Accounts {

  private static final String STAGE = "stage";
  private static final String ONBOARDING_STATUS = "onboardingStatus";

  private final AccountRepository store;
  private final AccountService service;
  private final AccountTallyStore tallies;

  Accounts(AccountRepository store, AccountService service, AccountTallyStore tallies) {
    this.store = store;
    this.service = service;
    this.tallies = tallies;
  }

  public Optional<Account> find(String accountId) {
    return store.find(accountId);
  }

  /** Every account with its team and lifecycle facts (read-only; the caller decides who sees which). */
  public List<Account> all() {
    return service.all();
  }

  /** The accounts whose team the user is in, with their teams and lifecycle facts (read-only). */
  public List<Account> withTeamMember(String userId) {
    return store.withMember(userId);
  }

  /**
   * One page of the book of business, filtered, in risk order, read by the database (only the page's accounts
   * are read), and how many accounts match.
   */
  public AccountsByRisk.Page pageByRisk(AccountsByRisk query) {
    return store.pageByRisk(query);
  }

  /** The accounts of these ids that exist, with their teams and lifecycle facts (read-only). */
  public List<Account> withIds(java.util.Collection<String> accountIds) {
    return store.withIds(accountIds);
  }

  /**
   * The dashboard's counts of the accounts (teamMember null: every account, else those whose team the user is in):
   * how many, how many in the band, how many renew from renewalFrom to renewalTo (both included), and the ARR of
   * those renewing then whose renewal likelihood is one of the given ones. Counted by the database.
   */
  public AccountTallies.Summary summary(String teamMember, String band, LocalDate renewalFrom, LocalDate renewalTo,
      java.util.Collection<String> likelihoods) {
    return tallies.summary(teamMember, band, renewalFrom, renewalTo, likelihoods);
  }

  /**
   * The accounts not churned renewing from {@code from} to {@code to} (both included), counted per month, recorded
   * renewal likelihood and ARR by the database (teamMember as for {@link #summary}).
   */
  public List<AccountTallies.Renewing> renewingByMonth(String teamMember, LocalDate from, LocalDate to) {
    return tallies.renewingByMonth(teamMember, from, to);
  }

  /** The accounts counted per CSM, segment and ARR, with those in the band, by the database (teamMember as above). */
  public List<AccountTallies.CsmShare> byCsmAndSegment(String teamMember, String band) {
    return tallies.byCsmAndSegment(teamMember, band);
  }

  /** The ARR (empty: not recorded) of those of the accounts that exist (and whose team has the teamMember, if given). */
  public Map<String, Optional<Arr>> arrOf(java.util.Collection<String> accountIds, String teamMember) {
    return tallies.arrOf(accountIds, teamMember);
  }

  /** The CSM (empty: none) of those of the accounts that exist (and whose team has the teamMember, if given). */
  public Map<String, Optional<String>> csmOf(java.util.Collection<String> accountIds, String teamMember) {
    return tallies.csmOf(accountIds, teamMember);
  }

  public boolean exists(String accountId) {
    return store.exists(accountId);
  }

  /** The user holding the role on the account, if its team has one. */
  public Optional<String> teamMember(String accountId, String roleId) {
    return store.teamMember(accountId, roleId);
  }

  /** For each user holding the role on some account: on how many accounts. */
  public Map<String, Long> accountsPerMember(String roleId) {
    return store.accountsPerMember(roleId);
  }

  /** True once the renewal has marked the account churned. */
  public boolean isChurned(String accountId) {
    return Objects.equals("churned", store.lifecycle(accountId).get(STAGE));
  }

  /**
   * Locks the account until the caller's transaction ends, so the work of one account (its escalation,
   * onboarding or renewal) is done one request at a time. Empty, and nothing locked, for no such account.
   */
  public Optional<Account> lock(String accountId) {
    return store.lock(accountId);
  }

  /**
   * Locks the rows of those of the accounts that exist until the caller's transaction ends (in account-id order,
   * so overlapping callers cannot deadlock), with their teams and lifecycle facts; accounts that do not exist are
   * absent from the answer. Many accounts' work (a bulk of health signals) in a few queries instead of three each.
   */
  public java.util.Map<String, Account> lockAll(java.util.Collection<String> accountIds) {
    return store.lockAll(accountIds);
  }

  /**
   * Creates or updates the account and its team (checked against the role catalogue and Camunda's users),
   * and publishes {@link AccountSaved} inside the transaction; true if it was created.
   */
  public boolean save(Account account) {
    return service.save(account);
  }

  /** The band the health score puts the account in. */
  public void recordHealthBand(String accountId, String band) {
    store.updateHealthBand(accountId, band);
  }

  /**
   * The account's contract value (annual recurring revenue), as the won deal or the CRM states it; without
   * {@link AccountSaved}, since nothing the processes schedule depends on it.
   */
  public void recordArr(String accountId, Arr arr) {
    store.updateArr(accountId, arr);
  }

  /**
   * The renewal date as the renewal preparation itself sets it: without {@link AccountSaved}, whose
   * listeners would move the renewal that sets it.
   */
  public void recordRenewalDate(String accountId, LocalDate renewalDate) {
    store.updateRenewalDate(accountId, renewalDate);
  }

  @Transactional
  public void markOnboarding(String accountId) {
    store.setLifecycle(accountId, STAGE, "onboarding");
    store.setLifecycle(accountId, ONBOARDING_STATUS, "on-track");
  }

  public void markOnboardingAtRisk(String accountId) {
    store.setLifecycle(accountId, ONBOARDING_STATUS, "at-risk");
  }

  /** The onboarding ended because the account churned. */
  public void markOnboardingChurned(String accountId) {
    store.setLifecycle(accountId, ONBOARDING_STATUS, "churned");
  }

  public void markSuccessPlanConfirmed(String accountId) {
    store.setLifecycle(accountId, "successPlan", "confirmed");
  }

  /** The customer is live since the launch date; time to value in days when the close date is known. */
  @Transactional
  public void markLive(String accountId, LocalDate launchDate, Integer timeToValueDays) {
    store.setLifecycle(accountId, STAGE, "live");
    store.setLifecycle(accountId, ONBOARDING_STATUS, "launched");
    store.setLifecycle(accountId, "launchDate", launchDate.toString());
    if (timeToValueDays != null) {
      store.setLifecycle(accountId, "timeToValueDays", timeToValueDays.toString());
    }
  }

  /** How likely the customer renews, as the survey or the CSM says (docs/renewal.md). */
  public void recordRenewalLikelihood(String accountId, String likelihood) {
    store.setLifecycle(accountId, "renewalLikelihood", likelihood);
  }

  /** The account renewed at its renewal of that date. */
  public void recordRenewal(String accountId, String renewalDate) {
    store.setLifecycle(accountId, "lastRenewal", renewalDate);
  }

  public void markChurned(String accountId) {
    store.setLifecycle(accountId, STAGE, "churned");
  }
}
