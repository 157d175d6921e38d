package dev.baton.health;

import dev.baton.calendar.BusinessTime;
import java.time.format.DateTimeFormatter;
import org.springframework.stereotype.Component;

/**
 * When the daily re-score runs (processes/HealthStaleness.bpmn): the timer cycle is evaluated while the
 * engine deploys the model at start-up, so this bean needs nothing of the engine (unlike {@link HealthRescore}).
 */
@Component("healthRescoreSchedule")
public class HealthRescoreSchedule {

  private final StalenessLimits limits;
  private final BusinessTime time;

  HealthRescoreSchedule(StalenessLimits limits, BusinessTime time) {
    this.limits = limits;
    this.time = time;
  }

  /** Every day at {@code baton.health.rescore-at} in the business time zone, from today on: {@code R/2026-12-04T04:00:00Z/P1D}. */
  public String cycle() {
    return "R/" + time.at(time.today(), limits.rescoreTime()).format(DateTimeFormatter.ISO_OFFSET_DATE_TIME) + "/P1D";
  }
}
