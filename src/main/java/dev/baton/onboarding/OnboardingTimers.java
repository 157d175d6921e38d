package dev.baton.onboarding;

import dev.baton.calendar.BusinessTime;
import java.util.Date;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.stereotype.Component;

/**
 * Timer values and due dates for OnboardingKickoff.bpmn from configuration ({@code baton.onboarding},
 * docs/onboarding.md), read when the timer or task starts: {@code ${onboardingTimers.confirmationReminder()}}.
 */
@Component("onboardingTimers")
public class OnboardingTimers {

  private final OnboardingProperties properties;
  private final BusinessTime time;

  OnboardingTimers(OnboardingProperties properties, BusinessTime time) {
    this.properties = properties;
    this.time = time;
  }

  /** ISO-8601 duration after which an unanswered success plan reminds the CSM (baton.onboarding.confirmation-reminder-after). */
  public String confirmationReminder() {
    return properties.confirmationReminderAfter().toString();
  }

  /**
   * When the customer's links to the plan last sent expire: the due date of the CSM's call task
   * ({@code camunda:dueDate="${onboardingTimers.linksExpire(execution)}"}).
   */
  public Date linksExpire(DelegateExecution execution) {
    Object askedAt = execution.getVariable("successPlanAskedAt");
    Date from = askedAt instanceof Date date ? date : time.nowAsDate();
    return Date.from(from.toInstant().plus(properties.confirmationLinkValidFor()));
  }

  /**
   * Business days to provision and configure for the instance's segment (baton.onboarding.provisioning-business-days):
   * {@code camunda:dueDate="${dueDates.businessDays(onboardingTimers.provisioningBusinessDays(execution))}"}.
   */
  public int provisioningBusinessDays(DelegateExecution execution) {
    return properties.provisioningBusinessDays(segment(execution));
  }

  /** Business days for a round of training for the instance's segment (baton.onboarding.training-business-days). */
  public int trainingBusinessDays(DelegateExecution execution) {
    return properties.trainingBusinessDays(segment(execution));
  }

  private static String segment(DelegateExecution execution) {
    Object segment = execution.getVariable("segment");
    return segment == null || segment.toString().isBlank() ? null : segment.toString();
  }
}
