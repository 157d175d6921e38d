package dev.baton.account;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.support.BatonIntegrationTest;
import java.time.LocalDate;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Two transactions saving the same new account at once (two nodes handing off two deals of one
 * customer): the second runs into the first's uncommitted row. Both must succeed, one creating the
 * account and the other updating it, on H2 and on PostgreSQL (where a failed insert would abort the whole
 * transaction: the second one's insert waits for the first and then inserts nothing).
 */
@BatonIntegrationTest
class ConcurrentAccountSaveTest {

  /** How long the first transaction keeps its new rows uncommitted while the second runs into them. */
  static final long HOLD_MILLIS = 1500;

  @Autowired AccountRepository accounts;
  @Autowired TransactionTemplate transaction;
  final ExecutorService pool = Executors.newFixedThreadPool(2);

  @AfterEach
  void stop() {
    pool.shutdownNow();
  }

  @Test
  void twoSimultaneousFirstSavesOfOneAccountBothSucceedAndTheLaterOneWins() throws Exception {
    String id = "race-" + UUID.randomUUID();
    CountDownLatch firstInserted = new CountDownLatch(1);
    Future<Boolean> first = pool.submit(() -> transaction.execute(status -> {
      boolean created = accounts.save(new Account(id, "Race Ltd", "smb", LocalDate.of(2027, 1, 31), null,
          Map.of("csm", "csm-demo")));
      firstInserted.countDown();
      pause(HOLD_MILLIS);
      return created;
    }));
    assertThat(firstInserted.await(30, TimeUnit.SECONDS)).isTrue();
    Future<Boolean> second = pool.submit(() -> accounts.save(new Account(id, "Race Limited", "mid-market",
        LocalDate.of(2027, 2, 28), null, Map.of("sales-rep", "sales-rep-demo"))));

    assertThat(first.get(60, TimeUnit.SECONDS)).as("the first save created the account").isTrue();
    assertThat(second.get(60, TimeUnit.SECONDS)).as("the second save updated it").isFalse();
    Account saved = accounts.find(id).orElseThrow();
    assertThat(saved.name()).isEqualTo("Race Limited");
    assertThat(saved.renewalDate()).isEqualTo(LocalDate.of(2027, 2, 28));
    assertThat(saved.team()).isEqualTo(Map.of("sales-rep", "sales-rep-demo"));
  }

  @Test
  void twoSimultaneousFirstRecordsOfOneLifecycleFactBothSucceed() throws Exception {
    String id = "race-" + UUID.randomUUID();
    accounts.save(new Account(id, "Race Ltd", null, null, null, Map.of()));
    CountDownLatch firstInserted = new CountDownLatch(1);
    Future<?> first = pool.submit(() -> transaction.executeWithoutResult(status -> {
      accounts.setLifecycle(id, "stage", "onboarding");
      accounts.setTeamMember(id, "csm", "csm-demo");
      firstInserted.countDown();
      pause(HOLD_MILLIS);
    }));
    assertThat(firstInserted.await(30, TimeUnit.SECONDS)).isTrue();
    Future<?> second = pool.submit(() -> transaction.executeWithoutResult(status -> {
      accounts.setLifecycle(id, "stage", "live");
      accounts.setTeamMember(id, "csm", "support-demo");
    }));

    first.get(60, TimeUnit.SECONDS);
    second.get(60, TimeUnit.SECONDS);
    assertThat(accounts.lifecycle(id)).isEqualTo(Map.of("stage", "live"));
    assertThat(accounts.team(id)).isEqualTo(Map.of("csm", "support-demo"));
  }

  private static void pause(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
