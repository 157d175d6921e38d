package dev.baton.health;

import java.time.Instant;

/**
 * A customer-facing step done in Baton (a kickoff meeting, a business review, an NPS answer): when, and what
 * it was in the words staff read beside engagement ("Last customer contact: business review, 3 days ago").
 * Recorded with {@link HealthSignals#recordTouch}; docs/health.md, "Baton's own touches".
 */
public record CustomerTouch(Instant at, String what) {

  public CustomerTouch {
    if (at == null) {
      throw new IllegalArgumentException("a customer touch needs the moment it happened");
    }
    if (what == null || what.isBlank() || what.length() > 200) {
      throw new IllegalArgumentException("a customer touch says what it was in 1 to 200 characters, e.g. 'kickoff meeting'");
    }
    what = what.strip();
  }
}
