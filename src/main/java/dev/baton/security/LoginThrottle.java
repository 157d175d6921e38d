package dev.baton.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * Slows down password guessing without letting anyone lock a user out. Failures are counted per client
 * address and per user at that address, never per user alone: an attacker's wrong passwords make the
 * attacker wait, while the real user, at another address, logs in at once. Past the free failures each key
 * waits {@code firstDelay}, doubling per failure up to {@code maxDelay}; a key without failures for
 * {@code forgetAfter} is forgotten. Kept in memory only: nothing is written to the database, and a restart
 * forgets everything.
 */
public class LoginThrottle {

  /** A client address, or a user at a client address. */
  private record Key(String user, String address) {}

  private record Failures(int count, Instant last) {}

  private final LoginThrottleSettings settings;
  private final Clock clock;
  private final Cache<Key, Failures> failures;

  public LoginThrottle(LoginThrottleSettings settings, Clock clock) {
    this.settings = settings;
    this.clock = clock;
    this.failures = Caffeine.newBuilder()
        .expireAfterWrite(settings.forgetAfter())
        .maximumSize(settings.maxTracked())
        // The throttle's clock also drives expiry, so a test that moves the clock sees failures forgotten.
        .ticker(() -> TimeUnit.MILLISECONDS.toNanos(clock.millis()))
        .build();
  }

  /** How long this user at this address must still wait before the next password check; zero if none. */
  public Duration retryAfter(String user, String address) {
    Instant now = clock.instant();
    Duration byAddress = wait(failures.getIfPresent(new Key(null, address)), settings.freeFailuresPerAddress(), now);
    Duration byUser = wait(failures.getIfPresent(key(user, address)), settings.freeFailuresPerUser(), now);
    return byAddress.compareTo(byUser) >= 0 ? byAddress : byUser;
  }

  public void failed(String user, String address) {
    Instant now = clock.instant();
    for (Key key : new Key[] {new Key(null, address), key(user, address)}) {
      failures.asMap().merge(key, new Failures(1, now),
          (old, first) -> forgotten(old, now) ? first : new Failures(old.count() + 1, now));
    }
  }

  /**
   * The right password: the user's failures at this address are forgotten. The address keeps its own, or
   * an attacker with one valid account could wipe them between guesses at other users.
   */
  public void succeeded(String user, String address) {
    failures.invalidate(key(user, address));
  }

  /** An administrator lifts the throttle of a user, at every address. Returns how many addresses it held. */
  public int liftUser(String user) {
    String id = normalised(user);
    return lift(key -> id.equals(key.user()));
  }

  /** An administrator lifts the throttle of a client address, and of every user at it. */
  public int liftAddress(String address) {
    return lift(key -> address.equals(key.address()));
  }

  private int lift(Predicate<Key> which) {
    List<Key> keys = failures.asMap().keySet().stream().filter(which).toList();
    failures.invalidateAll(keys);
    return keys.size();
  }

  private Duration wait(Failures recorded, int free, Instant now) {
    if (recorded == null || forgotten(recorded, now) || recorded.count() < Math.max(free, 1)) {
      return Duration.ZERO;
    }
    int doublings = Math.min(recorded.count() - Math.max(free, 1), 30);
    Duration delay = settings.firstDelay().multipliedBy(1L << doublings);
    if (delay.compareTo(settings.maxDelay()) > 0) {
      delay = settings.maxDelay();
    }
    Duration left = Duration.between(now, recorded.last().plus(delay));
    return left.isNegative() ? Duration.ZERO : left;
  }

  // Also checked here, not only by the cache's expiry, so the rule is exact at the boundary.
  private boolean forgotten(Failures recorded, Instant now) {
    return !now.isBefore(recorded.last().plus(settings.forgetAfter()));
  }

  // User ids compare case-insensitively here, so "Demo" and "demo" share one count.
  private static Key key(String user, String address) {
    return new Key(normalised(user), address);
  }

  private static String normalised(String user) {
    return user == null ? "" : user.toLowerCase(Locale.ROOT);
  }
}
