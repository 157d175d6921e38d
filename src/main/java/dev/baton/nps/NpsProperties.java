package dev.baton.nps;

import java.time.LocalTime;
import java.time.Period;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The NPS programme's rhythm ({@code baton.nps}, docs/lifecycle.md#the-rhythm): the first survey
 * {@code first-after} the launch, then one every {@code interval} from the previous one, answered within
 * {@code answer-days}; the timers fire at {@code at} local time. {@code personas}: the contacts asked.
 */
@ConfigurationProperties("baton.nps")
public record NpsProperties(Period interval, Period firstAfter, Integer answerDays, LocalTime at,
    List<String> personas) {

  static final List<String> DEFAULT_PERSONAS = List.of("decision-maker", "executive-sponsor", "champion", "user");

  public NpsProperties {
    interval = interval == null ? Period.ofMonths(6) : interval;
    firstAfter = firstAfter == null ? Period.ofMonths(3) : firstAfter;
    if (interval.isNegative() || interval.isZero()) {
      throw new IllegalArgumentException("baton.nps.interval: " + interval + " must be a positive period such as P6M");
    }
    if (firstAfter.isNegative()) {
      throw new IllegalArgumentException("baton.nps.first-after: " + firstAfter + " must not be negative (P0D: at launch)");
    }
    answerDays = answerDays == null ? 14 : answerDays;
    if (answerDays < 1 || answerDays > 90) {
      throw new IllegalArgumentException("baton.nps.answer-days: " + answerDays + " is not a number of days between 1 and 90");
    }
    at = at == null ? LocalTime.of(9, 0) : at;
    personas = personas == null || personas.isEmpty() ? DEFAULT_PERSONAS : List.copyOf(personas);
  }
}
