package dev.baton.health;

import java.time.ZoneId;
import java.util.Date;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.stereotype.Component;

/** Due dates for the user tasks of RedHealthEscalation.bpmn: {@code ${healthDueDates.businessDays(2)}}. */
@Component("healthDueDates")
public class HealthDueDates {

  /** That many business days from now (the engine's clock, so tests can move it). */
  public Date businessDays(int days) {
    var now = ClockUtil.getCurrentTime().toInstant().atZone(ZoneId.systemDefault());
    return Date.from(BusinessDays.add(now, days).toInstant());
  }
}
