package dev.baton.calendar;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.util.Date;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Spreads an account's daily timers (NPS surveys, business review preparation, renewal steps) over
 * {@code baton.timers.spread} after the configured time of day (docs/lifecycle.md#timers-spread-by-account),
 * so a large portfolio's timers of one day do not all fall due in the same second. Each account gets its own
 * offset, to the second, from a hash of its id: the same account always fires at the same moment of the
 * window, whichever rhythm and node computes it, and a recalculated timer lands where it was.
 */
@Component("timerSpread")
public class TimerSpread {

  /** Beyond a day an offset would move the timer to another day, which is the rhythms' business. */
  static final Duration LONGEST = Duration.ofHours(24);

  private final BusinessTime time;
  private final long windowSeconds;

  @Autowired
  public TimerSpread(BusinessTime time, @Value("${baton.timers.spread:PT2H}") Duration window) {
    this.time = time;
    if (window == null || window.isNegative() || window.compareTo(LONGEST) >= 0) {
      throw new IllegalArgumentException("baton.timers.spread: " + window + " must be a duration from PT0S (no "
          + "spread) to under PT24H, such as PT2H");
    }
    this.windowSeconds = window.toSeconds();
  }

  /** The account's offset after the configured time of day: from zero to just under the window. */
  public Duration offset(String accountId) {
    if (accountId == null || windowSeconds == 0) {
      return Duration.ZERO;
    }
    return Duration.ofSeconds(Math.floorMod(hash(accountId), windowSeconds));
  }

  /** That day at that time of day in the business time zone, plus the account's offset. */
  public ZonedDateTime at(LocalDate day, LocalTime timeOfDay, Object accountId) {
    return time.at(day, timeOfDay).plus(offset(accountId == null ? null : accountId.toString()));
  }

  /** As {@link #at(LocalDate, LocalTime, Object)}, as the date a timer or due date takes. */
  public Date dateAt(LocalDate day, LocalTime timeOfDay, Object accountId) {
    return Date.from(at(day, timeOfDay, accountId).toInstant());
  }

  /**
   * A 64-bit FNV-1a of the id's UTF-8 bytes, then SplitMix64's finaliser: fixed by definition (never the JVM's
   * String hash or a seed), so the offset outlives restarts and upgrades; the finaliser spreads ids that
   * differ in one character (acme-1, acme-2) over the whole window.
   */
  static long hash(String accountId) {
    long h = 0xcbf29ce484222325L;
    for (byte b : accountId.getBytes(StandardCharsets.UTF_8)) {
      h ^= b & 0xff;
      h *= 0x100000001b3L;
    }
    h = (h ^ (h >>> 30)) * 0xbf58476d1ce4e5b9L;
    h = (h ^ (h >>> 27)) * 0x94d049bb133111ebL;
    return h ^ (h >>> 31);
  }
}
