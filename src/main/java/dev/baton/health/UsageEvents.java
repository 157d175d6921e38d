package dev.baton.health;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/** Tells other modules of the usage a recorded signal carried ({@link UsageMeasured}). */
@Component
class UsageEvents {

  private final ApplicationEventPublisher events;

  UsageEvents(ApplicationEventPublisher events) {
    this.events = events;
  }

  /** Publishes the signal's usage, if it carried any; listeners run in the caller's transaction. */
  void recorded(String accountId, HealthSignal signal) {
    UsageMeasured usage = new UsageMeasured(accountId, signal.timestamp().toInstant(), signal.licencesActivated(),
        signal.licencesPurchased(), signal.weeklyActiveUsers(), signal.licensedUsers());
    if (usage.measuresUsage()) {
      events.publishEvent(usage);
    }
  }
}
