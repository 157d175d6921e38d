package dev.baton.health;

import dev.baton.account.Account;
import dev.baton.account.Accounts;
import dev.baton.calendar.BusinessTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.retry.support.RetryTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Records the signals of many accounts ({@code POST /api/health-signals}, docs/health.md) with the same step
 * as the single-account endpoint ({@link HealthSignals#recordLocked}), item by item, but
 * {@value #PER_TRANSACTION} accounts per transaction: their rows locked in one query (in account-id order, so
 * concurrent bulks and single signals wait for each other instead of deadlocking), what scoring reads of them
 * read in one query per table ({@link HealthBatch}), and the rows written as JDBC batches. An account named
 * twice is scored twice, in order: its second signal in a later transaction, after the first is stored.
 */
@Service
class HealthSignalsInBulk {

  static final int PER_TRANSACTION = 500;
  private static final Logger log = LoggerFactory.getLogger(HealthSignalsInBulk.class);
  /** A single signal or another bulk holds one of the rows for long: try again, as the single endpoint does. */
  private static final RetryTemplate WHEN_ACCOUNTS_BUSY = RetryTemplate.builder()
      .maxAttempts(10)
      .exponentialBackoff(20, 2, 500)
      .retryOn(PessimisticLockingFailureException.class)
      .build();

  /** What became of one item: scored (with the health computed), or refused (unknown account, failed). */
  record Outcome(String outcome, HealthReport report, String problem) {
    static final String SCORED = "scored";
    static final String UNKNOWN = "unknown";
    static final String FAILED = "failed";
  }

  private final TransactionTemplate transaction;
  private final HealthSignals recording;
  private final Accounts accounts;
  private final HealthSignalStore signals;
  private final HealthTouchStore touches;
  private final HealthScoreStore scores;
  private final RedHealthEscalations escalations;
  private final BusinessTime time;

  HealthSignalsInBulk(TransactionTemplate transaction, HealthSignals recording, Accounts accounts,
      HealthSignalStore signals, HealthTouchStore touches, HealthScoreStore scores, RedHealthEscalations escalations,
      BusinessTime time) {
    this.transaction = transaction;
    this.recording = recording;
    this.accounts = accounts;
    this.signals = signals;
    this.touches = touches;
    this.scores = scores;
    this.escalations = escalations;
    this.time = time;
  }

  /** The valid items' outcomes, by the item's index. */
  Map<Integer, Outcome> record(List<BulkSignalReader.Item> items) {
    // Round n holds each account's n-th item, so one transaction scores an account once.
    List<List<BulkSignalReader.Item>> rounds = new ArrayList<>();
    Map<String, Integer> seen = new HashMap<>();
    for (BulkSignalReader.Item item : items) {
      int round = seen.merge(item.accountId(), 1, Integer::sum) - 1;
      if (rounds.size() == round) {
        rounds.add(new ArrayList<>());
      }
      rounds.get(round).add(item);
    }
    Map<Integer, Outcome> outcomes = new HashMap<>();
    for (List<BulkSignalReader.Item> round : rounds) {
      round.sort(Comparator.comparing(BulkSignalReader.Item::accountId));
      for (int from = 0; from < round.size(); from += PER_TRANSACTION) {
        outcomes.putAll(inTransaction(round.subList(from, Math.min(from + PER_TRANSACTION, round.size()))));
      }
    }
    return outcomes;
  }

  /**
   * One transaction for the items; if it fails for another reason than a busy row, each item is tried in a
   * transaction of its own, so only the item that fails is refused.
   */
  private Map<Integer, Outcome> inTransaction(List<BulkSignalReader.Item> items) {
    try {
      return WHEN_ACCOUNTS_BUSY.execute(attempt -> transaction.execute(status -> score(items)));
    } catch (RuntimeException e) {
      if (items.size() == 1) {
        BulkSignalReader.Item item = items.get(0);
        log.error("Health signal {} of account {} could not be recorded", item.index(), item.accountId(), e);
        return Map.of(item.index(), new Outcome(Outcome.FAILED, null, "could not be recorded ("
            + e.getClass().getSimpleName() + "); nothing of it was stored, send it again"));
      }
      log.warn("{} health signals could not be recorded together ({}): recording them one by one", items.size(),
          e.toString());
      Map<Integer, Outcome> outcomes = new HashMap<>();
      items.forEach(item -> outcomes.putAll(inTransaction(List.of(item))));
      return outcomes;
    }
  }

  private Map<Integer, Outcome> score(List<BulkSignalReader.Item> items) {
    HealthBatch.open();
    try {
      Map<String, Account> locked = accounts.lockAll(items.stream().map(BulkSignalReader.Item::accountId).toList());
      List<String> known = List.copyOf(locked.keySet());
      if (!known.isEmpty()) {
        signals.prefetch(known);
        touches.prefetch(known);
        scores.prefetch(known);
        escalations.prefetch(known);
      }
      Instant now = time.now();
      Map<Integer, Outcome> outcomes = new LinkedHashMap<>();
      for (BulkSignalReader.Item item : items) {
        Account account = locked.get(item.accountId());
        outcomes.put(item.index(), account == null
            ? new Outcome(Outcome.UNKNOWN, null, "accountId: no account '" + item.accountId()
                + "'; create it first (PUT /api/accounts/" + item.accountId() + ")")
            : new Outcome(Outcome.SCORED, recording.recordLocked(account, List.of(item.signal()), List.of(), now), null));
      }
      signals.flush();
      touches.flush();
      scores.flush();
      return outcomes;
    } finally {
      HealthBatch.close();
    }
  }
}
