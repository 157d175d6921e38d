package dev.baton.health;

import dev.baton.engine.WithoutAuthorization;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import org.camunda.bpm.dmn.engine.DmnDecision;
import org.camunda.bpm.dmn.engine.DmnEngine;
import org.camunda.bpm.dmn.engine.DmnEngineConfiguration;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.repository.DecisionDefinition;
import org.springframework.stereotype.Component;

/**
 * The days since the last touch at which engagement changes band (31 and 61 by default), read from the
 * latest deployed EngagementHealth table, so the thresholds stay in the DMN only: the daily re-score looks for
 * accounts whose last touch just reached one. Evaluated in memory by a DMN engine of its own (no history, no
 * decision trace), once per run.
 */
@Component
class EngagementThresholds {

  static final String DECISION = "EngagementHealth";
  /** Beyond two years without a touch, no table is expected to tell the days apart. */
  static final int HORIZON_DAYS = 730;

  private final RepositoryService repository;
  private final DmnEngine dmn = DmnEngineConfiguration.createDefaultDmnEngineConfiguration().buildEngine();
  private final Map<String, List<Integer>> byVersion = new ConcurrentHashMap<>();

  EngagementThresholds(RepositoryService repository) {
    this.repository = repository;
  }

  /** Each day count whose band differs from the day before's; probed once per deployed version of the table. */
  List<Integer> days() {
    DecisionDefinition latest = WithoutAuthorization.call(() -> repository.createDecisionDefinitionQuery()
        .decisionDefinitionKey(DECISION).latestVersion().singleResult());
    if (latest == null) {
      return List.of();
    }
    // About a second for the 730 evaluations on a busy 2-core machine: worth keeping per version.
    return byVersion.computeIfAbsent(latest.getId(), id -> probe(latest));
  }

  private List<Integer> probe(DecisionDefinition latest) {
    DmnDecision decision;
    try (InputStream model = WithoutAuthorization.call(() -> repository.getDecisionModel(latest.getId()))) {
      decision = dmn.parseDecision(DECISION, model);
    } catch (java.io.IOException e) {
      throw new IllegalStateException("Cannot read " + DECISION + " of deployment " + latest.getDeploymentId(), e);
    }
    List<Integer> edges = new ArrayList<>();
    Object before = band(decision, 0);
    for (int day = 1; day <= HORIZON_DAYS; day++) {
      Object band = band(decision, day);
      if (!Objects.equals(before, band)) {
        edges.add(day);
      }
      before = band;
    }
    return List.copyOf(edges);
  }

  private Object band(DmnDecision decision, int days) {
    return dmn.evaluateDecisionTable(decision, Map.of("daysSinceLastTouch", days)).getSingleEntry();
  }
}
