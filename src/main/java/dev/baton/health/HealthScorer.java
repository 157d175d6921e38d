package dev.baton.health;

import dev.baton.engine.WithoutAuthorization;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.camunda.bpm.dmn.engine.DmnDecision;
import org.camunda.bpm.dmn.engine.DmnEngine;
import org.camunda.bpm.dmn.engine.DmnEngineConfiguration;
import org.camunda.bpm.dmn.engine.impl.DefaultDmnEngineConfiguration;
import org.camunda.bpm.dmn.feel.impl.scala.ScalaFeelEngineFactory;
import org.camunda.bpm.dmn.engine.delegate.DmnDecisionTableEvaluationEvent;
import org.camunda.bpm.dmn.engine.delegate.DmnEvaluatedDecisionRule;
import org.camunda.bpm.engine.DecisionService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.repository.DecisionDefinition;
import org.camunda.bpm.model.dmn.DmnModelInstance;
import org.camunda.bpm.model.dmn.instance.Decision;
import org.camunda.bpm.model.dmn.instance.DecisionTable;
import org.camunda.bpm.model.dmn.instance.Input;
import org.camunda.bpm.model.dmn.instance.InputExpression;
import org.camunda.bpm.model.dmn.instance.Rule;
import org.springframework.stereotype.Component;

/**
 * Computes an account's health with the DMN decisions in processes/HealthDimensions.dmn (one band per
 * dimension) and processes/HealthScore.dmn (Outcomes, Experience, overall), always in their latest
 * deployed version, and explains every band by the rule that matched. No threshold lives here.
 */
@Component
class HealthScorer {

  /** Dimension name, its group (docs/domain.md#health-scores), its decision in HealthDimensions.dmn. */
  static final List<String[]> DIMENSIONS = List.of(
      new String[] {"deployment", "outcomes", "DeploymentHealth"},
      new String[] {"engagement", "outcomes", "EngagementHealth"},
      new String[] {"adoption", "outcomes", "AdoptionHealth"},
      new String[] {"roi", "outcomes", "RoiHealth"},
      new String[] {"nps", "experience", "NpsHealth"},
      new String[] {"support", "experience", "SupportHealth"},
      new String[] {"sentiment", "experience", "SentimentHealth"});
  static final String SCORE_DECISION = "HealthScore";

  private final DecisionService decisions;
  private final RepositoryService repository;
  private final Map<String, DmnModelInstance> models = new ConcurrentHashMap<>();
  /**
   * In a {@link HealthBatch}, decisions are evaluated by a DMN engine of the health module's own, in memory: the
   * DecisionService looks the latest version up in the database on every evaluation (eight per account), which
   * was most of a bulk's time. Same tables (parsed from the deployed version, looked up once per batch), same FEEL
   * engine (remembering its results: {@link RememberingFeelEngine}) and defaults as the process engine's DMN
   * engine, and the same listener for the matching rules.
   */
  private final DmnEngine inMemory;
  /** Each decision parsed from a deployed version (by decision definition id), and the model it came from. */
  private final Map<String, DmnDecision> parsed = new ConcurrentHashMap<>();
  /**
   * In a batch, each decision's outcome by the values it reads: the FEEL engine builds its built-in functions anew
   * for every input entry it tests (most of a bulk's CPU), and many accounts share values (every band combination
   * of HealthScore, most percentages). Per parsed version, so a new deployment starts afresh; bounded.
   */
  private final Map<DmnDecision, Map<List<Object>, Map<String, DecidedBy>>> memos =
      java.util.Collections.synchronizedMap(new IdentityHashMap<>());
  /** The variables each decision reads; empty when an input expression is more than a variable name. */
  private final Map<DmnDecision, Optional<List<String>>> reads =
      java.util.Collections.synchronizedMap(new IdentityHashMap<>());
  private static final int MEMO_LIMIT = 50_000;
  private final Map<DmnDecision, DmnModelInstance> parsedFrom = java.util.Collections.synchronizedMap(new IdentityHashMap<>());

