package dev.baton.onboarding;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of the onboarding capability ({@code baton.onboarding}, docs/onboarding.md).
 *
 * @param kickoffBusinessDays business days from the welcome (the start) to the external kickoff, by
 *     segment in lower case ({@code enterprise}, {@code mid-market}, {@code smb}, {@code tech-touch}),
 *     {@code default} for the rest
 * @param timeToValueDays days from the close date to launch before the onboarding counts as at risk,
 *     by segment, {@code default} for the rest
 * @param provisioningBusinessDays business days the Onboarding Rep has to provision and configure, by
 *     segment, {@code default} for the rest (product delivery takes minutes to months:
 *     docs/domain.md#csm-standard-operating-procedure)
 * @param trainingBusinessDays business days for each round of training and proficiency assessment, by
 *     segment, {@code default} for the rest
 * @param confirmationReminderAfter no answer from the customer to the success plan for this long
 *     reminds the CSM and gives them a task to confirm the plan by call
 * @param confirmationLinkValidFor how long the customer's confirmation links work; the call task is due
 *     when they expire
 * @param provisioningUrl the product's provisioning API; empty: provisioning is done by hand only
 * @param surveyUrl where the onboarding satisfaction survey is answered; empty: customers reply by mail
 */
@ConfigurationProperties(prefix = "baton.onboarding")
record OnboardingProperties(Map<String, Integer> kickoffBusinessDays, Map<String, Integer> timeToValueDays,
    Map<String, Integer> provisioningBusinessDays, Map<String, Integer> trainingBusinessDays,
    Duration confirmationReminderAfter, Duration confirmationLinkValidFor, String provisioningUrl, String surveyUrl) {

  static final String DEFAULT = "default";

  public OnboardingProperties {
    kickoffBusinessDays = withDefault(kickoffBusinessDays, 5, "kickoff-business-days", 0);
    timeToValueDays = withDefault(timeToValueDays, 60, "time-to-value-days", 0);
    provisioningBusinessDays = withDefault(provisioningBusinessDays, 10, "provisioning-business-days", 1);
    trainingBusinessDays = withDefault(trainingBusinessDays, 5, "training-business-days", 1);
    confirmationReminderAfter = confirmationReminderAfter == null ? Duration.ofDays(5) : confirmationReminderAfter;
    confirmationLinkValidFor = confirmationLinkValidFor == null ? Duration.ofDays(14) : confirmationLinkValidFor;
    if (confirmationReminderAfter.compareTo(confirmationLinkValidFor) >= 0) {
      throw new IllegalArgumentException("baton.onboarding.confirmation-reminder-after (" + confirmationReminderAfter
          + ") must be shorter than confirmation-link-valid-for (" + confirmationLinkValidFor + "): the CSM's call "
          + "task opens at the reminder and is due when the customer's links expire");
    }
    provisioningUrl = provisioningUrl == null || provisioningUrl.isBlank() ? null : provisioningUrl.trim();
    surveyUrl = surveyUrl == null || surveyUrl.isBlank() ? null : surveyUrl.trim();
  }

  /** Business days to the external kickoff for the segment (any case; unknown or none: the default). */
  public int kickoffBusinessDays(String segment) {
    return bySegment(kickoffBusinessDays, segment);
  }

  /** Days from close date to launch allowed for the segment. */
  public int timeToValueDays(String segment) {
    return bySegment(timeToValueDays, segment);
  }

  /** Business days to provision and configure for the segment. */
  public int provisioningBusinessDays(String segment) {
    return bySegment(provisioningBusinessDays, segment);
  }

  /** Business days for a round of training for the segment. */
  public int trainingBusinessDays(String segment) {
    return bySegment(trainingBusinessDays, segment);
  }

  private static int bySegment(Map<String, Integer> values, String segment) {
    if (segment == null) {
      return values.get(DEFAULT);
    }
    return values.getOrDefault(key(segment), values.get(DEFAULT));
  }

  /** "Mid-Market", "mid market" and "MID_MARKET" are one segment. */
  static String key(String segment) {
    return segment.trim().toLowerCase(Locale.ROOT).replace(' ', '-').replace('_', '-');
  }

  private static Map<String, Integer> withDefault(Map<String, Integer> values, int fallback, String name, int least) {
    Map<String, Integer> result = new java.util.HashMap<>();
    if (values != null) {
      values.forEach((segment, days) -> {
        if (days == null || days < least) {
          throw new IllegalArgumentException("baton.onboarding." + name + "." + segment
              + ": needs a whole number of days, " + least + " or more; got " + days);
        }
        result.put(key(segment), days);
      });
    }
    result.putIfAbsent(DEFAULT, fallback);
    return Map.copyOf(result);
  }
}
