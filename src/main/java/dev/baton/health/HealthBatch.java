package dev.baton.health;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Many accounts scored in one transaction (a bulk of signals, {@link HealthSignalsInBulk}): while one is open
 * on this thread, the health stores answer the per-account reads of the shared recording step from what they
 * read for all the accounts at once, and keep their inserts to write them as one JDBC batch before the
 * transaction commits. Each store keeps its own part (its {@link #part}); outside a batch they read and write
 * row by row as before.
 */
final class HealthBatch {

  private static final ThreadLocal<HealthBatch> CURRENT = new ThreadLocal<>();

  private final Map<Class<?>, Object> parts = new HashMap<>();

  private HealthBatch() {}

  static HealthBatch open() {
    if (CURRENT.get() != null) {
      throw new IllegalStateException("A health batch is already open on this thread");
    }
    HealthBatch batch = new HealthBatch();
    CURRENT.set(batch);
    return batch;
  }

  /** The batch open on this thread, or null. */
  static HealthBatch current() {
    return CURRENT.get();
  }

  static void close() {
    CURRENT.remove();
  }

  /** The store's part of the batch, made on first use. */
  @SuppressWarnings("unchecked")
  <T> T part(Class<T> type, Supplier<T> made) {
    return (T) parts.computeIfAbsent(type, t -> made.get());
  }
}
