package dev.baton.health;

import dev.baton.account.HealthBands;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of the health capability ({@code baton.health}). {@code bands} lists the bands the
 * HealthScore DMN may output, worst first (3 to 5, docs/domain.md#bands); the worst band is the one that
 * starts a RedHealthEscalation. The thresholds themselves live only in the DMN tables.
 */
@ConfigurationProperties(prefix = "baton.health")
record HealthProperties(List<String> bands, String executiveSponsorRole) implements HealthBands {

  public HealthProperties {
    bands = bands == null || bands.isEmpty() ? List.of("red", "yellow", "green") : List.copyOf(bands);
    if (bands.size() < 3 || bands.size() > 5) {
      throw new IllegalArgumentException("baton.health.bands: list 3 to 5 bands, worst first; got " + bands);
    }
    executiveSponsorRole = executiveSponsorRole == null || executiveSponsorRole.isBlank()
        ? "cs-executive" : executiveSponsorRole;
  }

  /** The worst band: an account entering it starts the escalation. */
  public String escalationBand() {
    return bands.get(0);
  }

  /** Position from worst (0) to best, or -1 for a band that is not configured (such as "unknown"). */
  public int rank(String band) {
    return band == null ? -1 : bands.indexOf(band);
  }
}
