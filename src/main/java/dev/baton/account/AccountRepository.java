package dev.baton.account;

import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The account store: accounts and their teams, in Baton's own tables. Rows are created "update, else
 * insert"; an insert that loses a race to a concurrent transaction (two nodes saving one new account)
 * is undone alone (see {@link #insertUnlessPresent}) and the update is made instead. Other modules use
 * {@link Accounts}, the module's API (docs/architecture.md); this class is public for tests that arrange accounts.
 */
@Repository
public class AccountRepository {

  private static final Logger log = LoggerFactory.getLogger(AccountRepository.class);

  /** Maps the account's own row only: a row mapper never queries (see {@link #find}). */
  private static final RowMapper<Account> ROW = (rs, row) -> account(rs, Map.of(), Map.of());

  private final JdbcClient jdbc;
  private final TransactionTemplate savepoint;
  private final TransactionTemplate reading;

  public AccountRepository(JdbcClient jdbc, PlatformTransactionManager transactions) {
    this.jdbc = jdbc;
    this.savepoint = new TransactionTemplate(transactions);
    this.savepoint.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
    this.reading = new TransactionTemplate(transactions);
    this.reading.setReadOnly(true);
  }

  /**
   * The account with its team and lifecycle facts. The three reads share one connection (one read-only
   * transaction, or the caller's) and run one after the other: a row mapper that queried the team while
   * the account's result set was still open took a second connection while holding the first, and a few
   * hundred concurrent reads then held the whole pool waiting for itself.
   */
  public Optional<Account> find(String accountId) {
    return reading.execute(status -> withTeamAndLifecycle(
        jdbc.sql("select * from baton_account where account_id = ?").param(accountId).query(ROW).optional()));
  }

  /**
   * Locks the account's row until the caller's transaction ends ({@code select ... for update}), so the
   * work of one account (its one escalation, onboarding or renewal) is done one request at a time, on H2
   * and PostgreSQL alike. Returns the account, or empty (and nothing locked) when there is none.
   */
  public Optional<Account> lock(String accountId) {
    return withTeamAndLifecycle(jdbc.sql("select * from baton_account where account_id = ? for update")
        .param(accountId).query(ROW).optional());
  }

  /**
   * Locks the rows of those of the accounts that exist until the caller's transaction ends, in account-id order
   * (two callers locking overlapping sets wait for each other instead of deadlocking), and returns them with their
   * teams and lifecycle facts, in three queries for all of them: a bulk of health signals scores each account
   * under its lock as {@link #lock} would. Accounts that do not exist are absent from the answer.
   */
  public Map<String, Account> lockAll(java.util.Collection<String> accountIds) {
    Map<String, Account> locked = new LinkedHashMap<>();
    if (accountIds.isEmpty()) {
      return locked;
    }
    java.util.List<String> ids = accountIds.stream().distinct().sorted().toList();
    java.util.List<Account> rows = jdbc.sql("select * from baton_account where account_id in (:ids) order by account_id for update")
        .param("ids", ids).query(ROW).list();
    Map<String, Map<String, String>> teams = new java.util.HashMap<>();
    jdbc.sql("select account_id, role_id, user_id from baton_account_team where account_id in (:ids)").param("ids", ids)
        .query(rs -> {
          teams.computeIfAbsent(rs.getString(1), id -> new LinkedHashMap<>()).put(rs.getString(2), rs.getString(3));
        });
    Map<String, Map<String, String>> facts = new java.util.HashMap<>();
    jdbc.sql("select account_id, fact, fact_value from baton_account_lifecycle where account_id in (:ids)").param("ids", ids)
        .query(rs -> {
          facts.computeIfAbsent(rs.getString(1), id -> new LinkedHashMap<>()).put(rs.getString(2), rs.getString(3));
        });
    rows.forEach(a -> locked.put(a.accountId(), new Account(a.accountId(), a.name(), a.segment(), a.renewalDate(),
        a.healthBand(), teams.getOrDefault(a.accountId(), Map.of()), facts.getOrDefault(a.accountId(), Map.of()), a.arr())));
    return locked;
  }

  /**
   * Every account with its team and lifecycle facts, in three queries (not three per account), read in one
   * read-only transaction: the book of business lists them all (dev.baton.portfolio).
   */
  public java.util.List<Account> all() {
    return all("", null);
  }

  /**
   * The accounts whose team the user is in, read as {@link #all()} does but only theirs (an index on the team's
   * user), so a CSM's book of business does not read every account.
   */
  public java.util.List<Account> withMember(String userId) {
    return all(" where account_id in (select account_id from baton_account_team where user_id = ?)", userId);
  }

  private java.util.List<Account> all(String where, String userId) {
    return reading.execute(status -> {
      Map<String, Map<String, String>> teams = new java.util.HashMap<>();
      query("select account_id, role_id, user_id from baton_account_team" + where, userId).query(rs -> {
        teams.computeIfAbsent(rs.getString(1), id -> new LinkedHashMap<>()).put(rs.getString(2), rs.getString(3));
      });
      Map<String, Map<String, String>> facts = new java.util.HashMap<>();
      query("select account_id, fact, fact_value from baton_account_lifecycle" + where, userId).query(rs -> {
        facts.computeIfAbsent(rs.getString(1), id -> new LinkedHashMap<>()).put(rs.getString(2), rs.getString(3));
      });
      return query("select * from baton_account" + where + " order by account_id", userId)
          .query((rs, n) -> account(rs, teams.getOrDefault(rs.getString("account_id"), Map.of()),
              facts.getOrDefault(rs.getString("account_id"), Map.of())))
          .list();
    });
  }

  private JdbcClient.StatementSpec query(String sql, String userId) {
    JdbcClient.StatementSpec statement = jdbc.sql(sql);
    return userId == null ? statement : statement.param(userId);
  }

  public boolean exists(String accountId) {
    return jdbc.sql("select count(*) from baton_account where account_id = ?").param(accountId)
        .query(Long.class).single() > 0;
  }

  /**
   * Creates or updates the account and replaces its team; returns true if it was created. Its ARR is written when
   * given and kept when not: who saves the account (a step of a process) does not always know the contract value.
   */
  @Transactional
  public boolean save(Account account) {
    boolean created = upsert(account);
    if (account.arr() != null) {
      updateArr(account.accountId(), account.arr());
    }
    jdbc.sql("delete from baton_account_team where account_id = ?").param(account.accountId()).update();
    account.team().forEach((role, user) -> setTeamMember(account.accountId(), role, user));
    return created;
  }

  /** Puts one person in one role of an existing account's team, replacing whoever held it. */
  @Transactional
  public void setTeamMember(String accountId, String roleId, String userId) {
    int updated = jdbc.sql("update baton_account_team set user_id = ? where account_id = ? and role_id = ?")
        .params(userId, accountId, roleId).update();
    if (updated == 0 && !insertUnlessPresent(() -> jdbc.sql(
        "insert into baton_account_team (account_id, role_id, user_id) values (?, ?, ?)")
        .params(accountId, roleId, userId).update())) {
      setTeamMember(accountId, roleId, userId);
    }
  }

  public Map<String, String> team(String accountId) {
    Map<String, String> team = new LinkedHashMap<>();
    jdbc.sql("select role_id, user_id from baton_account_team where account_id = ? order by role_id")
        .param(accountId).query(rs -> {
          team.put(rs.getString("role_id"), rs.getString("user_id"));
        });
    return team;
  }

  /** What the processes recorded about the account (fact name to value). */
  public Map<String, String> lifecycle(String accountId) {
    Map<String, String> facts = new LinkedHashMap<>();
    jdbc.sql("select fact, fact_value from baton_account_lifecycle where account_id = ? order by fact")
        .param(accountId).query(rs -> {
          facts.put(rs.getString("fact"), rs.getString("fact_value"));
        });
    return facts;
  }

  /**
   * Records one fact about an existing account (for example {@code onboardingStatus = at-risk}),
   * replacing its previous value; null removes it. Shown under {@code lifecycle} by the accounts API.
   */
  @Transactional
  public void setLifecycle(String accountId, String fact, String value) {
    if (value == null) {
      jdbc.sql("delete from baton_account_lifecycle where account_id = ? and fact = ?").params(accountId, fact).update();
      return;
    }
    int updated = jdbc.sql("update baton_account_lifecycle set fact_value = ?, updated_at = ? where account_id = ? and fact = ?")
        .params(value, now(), accountId, fact).update();
    if (updated == 0 && !insertUnlessPresent(() -> jdbc.sql(
        "insert into baton_account_lifecycle (account_id, fact, fact_value, updated_at) values (?, ?, ?, ?)")
        .params(accountId, fact, value, now()).update())) {
      setLifecycle(accountId, fact, value);
    }
  }

  /** The user holding the role on the account, if the team has one. */
  public Optional<String> teamMember(String accountId, String roleId) {
    if (accountId == null) {
      return Optional.empty();
    }
    return jdbc.sql("select user_id from baton_account_team where account_id = ? and role_id = ?")
        .params(accountId, roleId).query(String.class).optional();
  }

  /** For each user holding the role on some account: on how many accounts. */
  public Map<String, Long> accountsPerMember(String roleId) {
    Map<String, Long> counts = new LinkedHashMap<>();
    jdbc.sql("select user_id, count(*) as accounts from baton_account_team where role_id = ? group by user_id")
        .param(roleId).query(rs -> {
          counts.put(rs.getString("user_id"), rs.getLong("accounts"));
        });
    return counts;
  }

  public void updateHealthBand(String accountId, String band) {
    jdbc.sql("update baton_account set health_band = ?, updated_at = ? where account_id = ?")
        .params(band, now(), accountId).update();
  }

  /** Records the contract value; null clears it (not recorded). */
  public void updateArr(String accountId, Arr arr) {
    jdbc.sql("update baton_account set arr_amount = ?, arr_currency = ?, updated_at = ? where account_id = ?")
        .params(arr == null ? null : arr.amount(), arr == null ? null : arr.currency(), now(), accountId).update();
  }

  public void updateRenewalDate(String accountId, LocalDate renewalDate) {
    jdbc.sql("update baton_account set renewal_date = ?, updated_at = ? where account_id = ?")
        .params(renewalDate == null ? null : Date.valueOf(renewalDate), now(), accountId).update();
  }

  private boolean upsert(Account a) {
    Date renewal = a.renewalDate() == null ? null : Date.valueOf(a.renewalDate());
    int updated = jdbc.sql("""
            update baton_account set name = ?, segment = ?, renewal_date = ?, health_band = ?, updated_at = ?
            where account_id = ?""")
        .params(a.name(), a.segment(), renewal, a.healthBand(), now(), a.accountId()).update();
    if (updated > 0) {
      return false;
    }
    if (insertUnlessPresent(() -> jdbc.sql("""
            insert into baton_account (account_id, name, segment, renewal_date, health_band, created_at, updated_at)
            values (?, ?, ?, ?, ?, ?, ?)""")
        .params(a.accountId(), a.name(), a.segment(), renewal, a.healthBand(), now(), now()).update())) {
      return true;
    }
    log.info("Account {} was created by a concurrent request meanwhile: updating it instead", a.accountId());
    return upsert(a);
  }

  /**
   * Runs the insert inside a savepoint and returns true, or false if a concurrent transaction has
   * committed a row with the same key. On PostgreSQL a failed statement aborts the whole transaction
   * (every later statement fails until rollback), so the duplicate is undone by rolling back to the
   * savepoint; the caller's transaction goes on and updates the row the other one created. On
   * PostgreSQL and H2 the insert waits for a concurrent uncommitted insert of the key to end first.
   */
  private boolean insertUnlessPresent(Runnable insert) {
    return Boolean.TRUE.equals(savepoint.execute(status -> {
      try {
        insert.run();
        return true;
      } catch (DuplicateKeyException concurrentInsert) {
        status.setRollbackOnly();
        return false;
      }
    }));
  }

  /** Adds team and lifecycle, read after the account's result set is closed, on the same connection. */
  private Optional<Account> withTeamAndLifecycle(Optional<Account> row) {
    return row.map(a -> new Account(a.accountId(), a.name(), a.segment(), a.renewalDate(), a.healthBand(),
        team(a.accountId()), lifecycle(a.accountId()), a.arr()));
  }

  private static java.sql.Timestamp now() {
    return java.sql.Timestamp.from(Instant.now());
  }

  private static Account account(ResultSet rs, Map<String, String> team, Map<String, String> lifecycle)
      throws SQLException {
    Date renewal = rs.getDate("renewal_date");
    java.math.BigDecimal amount = rs.getBigDecimal("arr_amount");
    String currency = rs.getString("arr_currency");
    return new Account(rs.getString("account_id"), rs.getString("name"), rs.getString("segment"),
        renewal == null ? null : renewal.toLocalDate(), rs.getString("health_band"), team, lifecycle,
        amount == null || currency == null ? null : new Arr(amount, currency.strip()));
  }
}
