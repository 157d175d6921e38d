package dev.baton.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** baton.health.bands: 3 to 5 bands, worst first (docs/domain.md#bands), and what "worse" and "better" mean. */
class HealthBandsTest {

  static final HealthProperties FIVE = new HealthProperties(
      List.of("red", "orange", "yellow", "light-green", "dark-green"), null);

  @Test
  void defaultsAreRedYellowGreenAndTheCsExecutiveAsSponsor() {
    HealthProperties defaults = new HealthProperties(null, null);
    assertThat(defaults.bands()).containsExactly("red", "yellow", "green");
    assertThat(defaults.escalationBand()).isEqualTo("red");
    assertThat(defaults.executiveSponsorRole()).isEqualTo("cs-executive");
  }

  @Test
  void threeToFiveBandsAreAllowed() {
    assertThat(FIVE.escalationBand()).isEqualTo("red");
    assertThatThrownBy(() -> new HealthProperties(List.of("red", "green"), null))
        .hasMessageContaining("baton.health.bands");
    assertThatThrownBy(() -> new HealthProperties(List.of("a", "b", "c", "d", "e", "f"), null))
        .hasMessageContaining("3 to 5");
  }

  @Test
  void changesAreWorseOrBetterByTheConfiguredOrder() {
    HealthReport before = report("dark-green", "light-green", null);
    HealthReport after = report("orange", "light-green", before);

    assertThat(after.changes()).extracting(HealthReport.Change::what, HealthReport.Change::direction)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("overall", "worse"),
            org.assertj.core.groups.Tuple.tuple("outcomes", "worse"));
    assertThat(report("light-green", "light-green", after).changes().get(0).direction()).isEqualTo("better");
    assertThat(report(HealthReport.UNKNOWN, "light-green", after).changes().get(0).direction()).isEqualTo("changed");
  }

  private static HealthReport report(String band, String experience, HealthReport previous) {
    HealthAssessment assessment = new HealthAssessment(new HealthAssessment.Verdict(band, "r1", "rule"),
        new HealthAssessment.Verdict(band, "r2", "rule"), new HealthAssessment.Verdict(experience, "r3", "rule"),
        List.of(new HealthAssessment.Dimension("nps", "experience", experience, "NPS 8", Map.of(), "NpsHealth", "r4", "rule")));
    return HealthReport.of("acct", Instant.now(), assessment, previous, previous == null ? null : previous.band(), FIVE);
  }
}
