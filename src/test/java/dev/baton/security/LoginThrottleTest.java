package dev.baton.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class LoginThrottleTest {

  static final String ATTACKER = "203.0.113.7";
  static final String OFFICE = "198.51.100.20";

  /** 5 free failures per user at an address, 20 per address, then 1 s doubling up to 60 s, forgotten after 10 min. */
  final LoginThrottleSettings settings =
      new LoginThrottleSettings(5, 20, Duration.ofSeconds(1), Duration.ofSeconds(60), Duration.ofMinutes(10), 10_000);
  final MovableClock clock = new MovableClock();
  final LoginThrottle throttle = new LoginThrottle(settings, clock);

  @Test
  void wrongPasswordsFromAnAttackerNeverSlowTheUserLoggingInFromElsewhere() {
    fail("demo", ATTACKER, 1_000);

    assertThat(throttle.retryAfter("demo", ATTACKER)).isPositive();
    assertThat(throttle.retryAfter("demo", OFFICE)).isZero();
  }

  @Test
  void theFreeFailuresPassThenTheWaitDoublesUpToTheMaximum() {
    fail("demo", ATTACKER, 4);
    assertThat(throttle.retryAfter("demo", ATTACKER)).isZero();

    fail("demo", ATTACKER, 1);
    assertThat(throttle.retryAfter("demo", ATTACKER)).isEqualTo(Duration.ofSeconds(1));
    fail("demo", ATTACKER, 1);
    assertThat(throttle.retryAfter("demo", ATTACKER)).isEqualTo(Duration.ofSeconds(2));
    fail("demo", ATTACKER, 1);
    assertThat(throttle.retryAfter("demo", ATTACKER)).isEqualTo(Duration.ofSeconds(4));
    fail("demo", ATTACKER, 50);
    assertThat(throttle.retryAfter("demo", ATTACKER)).isEqualTo(Duration.ofSeconds(60));
  }

  @Test
  void theWaitCountsFromTheLastFailure() {
    fail("demo", ATTACKER, 7);

    clock.move(Duration.ofMillis(1_500));
    assertThat(throttle.retryAfter("demo", ATTACKER)).isEqualTo(Duration.ofMillis(2_500));
    clock.move(Duration.ofMillis(2_500));
    assertThat(throttle.retryAfter("demo", ATTACKER)).isZero();
  }

  @Test
  void theThrottleLiftsByItselfOnceTheFailuresStop() {
    fail("demo", ATTACKER, 1_000);
    assertThat(throttle.retryAfter("demo", ATTACKER)).isEqualTo(Duration.ofSeconds(60));

    clock.move(Duration.ofMinutes(10));

    assertThat(throttle.retryAfter("demo", ATTACKER)).isZero();
    // Forgotten, not merely waited out: the attacker starts again with the free failures.
    fail("demo", ATTACKER, 4);
    assertThat(throttle.retryAfter("demo", ATTACKER)).isZero();
  }

  @Test
  void oneAddressGuessingManyUsersIsThrottledForEveryUser() {
    for (int user = 0; user < 20; user++) {
      fail("user-" + user, ATTACKER, 1);
    }

    assertThat(throttle.retryAfter("someone-else", ATTACKER)).isEqualTo(Duration.ofSeconds(1));
    assertThat(throttle.retryAfter("someone-else", OFFICE)).isZero();
  }

  @Test
  void theRightPasswordForgetsTheUsersFailuresAtThatAddressButNotTheAddresses() {
    fail("demo", OFFICE, 5);
    for (int user = 0; user < 14; user++) {
      fail("user-" + user, OFFICE, 1);
    }

    throttle.succeeded("demo", OFFICE);

    assertThat(throttle.retryAfter("demo", OFFICE)).isZero();
    fail("other", OFFICE, 1);
    assertThat(throttle.retryAfter("demo", OFFICE)).isPositive();
  }

  @Test
  void userIdsDifferingOnlyInCaseShareOneCount() {
    fail("Demo", ATTACKER, 3);
    fail("DEMO", ATTACKER, 2);

    assertThat(throttle.retryAfter("demo", ATTACKER)).isPositive();
  }

  @Test
  void anAdministratorLiftsAUserAtEveryAddress() {
    fail("demo", ATTACKER, 10);
    fail("demo", OFFICE, 10);
    fail("csm-demo", ATTACKER, 10);

    assertThat(throttle.liftUser("demo")).isEqualTo(2);

    assertThat(throttle.retryAfter("demo", OFFICE)).isZero();
    // The attacker's address keeps its own 20 failures past the free ones.
    assertThat(throttle.retryAfter("demo", ATTACKER)).isPositive();
    assertThat(throttle.retryAfter("csm-demo", ATTACKER)).isPositive();
  }

  @Test
  void anAdministratorLiftsAnAddressForEveryUser() {
    fail("demo", ATTACKER, 30);
    fail("csm-demo", OFFICE, 10);

    assertThat(throttle.liftAddress(ATTACKER)).isEqualTo(2);

    assertThat(throttle.retryAfter("demo", ATTACKER)).isZero();
    assertThat(throttle.retryAfter("csm-demo", OFFICE)).isPositive();
  }

  private void fail(String user, String address, int times) {
    for (int i = 0; i < times; i++) {
      throttle.failed(user, address);
    }
  }

  /** A clock a test moves forward. */
  static final class MovableClock extends Clock {
    private Instant now = Instant.parse("2026-12-03T10:00:00Z");

    void move(Duration by) {
      now = now.plus(by);
    }

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }
  }
}
