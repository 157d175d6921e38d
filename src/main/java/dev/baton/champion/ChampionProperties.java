package dev.baton.champion;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The new champion's process ({@code baton.champion}, docs/lifecycle.md#a-new-champion-or-executive):
 * {@code answer-days}, how long the new key person's links to confirm the success plan work before the CSM
 * hears that no answer came.
 */
@ConfigurationProperties("baton.champion")
public record ChampionProperties(Integer answerDays) {

  public ChampionProperties {
    answerDays = answerDays == null ? 14 : answerDays;
    if (answerDays < 1 || answerDays > 90) {
      throw new IllegalArgumentException("baton.champion.answer-days: " + answerDays
          + " is not a number of days between 1 and 90");
    }
  }
}
