package dev.baton.handoff;

import dev.baton.engine.WithoutAuthorization;
import java.util.Locale;
import java.util.Map;
import org.camunda.bpm.engine.DecisionService;
import org.springframework.stereotype.Component;

/**
 * The sales region of a country (segmentation input), as processes/SalesRegion.dmn decides it: the
 * process owner keeps the country list there. Unknown or missing countries have no region (null).
 */
@Component
class SalesRegions {

  static final String DECISION = "SalesRegion";

  private final DecisionService decisions;

  SalesRegions(DecisionService decisions) {
    this.decisions = decisions;
  }

  String of(String country) {
    if (country == null || country.isBlank()) {
      return null;
    }
    // The table lists codes and names in capitals: CRMs write "Germany", "germany " or "DE".
    String key = country.trim().toUpperCase(Locale.ROOT);
    return WithoutAuthorization.call(() -> decisions.evaluateDecisionTableByKey(DECISION, Map.of("country", key))
        .getSingleEntry());
  }
}
