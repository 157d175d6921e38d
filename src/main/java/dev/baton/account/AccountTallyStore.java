package dev.baton.account;

import java.math.BigDecimal;
import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The reports' reads of the account store: counts and ARR grouped by the database ({@link AccountTallies}), and
 * narrow columns of given accounts, instead of every account with its team and lifecycle facts. {@code teamMember}:
 * null counts every account, else only the accounts whose team the user is in (the index on the team's user).
 */
@Repository
class AccountTallyStore {

  private final JdbcClient jdbc;

  AccountTallyStore(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  AccountTallies.Summary summary(String teamMember, String band, LocalDate renewalFrom, LocalDate renewalTo,
      Collection<String> likelihoods) {
    Map<String, Object> parameters = visibility(teamMember);
    parameters.put("band", band);
    parameters.put("from", Date.valueOf(renewalFrom));
    parameters.put("to", Date.valueOf(renewalTo));
    long[] counts = jdbc.sql("select count(*), sum(case when a.health_band = :band then 1 else 0 end),"
            + " sum(case when a.renewal_date between :from and :to then 1 else 0 end) from baton_account a where 1 = 1"
            + visible(teamMember))
        .params(parameters).query((rs, n) -> new long[] {rs.getLong(1), rs.getLong(2), rs.getLong(3)}).single();
    List<AccountTallies.ArrCount> arr = new ArrayList<>();
    if (!likelihoods.isEmpty()) {
      parameters.put("likelihoods", List.copyOf(likelihoods));
      jdbc.sql("select a.arr_amount, a.arr_currency, count(*) from baton_account a join baton_account_lifecycle lk"
              + " on lk.account_id = a.account_id and lk.fact = 'renewalLikelihood' and lk.fact_value in (:likelihoods)"
              + " where a.renewal_date between :from and :to" + visible(teamMember)
              + " group by a.arr_amount, a.arr_currency")
          .params(parameters).query(rs -> {
            arr.add(new AccountTallies.ArrCount(arr(rs, 1, 2), rs.getLong(3)));
          });
    }
    return new AccountTallies.Summary(counts[0], counts[1], counts[2], arr);
  }

  List<AccountTallies.Renewing> renewingByMonth(String teamMember, LocalDate from, LocalDate to) {
    Map<String, Object> parameters = visibility(teamMember);
    parameters.put("from", Date.valueOf(from));
    parameters.put("to", Date.valueOf(to));
    String year = "extract(year from a.renewal_date)";
    String month = "extract(month from a.renewal_date)";
    return jdbc.sql("select " + year + ", " + month + ", lk.fact_value, a.arr_amount, a.arr_currency, count(*)"
            + " from baton_account a"
            + " left join baton_account_lifecycle lk on lk.account_id = a.account_id and lk.fact = 'renewalLikelihood'"
            + " left join baton_account_lifecycle st on st.account_id = a.account_id and st.fact = 'stage'"
            + " where a.renewal_date between :from and :to and (st.fact_value is null or st.fact_value <> 'churned')"
            + visible(teamMember)
            + " group by " + year + ", " + month + ", lk.fact_value, a.arr_amount, a.arr_currency")
        .params(parameters)
        .query((rs, n) -> new AccountTallies.Renewing(YearMonth.of(rs.getInt(1), rs.getInt(2)), rs.getString(3),
            new AccountTallies.ArrCount(arr(rs, 4, 5), rs.getLong(6))))
        .list();
  }

  List<AccountTallies.CsmShare> byCsmAndSegment(String teamMember, String band) {
    Map<String, Object> parameters = visibility(teamMember);
    parameters.put("band", band);
    return jdbc.sql("select t.user_id, a.segment, a.arr_amount, a.arr_currency, count(*),"
            + " sum(case when a.health_band = :band then 1 else 0 end) from baton_account a"
            + " left join baton_account_team t on t.account_id = a.account_id and t.role_id = 'csm' where 1 = 1"
            + visible(teamMember) + " group by t.user_id, a.segment, a.arr_amount, a.arr_currency")
        .params(parameters)
        .query((rs, n) -> new AccountTallies.CsmShare(rs.getString(1), rs.getString(2),
            new AccountTallies.ArrCount(arr(rs, 3, 4), rs.getLong(5)), rs.getLong(6)))
        .list();
  }

  /** The ARR (empty: not recorded) of those of the accounts that exist and are visible, 1,000 per query. */
  Map<String, Optional<Arr>> arrOf(Collection<String> accountIds, String teamMember) {
    Map<String, Optional<Arr>> arr = new HashMap<>();
    among(accountIds, teamMember, "a.arr_amount, a.arr_currency", "", rs -> arr.put(rs.getString(1),
        Optional.ofNullable(arr(rs, 2, 3))));
    return arr;
  }

  /** The CSM (empty: none) of those of the accounts that exist and are visible, 1,000 per query. */
  Map<String, Optional<String>> csmOf(Collection<String> accountIds, String teamMember) {
    Map<String, Optional<String>> csm = new HashMap<>();
    among(accountIds, teamMember, "t.user_id",
        " left join baton_account_team t on t.account_id = a.account_id and t.role_id = 'csm'",
        rs -> csm.put(rs.getString(1), Optional.ofNullable(rs.getString(2))));
    return csm;
  }

  private void among(Collection<String> accountIds, String teamMember, String columns, String join,
      org.springframework.jdbc.core.RowCallbackHandler row) {
    List<String> ids = List.copyOf(new LinkedHashSet<>(accountIds.stream().filter(Objects::nonNull).toList()));
    for (int from = 0; from < ids.size(); from += 1000) {
      Map<String, Object> parameters = visibility(teamMember);
      parameters.put("ids", ids.subList(from, Math.min(from + 1000, ids.size())));
      jdbc.sql("select a.account_id, " + columns + " from baton_account a" + join + " where a.account_id in (:ids)"
              + visible(teamMember))
          .params(parameters).query(row);
    }
  }

  private static Map<String, Object> visibility(String teamMember) {
    Map<String, Object> parameters = new HashMap<>();
    if (teamMember != null) {
      parameters.put("member", teamMember);
    }
    return parameters;
  }

  private static String visible(String teamMember) {
    return teamMember == null ? ""
        : " and a.account_id in (select m.account_id from baton_account_team m where m.user_id = :member)";
  }

  /** As the account store reads it: both parts recorded, or none. */
  private static Arr arr(ResultSet rs, int amountColumn, int currencyColumn) throws SQLException {
    BigDecimal amount = rs.getBigDecimal(amountColumn);
    String currency = rs.getString(currencyColumn);
    return amount == null || currency == null ? null : new Arr(amount, currency.strip());
  }
}
