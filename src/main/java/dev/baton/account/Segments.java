package dev.baton.account;

import dev.baton.engine.WithoutAuthorization;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.repository.DecisionDefinition;
import org.camunda.bpm.model.dmn.DmnModelInstance;
import org.camunda.bpm.model.dmn.instance.Decision;
import org.camunda.bpm.model.dmn.instance.DecisionTable;
import org.camunda.bpm.model.dmn.instance.Output;
import org.camunda.bpm.model.dmn.instance.OutputEntry;
import org.camunda.bpm.model.dmn.instance.Rule;
import org.springframework.stereotype.Component;

/**
 * The customer segments: what the handoff's segmentation decision (processes/CustomerSegmentation.dmn,
 * its latest deployed version) outputs as {@code segment}, its declared output values or else its rules'
 * outputs. One segment definition for every team, so an account's segment is one of these.
 */
@Component
public class Segments {

  static final String DECISION = "CustomerSegmentation";
  static final String OUTPUT = "segment";
  private static final Pattern QUOTED = Pattern.compile("\"([^\"]*)\"");

  private final RepositoryService repository;
  private final Map<String, List<String>> byDefinition = new ConcurrentHashMap<>();

  Segments(RepositoryService repository) {
    this.repository = repository;
  }

  /** The segments as the decision spells them; empty when the decision is not deployed. */
  public List<String> all() {
    DecisionDefinition latest = WithoutAuthorization.call(() -> repository.createDecisionDefinitionQuery()
        .decisionDefinitionKey(DECISION).latestVersion().singleResult());
    if (latest == null) {
      return List.of();
    }
    return byDefinition.computeIfAbsent(latest.getId(),
        id -> read(WithoutAuthorization.call(() -> repository.getDmnModelInstance(id))));
  }

  /** The segment as the decision spells it; "mid market", "MID_MARKET" and "Mid-Market" are one segment. */
  public Optional<String> find(String segment) {
    return all().stream().filter(s -> key(s).equals(key(segment))).findFirst();
  }

  static String key(String segment) {
    return segment.strip().toLowerCase(Locale.ROOT).replace(' ', '-').replace('_', '-');
  }

  private static List<String> read(DmnModelInstance model) {
    Decision decision = model.getModelElementById(DECISION);
    if (decision == null || !(decision.getExpression() instanceof DecisionTable table)) {
      return List.of();
    }
    List<Output> outputs = new ArrayList<>(table.getOutputs());
    int index = -1;
    for (int i = 0; i < outputs.size(); i++) {
      if (OUTPUT.equals(outputs.get(i).getName())) {
        index = i;
      }
    }
    if (index < 0) {
      return List.of();
    }
    Set<String> segments = new LinkedHashSet<>();
    Output output = outputs.get(index);
    if (output.getOutputValues() != null && output.getOutputValues().getText() != null) {
      segments.addAll(quoted(output.getOutputValues().getText().getTextContent()));
    } else {
      for (Rule rule : table.getRules()) {
        List<OutputEntry> entries = new ArrayList<>(rule.getOutputEntries());
        if (index < entries.size() && entries.get(index).getText() != null) {
          segments.addAll(quoted(entries.get(index).getText().getTextContent()));
        }
      }
    }
    return List.copyOf(segments);
  }

  private static List<String> quoted(String text) {
    List<String> values = new ArrayList<>();
    for (Matcher m = QUOTED.matcher(text); m.find(); ) {
      values.add(m.group(1));
    }
    return values;
  }
}
