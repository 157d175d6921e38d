package dev.baton.onboarding;

import java.time.LocalDate;

/**
 * Published (synchronously, inside the transaction of the launch step) when the customer is live.
 * Renewal preparation starts from it when the renewal date is known.
 */
public record OnboardingLaunched(String accountId, String onboardingProcessInstanceId, LocalDate renewalDate) {}
