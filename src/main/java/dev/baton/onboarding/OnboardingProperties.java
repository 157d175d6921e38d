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
 * @param confirmationReminderAfter no answer from the customer to the success plan for this long
 *     reminds the CSM
 * @param confirmationLinkValidFor how long the customer's confirmation links work
 * @param provisioningUrl the product's provisioning API; empty: provisioning is done by hand only
 * @param surveyUrl where the onboarding satisfaction survey is answered; empty: customers reply by mail
 */
@ConfigurationProperties(prefix = "baton.onboarding")
public record OnboardingProperties(Map<String, Integer> kickoffBusinessDays, Map<String, Integer> timeToValueDays,
    Duration confirmationReminderAfter, Duration confirmationLinkValidFor, String provisioningUrl, String surveyUrl) {

  static final String DEFAULT = "default";

  public OnboardingProperties {
    kickoffBusinessDays = withDefault(kickoffBusinessDays, 5, "kickoff-business-days");
    timeToValueDays = withDefault(timeToValueDays, 60, "time-to-value-days");
    confirmationReminderAfter = confirmationReminderAfter == null ? Duration.ofDays(5) : confirmationReminderAfter;
    confirmationLinkValidFor = confirmationLinkValidFor == null ? Duration.ofDays(14) : confirmationLinkValidFor;
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

  private static Map<String, Integer> withDefault(Map<String, Integer> values, int fallback, String name) {
    Map<String, Integer> result = new java.util.HashMap<>();
    if (values != null) {
      values.forEach((segment, days) -> {
        if (days == null || days < 0) {
          throw new IllegalArgumentException("baton.onboarding." + name + "." + segment
              + ": needs a whole number of days, 0 or more; got " + days);
        }
        result.put(key(segment), days);
      });
    }
    result.putIfAbsent(DEFAULT, fallback);
    return Map.copyOf(result);
  }
}