  HealthScorer(DecisionService decisions, RepositoryService repository) {
    this.decisions = decisions;
    this.repository = repository;
    DefaultDmnEngineConfiguration configuration = (DefaultDmnEngineConfiguration) DmnEngineConfiguration
        .createDefaultDmnEngineConfiguration();
    configuration.setCustomPostDecisionTableEvaluationListeners(List.of(DecisionTrace::record));
    configuration.setFeelEngineFactory(() -> new RememberingFeelEngine(new ScalaFeelEngineFactory().createInstance()));
    this.inMemory = configuration.buildEngine();
  }

  HealthAssessment assess(HealthMeasurements measurements) {
    Map<String, Object> inputs = measurements.decisionVariables();
    List<HealthAssessment.Dimension> dimensions = new ArrayList<>();
    Map<String, Object> bands = new HashMap<>();
    for (String[] d : DIMENSIONS) {
      Map<String, DecidedBy> decided = evaluate(d[2], inputs);
      DecidedBy by = decided.get(d[2]);
      bands.put(d[0] + "Band", by.band);
      dimensions.add(new HealthAssessment.Dimension(d[0], d[1], by.band, measurements.describe(d[0]),
          by.inputs, d[2], by.ruleId, by.rule));
    }
    Map<String, DecidedBy> score = evaluate(SCORE_DECISION, bands);
    return new HealthAssessment(score.get(SCORE_DECISION).verdict(), score.get("OutcomesHealth").verdict(),
        score.get("ExperienceHealth").verdict(), dimensions);
  }

  /** Evaluates the decision (and the decisions it requires); the outcome of each, by decision key. */
  private Map<String, DecidedBy> evaluate(String decisionKey, Map<String, Object> variables) {
    DmnDecision inBatch = HealthBatch.current() != null ? latest(decisionKey) : null;
    List<Object> memoKey = inBatch == null ? null : memoKey(inBatch, variables);
    Map<List<Object>, Map<String, DecidedBy>> memo = memoKey == null ? null
        : memos.computeIfAbsent(inBatch, d -> new ConcurrentHashMap<>());
    if (memo != null) {
      Map<String, DecidedBy> known = memo.get(memoKey);
      if (known != null) {
        return known;
      }
    }
    DecisionTrace.open();
    List<DmnDecisionTableEvaluationEvent> events;
    try {
      if (inBatch != null) {
        inMemory.evaluateDecision(inBatch, variables);
      } else {
        WithoutAuthorization.call(() -> decisions.evaluateDecisionByKey(decisionKey).variables(variables).evaluate());
      }
    } finally {
      events = DecisionTrace.close();
    }
    Map<String, DecidedBy> decided = new LinkedHashMap<>();
    for (DmnDecisionTableEvaluationEvent event : events) {
      decided.put(event.getDecision().getKey(), decidedBy(event));
    }
    if (!decided.containsKey(decisionKey)) {
      throw new IllegalStateException("Decision " + decisionKey + " was not evaluated as a decision table");
    }
    if (memo != null) {
      if (memo.size() >= MEMO_LIMIT) {
        memo.clear();
      }
      memo.put(memoKey, java.util.Collections.unmodifiableMap(decided));
    }
    return decided;
  }

  /**
   * The values the decision (and those it requires) reads, when every input expression of its tables is a plain
   * variable name; else null (not remembered). A deployed version's tables are a function of these values.
   */
  private List<Object> memoKey(DmnDecision decision, Map<String, Object> variables) {
    Optional<List<String>> read = reads.computeIfAbsent(decision, d -> {
      List<String> found = new ArrayList<>();
      return inputNames(d, found) ? Optional.of(found) : Optional.empty();
    });
    if (read.isEmpty()) {
      return null;
    }
    List<String> names = read.get();
    List<Object> key = new ArrayList<>(names.size());
    names.forEach(name -> key.add(variables.get(name)));
    return key;
  }

