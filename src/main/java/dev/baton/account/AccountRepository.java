package dev.baton.account;

import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import dev.baton.schema.InsertUnlessPresent;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The account store: accounts and their teams, in Baton's own tables. Rows are written "insert unless present,
 * else update" ({@link InsertUnlessPresent}): an insert that meets a row a concurrent transaction created (two
 * nodes saving one new account) inserts nothing, and the update is made instead. Other modules use
 * {@link Accounts}, the module's API (docs/architecture.md); this class is public for tests that arrange accounts.
 */
@Repository
public class AccountRepository {

  /** Maps the account's own row only: a row mapper never queries (see {@link #find}). */
  private static final RowMapper<Account> ROW = (rs, row) -> account(rs, Map.of(), Map.of());

  private final JdbcClient jdbc;
  private final InsertUnlessPresent insertUnlessPresent;
  private final TransactionTemplate reading;

  public AccountRepository(JdbcClient jdbc, InsertUnlessPresent insertUnlessPresent,
      PlatformTransactionManager transactions) {
    this.jdbc = jdbc;
    this.insertUnlessPresent = insertUnlessPresent;
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
   * read-only transaction: the dashboard's summary and the team and renewals reports read them all
   * (dev.baton.portfolio).
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

  /**
   * One page of the book of business, filtered, sorted by risk and paged in SQL, and the number of accounts
   * that match: the database reads only the page's rows, not every account (docs/portfolio.md, at scale).
   * The order is the one the book of business defines: the worst band, a late step, a running escalation,
   * the band's rank, a risky renewal likelihood, the sooner renewal, the name (ignoring case), the id.
   *
   * <p>The accounts with a late step or an escalation are few: they are read and sorted as one segment. The
   * others ("calm") are read band by band, risky likelihoods first, each group in renewal date order along the
   * index on (band, renewal date), so a page stops after its rows instead of sorting every account. A group is
   * counted only when a later page skips it. A few matches are sorted in one query.
   */
  public AccountsByRisk.Page pageByRisk(AccountsByRisk query) {
    Map<String, Object> parameters = new java.util.HashMap<>();
    String from = " from baton_account a" + (query.stage() != null
        ? " left join baton_account_lifecycle st on st.account_id = a.account_id and st.fact = 'stage'" : "");
    String where = filters(query, parameters);
    java.util.Set<String> attention = new java.util.HashSet<>(query.late());
    attention.addAll(query.escalated());
    if (!attention.isEmpty()) {
      parameters.put("attention", attention);
    }
    parameters.put("worstBand", query.bands().get(0));
    parameters.put("bands", query.bands());
    parameters.put("risky", query.riskyLikelihoods().isEmpty() ? java.util.List.of("") : query.riskyLikelihoods());
    String risky = " exists (select 1 from baton_account_lifecycle r where r.account_id = a.account_id"
        + " and r.fact = 'renewalLikelihood' and r.fact_value in (:risky))";
    String calm = attention.isEmpty() ? "" : " and a.account_id not in (:attention)";
    java.util.List<Segment> segments = new java.util.ArrayList<>();
    if (!attention.isEmpty()) {
      segments.add(new Segment(" and a.account_id in (:attention) and a.health_band = :worstBand", true));
    }
    segments.add(new Segment(calm + " and a.health_band = :worstBand and" + risky, false));
    segments.add(new Segment(calm + " and a.health_band = :worstBand and not" + risky, false));
    if (!attention.isEmpty()) {
      segments.add(new Segment(" and a.account_id in (:attention) and (a.health_band is null or a.health_band <> :worstBand)",
          true));
    }
    for (int rank = 1; rank < query.bands().size(); rank++) {
      parameters.put("band" + rank, query.bands().get(rank));
      segments.add(new Segment(calm + " and a.health_band = :band" + rank + " and" + risky, false));
      segments.add(new Segment(calm + " and a.health_band = :band" + rank + " and not" + risky, false));
    }
    String unranked = " and (a.health_band is null or a.health_band not in (:bands))";
    segments.add(new Segment(calm + unranked + " and" + risky, false));
    segments.add(new Segment(calm + unranked + " and not" + risky, false));
    String attentionOrder = riskOrder(query, parameters);
    String likelihood = " left join baton_account_lifecycle lk on lk.account_id = a.account_id"
        + " and lk.fact = 'renewalLikelihood'";
    String byRenewal = " order by a.renewal_date asc nulls last" + byName();
    return reading.execute(status -> {
      long total = jdbc.sql("select count(*)" + from + where).params(parameters).query(Long.class).single();
      java.util.List<Account> page = new java.util.ArrayList<>();
      long skip = query.offset();
      if (total <= sortedAtOnce) {
        // A few matches (a CSM's book, a narrow filter) sort at once; walking every segment would cost more.
        return new AccountsByRisk.Page(total, withTeamsAndLifecycle(jdbc.sql("select a.*" + from + likelihood + where
            + attentionOrder + " limit " + query.limit() + " offset " + skip).params(parameters).query(ROW).list()));
      }
      for (Segment segment : segments) {
        int wanted = query.limit() - page.size();
        if (wanted <= 0 || skip >= total) {
          break;
        }
        if (skip > 0) {
          long size = jdbc.sql("select count(*)" + from + where + segment.condition()).params(parameters).query(Long.class)
              .single();
          if (size <= skip) {
            skip -= size;
            continue;
          }
        }
        String sql = segment.attention()
            ? "select a.*" + from + likelihood + where + segment.condition() + attentionOrder
            : "select a.*" + from + where + segment.condition() + byRenewal;
        page.addAll(jdbc.sql(sql + " limit " + wanted + " offset " + skip).params(parameters).query(ROW).list());
        skip = 0;
      }
      return new AccountsByRisk.Page(total, withTeamsAndLifecycle(page));
    });
  }

  /** Up to this many matching accounts are sorted in one query instead of segment by segment. */
  private int sortedAtOnce = 2_000;

  /** Tests: walk the segments from this many matches on (0: always), to compare both ways. */
  void sortAtOnceUpTo(int accounts) {
    sortedAtOnce = accounts;
  }

  /** A part of the risk order: the accounts needing attention (sorted in full), or a group of calm ones. */
  private record Segment(String condition, boolean attention) {}

  /** The page's filters and the viewer's visibility, as a where clause on baton_account a (and its stage st). */
  private static String filters(AccountsByRisk query, Map<String, Object> parameters) {
    StringBuilder where = new StringBuilder(" where 1 = 1");
    if (query.teamMember() != null) {
      where.append(" and a.account_id in (select account_id from baton_account_team where user_id = :member)");
      parameters.put("member", query.teamMember());
    }
    if (query.csm() != null) {
      where.append(" and a.account_id in (select account_id from baton_account_team where role_id = 'csm' and user_id = :csm)");
      parameters.put("csm", query.csm());
    }
    if (query.segment() != null) {
      where.append(" and lower(a.segment) = :segment");
      parameters.put("segment", query.segment().toLowerCase(java.util.Locale.ROOT));
    }
    if (query.healthBand() != null) {
      where.append(" and a.health_band = :band");
      parameters.put("band", query.healthBand());
    }
    if (query.stage() != null) {
      where.append(stageCondition(query, parameters));
    }
    if (query.renewalFrom() != null) {
      where.append(" and a.renewal_date >= :renewalFrom and a.renewal_date <= :renewalTo");
      parameters.put("renewalFrom", Date.valueOf(query.renewalFrom()));
      parameters.put("renewalTo", Date.valueOf(query.renewalTo()));
    }
    if (query.nameContains() != null) {
      where.append(" and lower(a.name) like :name escape '!'");
      parameters.put("name", "%" + query.nameContains().toLowerCase(java.util.Locale.ROOT)
          .replace("!", "!!").replace("%", "!%").replace("_", "!_") + "%");
    }
    return where.toString();
  }

  /** The recorded stage, else handoff while one runs, else live (as the book of business shows it). */
  private static String stageCondition(AccountsByRisk query, Map<String, Object> parameters) {
    parameters.put("stage", query.stage());
    boolean handoffs = !query.inHandoff().isEmpty();
    if (handoffs) {
      parameters.put("inHandoff", query.inHandoff());
    }
    return switch (query.stage()) {
      case "handoff" -> handoffs
          ? " and (st.fact_value = :stage or (st.fact_value is null and a.account_id in (:inHandoff)))"
          : " and st.fact_value = :stage";
      case "live" -> handoffs
          ? " and (st.fact_value = :stage or (st.fact_value is null and a.account_id not in (:inHandoff)))"
          : " and (st.fact_value = :stage or st.fact_value is null)";
      default -> " and st.fact_value = :stage";
    };
  }

  private String riskOrder(AccountsByRisk query, Map<String, Object> parameters) {
    StringBuilder order = new StringBuilder(" order by case when a.health_band = :worstBand then 0 else 1 end");
    parameters.put("worstBand", query.bands().get(0));
    if (!query.late().isEmpty()) {
      order.append(", case when a.account_id in (:late) then 0 else 1 end");
      parameters.put("late", query.late());
    }
    if (!query.escalated().isEmpty()) {
      order.append(", case when a.account_id in (:escalated) then 0 else 1 end");
      parameters.put("escalated", query.escalated());
    }
    order.append(", case a.health_band");
    for (int rank = 0; rank < query.bands().size(); rank++) {
      order.append(" when :rank").append(rank).append(" then ").append(rank);
      parameters.put("rank" + rank, query.bands().get(rank));
    }
    order.append(" else ").append(Integer.MAX_VALUE).append(" end");
    if (!query.riskyLikelihoods().isEmpty()) {
      order.append(", case when lk.fact_value in (:risky) then 0 else 1 end");
      parameters.put("risky", query.riskyLikelihoods());
    }
    return order.append(", case when a.renewal_date is null then 1 else 0 end, a.renewal_date").append(byName())
        .toString();
  }

  /** Then the name ignoring case and the id, in the order of their characters (as Java compares them), not the locale's. */
  private String byName() {
    String characters = postgres() ? " collate \"C\"" : "";
    return ", lower(a.name)" + characters + ", a.account_id" + characters;
  }

  private volatile Boolean postgres;

  private boolean postgres() {
    if (postgres == null) {
      postgres = jdbc.sql("select 1").query(rs -> {
        return "PostgreSQL".equals(rs.getStatement().getConnection().getMetaData().getDatabaseProductName());
      });
    }
    return postgres;
  }

  /** The accounts of these ids that exist, with teams and lifecycle facts, read 1,000 ids per query. */
  public java.util.List<Account> withIds(java.util.Collection<String> accountIds) {
    java.util.List<String> ids = java.util.List.copyOf(new java.util.LinkedHashSet<>(accountIds));
    return reading.execute(status -> {
      java.util.List<Account> found = new java.util.ArrayList<>();
      for (int from = 0; from < ids.size(); from += 1000) {
        found.addAll(withTeamsAndLifecycle(jdbc.sql("select * from baton_account where account_id in (:ids)")
            .param("ids", ids.subList(from, Math.min(from + 1000, ids.size()))).query(ROW).list()));
      }
      return found;
    });
  }

  /** The accounts with their teams and lifecycle facts, in their order: two queries for the lot. */
  private java.util.List<Account> withTeamsAndLifecycle(java.util.List<Account> accounts) {
    if (accounts.isEmpty()) {
      return accounts;
    }
    java.util.List<String> ids = accounts.stream().map(Account::accountId).toList();
    Map<String, Map<String, String>> teams = new java.util.HashMap<>();
    jdbc.sql("select account_id, role_id, user_id from baton_account_team where account_id in (:ids)")
        .param("ids", ids).query(rs -> {
          teams.computeIfAbsent(rs.getString(1), id -> new LinkedHashMap<>()).put(rs.getString(2), rs.getString(3));
        });
    Map<String, Map<String, String>> facts = new java.util.HashMap<>();
    jdbc.sql("select account_id, fact, fact_value from baton_account_lifecycle where account_id in (:ids)")
        .param("ids", ids).query(rs -> {
          facts.computeIfAbsent(rs.getString(1), id -> new LinkedHashMap<>()).put(rs.getString(2), rs.getString(3));
        });
    return accounts.stream().map(a -> new Account(a.accountId(), a.name(), a.segment(), a.renewalDate(),
        a.healthBand(), teams.getOrDefault(a.accountId(), Map.of()), facts.getOrDefault(a.accountId(), Map.of()),
        a.arr())).toList();
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
    if (!insertUnlessPresent.into("baton_account_team", "account_id, role_id, user_id", accountId, roleId, userId)) {
      jdbc.sql("update baton_account_team set user_id = ? where account_id = ? and role_id = ?")
          .params(userId, accountId, roleId).update();
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
    if (!insertUnlessPresent.into("baton_account_lifecycle", "account_id, fact, fact_value, updated_at",
        accountId, fact, value, now())) {
      jdbc.sql("update baton_account_lifecycle set fact_value = ?, updated_at = ? where account_id = ? and fact = ?")
          .params(value, now(), accountId, fact).update();
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

  /** Inserts the account's row, or updates it when it is there (also when created by a concurrent request meanwhile). */
  private boolean upsert(Account a) {
    Date renewal = a.renewalDate() == null ? null : Date.valueOf(a.renewalDate());
    if (insertUnlessPresent.into("baton_account",
        "account_id, name, segment, renewal_date, health_band, created_at, updated_at",
        a.accountId(), a.name(), a.segment(), renewal, a.healthBand(), now(), now())) {
      return true;
    }
    jdbc.sql("""
            update baton_account set name = ?, segment = ?, renewal_date = ?, health_band = ?, updated_at = ?
            where account_id = ?""")
        .params(a.name(), a.segment(), renewal, a.healthBand(), now(), a.accountId()).update();
    return false;
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
