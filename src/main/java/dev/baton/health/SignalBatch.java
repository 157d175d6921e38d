package dev.baton.health;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@link HealthSignalStore}'s part of a {@link HealthBatch}: each account's stored signals that are the newest
 * of some measurement, the signals inserted since (written at the end as one batch), and from both the latest
 * value of every measurement, chosen as the store's query chooses it: the newest by timestamp, the later
 * insert on a tie.
 */
final class SignalBatch {

  /** A signal as stored: decimals at the column's scale, the timestamp at its precision (microseconds). */
  record Stored(HealthSignal signal, Instant observedAt, long order) {}

  record Pending(String accountId, HealthSignal signal, Instant receivedAt) {}

  final List<Pending> pending = new ArrayList<>();
  private final Set<String> read = new HashSet<>();
  private final Map<String, List<Stored>> stored = new HashMap<>();
  /** Inserted after every stored row: later than any id the database gave. */
  private long order = Long.MAX_VALUE / 2;

  boolean read(String accountId) {
    return read.contains(accountId);
  }

  void markRead(String accountId) {
    read.add(accountId);
  }

  void stored(String accountId, Stored row) {
    stored.computeIfAbsent(accountId, id -> new ArrayList<>()).add(row);
  }

  void add(String accountId, HealthSignal signal, Instant receivedAt) {
    HealthSignal asStored = new HealthSignal(signal.timestamp().truncatedTo(ChronoUnit.MICROS),
        signal.licencesActivated(), signal.licencesPurchased(), signal.weeklyActiveUsers(), signal.licensedUsers(),
        signal.featuresAdopted(), signal.featuresAvailable(), signal.daysSinceLastTouch(), signal.nps(),
        scale(signal.supportSatisfaction()), signal.openEscalatedTickets(), signal.csmSentiment(),
        signal.csmComment(), scale(signal.goalAttainment()));
    pending.add(new Pending(accountId, asStored, receivedAt));
    stored(accountId, new Stored(asStored, asStored.timestamp().toInstant(), order++));
  }

  /** Each measurement from the account's newest signal that carried it, with that signal's timestamp. */
  HealthMeasurements latest(String accountId) {
    Map<Measurement, Stored> newest = new EnumMap<>(Measurement.class);
    for (Stored row : stored.getOrDefault(accountId, List.of())) {
      for (Measurement measurement : Measurement.values()) {
        if (value(measurement, row.signal()) == null) {
          continue;
        }
        Stored known = newest.get(measurement);
        if (known == null || row.observedAt().isAfter(known.observedAt())
            || (row.observedAt().equals(known.observedAt()) && row.order() > known.order())) {
          newest.put(measurement, row);
        }
      }
    }
    Map<Measurement, Instant> at = new EnumMap<>(Measurement.class);
    newest.forEach((measurement, row) -> at.put(measurement, row.observedAt()));
    HealthSignal licences = signal(newest, Measurement.LICENCES);
    HealthSignal users = signal(newest, Measurement.ACTIVE_USERS);
    HealthSignal features = signal(newest, Measurement.FEATURES);
    HealthSignal sentiment = signal(newest, Measurement.SENTIMENT);
    return HealthMeasurements.of(
        licences == null ? null : licences.licencesActivated(), licences == null ? null : licences.licencesPurchased(),
        users == null ? null : users.weeklyActiveUsers(), users == null ? null : users.licensedUsers(),
        features == null ? null : features.featuresAdopted(), features == null ? null : features.featuresAvailable(),
        (Integer) value(Measurement.LAST_TOUCH, signal(newest, Measurement.LAST_TOUCH)),
        (Integer) value(Measurement.NPS, signal(newest, Measurement.NPS)),
        (BigDecimal) value(Measurement.SUPPORT_SATISFACTION, signal(newest, Measurement.SUPPORT_SATISFACTION)),
        (Integer) value(Measurement.ESCALATED_TICKETS, signal(newest, Measurement.ESCALATED_TICKETS)),
        sentiment == null ? null : sentiment.csmSentiment(), sentiment == null ? null : sentiment.csmComment(),
        (BigDecimal) value(Measurement.GOALS, signal(newest, Measurement.GOALS)), at);
  }

  private static HealthSignal signal(Map<Measurement, Stored> newest, Measurement measurement) {
    Stored row = newest.get(measurement);
    return row == null ? null : row.signal();
  }

  /** The value of the measurement's column (a pair's first half) in the signal; null for none. */
  private static Object value(Measurement measurement, HealthSignal s) {
    if (s == null) {
      return null;
    }
    return switch (measurement) {
      case LICENCES -> s.licencesActivated();
      case ACTIVE_USERS -> s.weeklyActiveUsers();
      case FEATURES -> s.featuresAdopted();
      case LAST_TOUCH -> s.daysSinceLastTouch();
      case NPS -> s.nps();
      case SUPPORT_SATISFACTION -> s.supportSatisfaction();
      case ESCALATED_TICKETS -> s.openEscalatedTickets();
      case SENTIMENT -> s.csmSentiment();
      case GOALS -> s.goalAttainment();
    };
  }

  /** Both decimal columns keep two decimals (decimal(4, 2) and decimal(7, 2)). */
  private static BigDecimal scale(BigDecimal value) {
    return value == null ? null : value.setScale(2, RoundingMode.HALF_UP);
  }
}