  private boolean inputNames(DmnDecision decision, List<String> names) {
    DmnModelInstance model = parsedFrom.get(decision);
    Decision element = model == null ? null : model.getModelElementById(decision.getKey());
    if (element == null || !(element.getExpression() instanceof DecisionTable table)) {
      return false;
    }
    for (Input input : table.getInputs()) {
      InputExpression expression = input.getInputExpression();
      String text = expression == null || expression.getText() == null ? null : expression.getText().getTextContent().strip();
      if (text == null || !text.matches("[A-Za-z_][A-Za-z0-9_]*")) {
        return false;
      }
      names.add(text);
    }
    for (DmnDecision required : decision.getRequiredDecisions()) {
      if (!inputNames(required, names)) {
        return false;
      }
    }
    return true;
  }

  private DecidedBy decidedBy(DmnDecisionTableEvaluationEvent event) {
    Map<String, Object> inputs = new LinkedHashMap<>();
    event.getInputs().forEach(i -> inputs.put(i.getName(), i.getValue() == null ? null : i.getValue().getValue()));
    List<DmnEvaluatedDecisionRule> rules = event.getMatchingRules();
    if (rules.isEmpty()) {
      throw new IllegalStateException("No rule of " + event.getDecision().getKey()
          + " matched " + inputs + ": every table needs a last catch-all rule (see docs/health.md)");
    }
    DmnEvaluatedDecisionRule rule = rules.get(0);
    Object band = rule.getOutputEntries().values().iterator().next().getValue().getValue();
    return new DecidedBy(String.valueOf(band), rule.getId(), annotation(event.getDecision(), rule.getId()), inputs);
  }

  /** The latest deployed version of the decision, looked up once per batch, parsed once per version. */
  private DmnDecision latest(String decisionKey) {
    Map<String, DmnDecision> latest = HealthBatch.current().part(LatestDecisions.class, LatestDecisions::new);
    return latest.computeIfAbsent(decisionKey, key -> {
      DecisionDefinition definition = WithoutAuthorization.call(() -> repository.createDecisionDefinitionQuery()
          .decisionDefinitionKey(key).latestVersion().singleResult());
      if (definition == null) {
        throw new IllegalStateException("Decision " + key + " is not deployed (processes/Health*.dmn)");
      }
      return parsed.computeIfAbsent(definition.getId(), id -> {
        DmnModelInstance model = models.computeIfAbsent(id,
            modelId -> WithoutAuthorization.call(() -> repository.getDmnModelInstance(modelId)));
        DmnDecision decision = inMemory.parseDecision(key, model);
        remember(decision, model);
        return decision;
      });
    });
  }

  /** The decision and those it requires (HealthScore requires Outcomes and Experience) come from the model. */
  private void remember(DmnDecision decision, DmnModelInstance model) {
    parsedFrom.put(decision, model);
    decision.getRequiredDecisions().forEach(required -> remember(required, model));
  }

  /** The rule's annotation (the description column in Modeler), from the deployed DMN model. */
  private String annotation(DmnDecision decision, String ruleId) {
    DmnModelInstance parsedModel = parsedFrom.get(decision);
    if (parsedModel != null) {
      return annotation(parsedModel, ruleId);
    }
    if (!(decision instanceof DecisionDefinition definition)) {
      return ruleId;
    }
    DmnModelInstance model = models.computeIfAbsent(definition.getId(),
        id -> WithoutAuthorization.call(() -> repository.getDmnModelInstance(id)));
    return annotation(model, ruleId);
  }

  private static String annotation(DmnModelInstance model, String ruleId) {
    Rule rule = model.getModelElementById(ruleId);
    return rule == null || rule.getDescription() == null ? ruleId : rule.getDescription().getTextContent().trim();
  }

  /** A batch's latest version of each decision, by key. */
  private static final class LatestDecisions extends HashMap<String, DmnDecision> {}

  private record DecidedBy(String band, String ruleId, String rule, Map<String, Object> inputs) {
    HealthAssessment.Verdict verdict() {
      return new HealthAssessment.Verdict(band, ruleId, rule);
    }
  }
}
