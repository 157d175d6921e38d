package dev.baton.account;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.stereotype.Component;

/**
 * Which motion serves a segment (docs/domain.md#tech-touch-motion): the segments listed in
 * {@code baton.segments.digital} get the digital motion (automated mails and customer links, a person only
 * when the customer does not answer, answers with a risk or is in trouble); every other segment gets the
 * high-touch motion with a CSM at each step. Called from the models as {@code ${motions.isDigital(segment)}}.
 */
@Component("motions")
public class Motions {

  private final Set<String> digital;

  Motions(Properties properties) {
    this.digital = properties.digital().stream().map(Segments::key).collect(Collectors.toUnmodifiableSet());
  }

  /** Whether the segment (spelled as the segmentation decision or the settings spell it) is served digitally. */
  public boolean isDigital(String segment) {
    return segment != null && !segment.isBlank() && digital.contains(Segments.key(segment));
  }

  /** The segments served digitally, as configured (lower case). */
  public Set<String> digitalSegments() {
    return digital;
  }

  /** {@code baton.segments}: {@code digital}, the segment ids served by the digital motion. */
  @ConfigurationProperties("baton.segments")
  record Properties(List<String> digital) {
    Properties {
      digital = digital == null ? List.of() : List.copyOf(digital);
    }
  }
}
