package dev.baton.onboarding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The onboarding settings by segment and the checks Baton makes on them at start-up (docs/onboarding.md). */
class OnboardingPropertiesTest {

  @Test
  void provisioningAndTrainingDaysAreReadBySegmentInAnyCaseWithTheDefaultForTheRest() {
    var properties = new OnboardingProperties(null, null, Map.of("enterprise", 20, "default", 8),
        Map.of("Mid-Market", 4), null, null, null, null);

    assertThat(properties.provisioningBusinessDays("Enterprise")).isEqualTo(20);
    assertThat(properties.provisioningBusinessDays("SMB")).isEqualTo(8);
    assertThat(properties.provisioningBusinessDays(null)).isEqualTo(8);
    assertThat(properties.trainingBusinessDays("mid market")).isEqualTo(4);
    assertThat(properties.trainingBusinessDays("Enterprise")).isEqualTo(5);
  }

  @Test
  void aTaskDueInNoBusinessDaysIsRefusedNamingTheSetting() {
    assertThatThrownBy(() -> new OnboardingProperties(null, null, Map.of("smb", 0), null, null, null, null, null))
        .hasMessageContaining("baton.onboarding.provisioning-business-days.smb: needs a whole number of days, 1 or more");
  }

  @Test
  void aReminderThatComesOnlyAfterTheLinksExpireIsRefused() {
    assertThatThrownBy(() -> new OnboardingProperties(null, null, null, null, Duration.ofDays(14),
        Duration.ofDays(14), null, null))
        .hasMessageContaining("confirmation-reminder-after (PT336H) must be shorter than confirmation-link-valid-for");
  }
}
