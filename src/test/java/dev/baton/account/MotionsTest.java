package dev.baton.account;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class MotionsTest {

  private final Motions motions = new Motions(new Motions.Properties(List.of("tech-touch")));

  @Test
  void configuredSegmentIsDigitalHoweverTheDecisionSpellsIt() {
    assertThat(motions.isDigital("Tech-touch")).isTrue();
    assertThat(motions.isDigital("tech touch")).isTrue();
    assertThat(motions.isDigital("TECH_TOUCH")).isTrue();
  }

  @Test
  void otherAndMissingSegmentsAreHighTouch() {
    assertThat(motions.isDigital("Enterprise")).isFalse();
    assertThat(motions.isDigital("SMB")).isFalse();
    assertThat(motions.isDigital(null)).isFalse();
    assertThat(motions.isDigital(" ")).isFalse();
    assertThat(new Motions(new Motions.Properties(null)).isDigital("tech-touch")).isFalse();
  }
}
