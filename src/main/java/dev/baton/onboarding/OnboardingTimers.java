package dev.baton.onboarding;

import org.springframework.stereotype.Component;

/** Timer values for OnboardingKickoff.bpmn from configuration: {@code ${onboardingTimers.confirmationReminder()}}. */
@Component("onboardingTimers")
public class OnboardingTimers {

  private final OnboardingProperties properties;

  OnboardingTimers(OnboardingProperties properties) {
    this.properties = properties;
  }

  /** ISO-8601 duration after which an unanswered success plan reminds the CSM (baton.onboarding.confirmation-reminder-after). */
  public String confirmationReminder() {
    return properties.confirmationReminderAfter().toString();
  }
}
