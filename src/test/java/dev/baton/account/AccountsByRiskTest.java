package dev.baton.account;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.support.BatonIntegrationTest;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The book of business's risk order as the database reads it (Accounts.pageByRisk): segment by segment (the
 * accounts needing attention, then each band's calm ones along the index) gives the same pages as one sort of
 * every match, and both follow the order docs/portfolio.md defines. Accounts carry a tag in their names, since
 * the database is shared by the suite.
 */
@BatonIntegrationTest
class AccountsByRiskTest {

  static final List<String> BANDS = List.of("red", "yellow", "green");
  static final List<String> RISKY = List.of("not-likely", "unsure");

  @Autowired AccountRepository store;

  String tag;
  List<Account> saved = new ArrayList<>();
  Set<String> late;
  Set<String> escalated;

  @BeforeEach
  void portfolio() {
    tag = "rk" + UUID.randomUUID().toString().substring(0, 8);
    LocalDate soon = LocalDate.of(2030, 1, 10);
    String[][] rows = {
        // suffix, name, band, renewal in days (empty: none), likelihood, stage
        {"a", "Zeta", "red", "30", "", "live"},
        {"b", "alpha", "red", "30", "unsure", "live"},
        {"c", "Beta", "red", "", "", ""},
        {"d", "beta", "red", "5", "likely", "onboarding"},
        {"e", "Gamma", "yellow", "1", "", "live"},
        {"f", "delta", "yellow", "1", "not-likely", "live"},
        {"g", "Epsilon", "green", "", "unsure", ""},
        {"h", "eta", "green", "2", "", "live"},
        {"i", "Theta", "green", "2", "", "churned"},
        {"j", "iota", null, "3", "", "live"},
        {"k", "Kappa", "unknown", "", "unsure", "live"},
        {"l", "kappa", "green", "2", "", "live"},
        {"m", "Lambda", "yellow", "", "", "live"},
        {"n", "mu", "green", "9", "", "live"}};
    for (String[] row : rows) {
      Account account = new Account(tag + "-" + row[0], tag + " " + row[1], "SMB",
          row[3].isEmpty() ? null : soon.plusDays(Integer.parseInt(row[3])), row[2], Map.of("csm", "csm-demo"));
      store.save(account);
      if (!row[4].isEmpty()) {
        store.setLifecycle(account.accountId(), "renewalLikelihood", row[4]);
      }
      if (!row[5].isEmpty()) {
        store.setLifecycle(account.accountId(), "stage", row[5]);
      }
      saved.add(store.find(account.accountId()).orElseThrow());
    }
    late = Set.of(tag + "-h", tag + "-c");
    escalated = Set.of(tag + "-e", tag + "-h", tag + "-j");
  }

  @AfterEach
  void sortAtOnceAgain() {
    store.sortAtOnceUpTo(2_000);
  }

  @Test
  void segmentBySegmentAndInOneSortThePagesFollowTheRiskOrder() {
    List<String> expected = saved.stream().sorted(riskOrder()).map(Account::accountId).toList();
    assertThat(expected.subList(0, 4)).containsExactly(tag + "-c", tag + "-b", tag + "-d", tag + "-a");

    for (int sortAtOnceUpTo : new int[] {0, 2_000}) {
      store.sortAtOnceUpTo(sortAtOnceUpTo);
      List<String> paged = new ArrayList<>();
      for (int page = 0; page < 6; page++) {
        AccountsByRisk.Page slice = store.pageByRisk(query(null, null, 3L * page, 3));
        assertThat(slice.total()).isEqualTo(saved.size());
        slice.accounts().forEach(account -> paged.add(account.accountId()));
      }
      assertThat(paged).as("sorted at once up to %d", sortAtOnceUpTo).containsExactlyElementsOf(expected);
      assertThat(store.pageByRisk(query(null, null, 0, 50)).accounts().get(1).lifecycle())
          .containsEntry("renewalLikelihood", "unsure").containsEntry("stage", "live");
    }
  }

  @Test
  void theStageOfAnAccountWithoutOneRecordedIsHandoffWhileOneRunsElseLive() {
    Set<String> inHandoff = Set.of(tag + "-c");
    for (int sortAtOnceUpTo : new int[] {0, 2_000}) {
      store.sortAtOnceUpTo(sortAtOnceUpTo);
      assertThat(ids(store.pageByRisk(query("handoff", inHandoff, 0, 50)))).containsExactly(tag + "-c");
      assertThat(ids(store.pageByRisk(query("live", inHandoff, 0, 50))))
          .contains(tag + "-g", tag + "-a").doesNotContain(tag + "-c", tag + "-d", tag + "-i");
      assertThat(ids(store.pageByRisk(query("onboarding", inHandoff, 0, 50)))).containsExactly(tag + "-d");
    }
  }

  private AccountsByRisk query(String stage, Set<String> inHandoff, long offset, int limit) {
    return new AccountsByRisk(null, null, "smb", null, stage, null, null, tag,
        inHandoff == null ? Set.of() : inHandoff, BANDS, late, escalated, RISKY, offset, limit);
  }

  /** The order as docs/portfolio.md states it, in Java. */
  private Comparator<Account> riskOrder() {
    return Comparator.comparing((Account a) -> !"red".equals(a.healthBand()))
        .thenComparing(a -> !late.contains(a.accountId()))
        .thenComparing(a -> !escalated.contains(a.accountId()))
        .thenComparingInt(a -> a.healthBand() == null || !BANDS.contains(a.healthBand()) ? Integer.MAX_VALUE
            : BANDS.indexOf(a.healthBand()))
        .thenComparing(a -> !RISKY.contains(String.valueOf(a.lifecycle().get("renewalLikelihood"))))
        .thenComparing(Account::renewalDate, Comparator.nullsLast(Comparator.naturalOrder()))
        .thenComparing(Account::name, String.CASE_INSENSITIVE_ORDER)
        .thenComparing(Account::accountId);
  }

  private static List<String> ids(AccountsByRisk.Page page) {
    return page.accounts().stream().map(Account::accountId).toList();
  }
}
