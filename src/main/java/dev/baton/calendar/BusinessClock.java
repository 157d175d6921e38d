package dev.baton.calendar;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import org.camunda.bpm.engine.impl.util.ClockUtil;

/**
 * Baton's clock: the engine's current time in the business time zone. It reads Camunda's clock, so a test that
 * moves it ({@code ClockUtil.setCurrentTime}) moves Baton's due dates, link expiries and SLAs with the engine's
 * timers. The one class of Baton that reads {@code ClockUtil} (docs/engine-extensions.md).
 */
public final class BusinessClock extends Clock {

  private final ZoneId zone;

  public BusinessClock(ZoneId zone) {
    this.zone = zone;
  }

  @Override
  public ZoneId getZone() {
    return zone;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    return new BusinessClock(zone);
  }

  @Override
  public Instant instant() {
    return ClockUtil.getCurrentTime().toInstant();
  }

  @Override
  public long millis() {
    return ClockUtil.getCurrentTime().getTime();
  }
}
