package dev.baton.onboarding;

import java.time.LocalDate;

/**
 * The message "Customer live" (end event of OnboardingKickoff.bpmn, message CustomerLive): the customer is
 * live. Renewal preparation starts from it (its message start event) when the renewal date is known. It
 * carries what renewal needs, so renewal never reads the onboarding's variables.
 *
 * @param accountId the account (business key)
 * @param onboardingProcessInstanceId the OnboardingKickoff instance that launched
 * @param renewalDate the handoff's renewal date, else the account's; null when neither knows it
 * @param customerContactName the customer's main contact, who gets the renewal survey until a decision maker is named
 * @param customerContactEmail that contact's address
 */
public record OnboardingLaunched(String accountId, String onboardingProcessInstanceId, LocalDate renewalDate,
    String customerContactName, String customerContactEmail) {

  /** Name of the BPMN message between OnboardingKickoff and RenewalPreparation. */
  public static final String MESSAGE = "CustomerLive";

  /** Launched without a known contact. */
  public OnboardingLaunched(String accountId, String onboardingProcessInstanceId, LocalDate renewalDate) {
    this(accountId, onboardingProcessInstanceId, renewalDate, null, null);
  }
}
