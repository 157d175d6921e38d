package dev.baton.onboarding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.baton.calendar.BusinessTime;
import dev.baton.health.UsageMeasured;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** When usage shows adoption (docs/onboarding.md#adoption): either share at its threshold counts. */
class AdoptionRuleTest {

  static final Instant MEASURED = Instant.parse("2026-12-03T08:00:00Z");
  final AdoptionRule rule = new AdoptionRule(new AdoptionThresholds(null, null),
      new BusinessTime(Clock.fixed(MEASURED, ZoneOffset.UTC)));

  @Test
  void eitherShareAtItsThresholdShowsAdoption() {
    assertThat(rule.shown(usage(6, 10, null, null))).isTrue();
    assertThat(rule.shown(usage(null, null, 4, 10))).isTrue();
    assertThat(rule.shown(usage(5, 10, 4, 10))).isTrue();
    assertThat(rule.shown(usage(5, 10, 3, 10))).isFalse();
    assertThat(rule.shown(usage(null, null, null, null))).isFalse();
  }

  @Test
  void theUsageIsDescribedWithItsThresholdsForStaff() {
    assertThat(rule.describe(usage(12, 20, 3, 20))).isEqualTo("12 of 20 licences activated (60 %, adoption at 60 %); "
        + "3 of 20 licensed users active weekly (15 %, adoption at 40 %); measured on 2026-12-03");
  }

  @Test
  void thresholdsAreSharesAboveZeroAndAtMostOne() {
    var configured = new AdoptionThresholds(0.8, 0.5);
    assertThat(configured.licencesActivated()).isEqualTo(0.8);
    assertThat(configured.weeklyActive()).isEqualTo(0.5);
    assertThatThrownBy(() -> new AdoptionThresholds(60.0, null))
        .hasMessageContaining("baton.onboarding.adoption.licences-activated");
    assertThatThrownBy(() -> new AdoptionThresholds(null, 0.0))
        .hasMessageContaining("baton.onboarding.adoption.weekly-active");
  }

  private static UsageMeasured usage(Integer activated, Integer purchased, Integer active, Integer licensed) {
    return new UsageMeasured("acme", MEASURED, activated, purchased, active, licensed);
  }
}
