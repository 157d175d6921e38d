package dev.baton.health;

import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.dmn.engine.delegate.DmnDecisionTableEvaluationEvent;

/**
 * Collects the decision-table evaluations (with their matching rules) that happen on this thread
 * while a trace is open: DecisionService returns only the outputs, but a person asking "why is this
 * account red?" needs the rule that decided. Filled by the listener {@link HealthDecisionTracing} adds.
 */
final class DecisionTrace {

  private static final ThreadLocal<List<DmnDecisionTableEvaluationEvent>> EVENTS = new ThreadLocal<>();

  private DecisionTrace() {}

  static void open() {
    EVENTS.set(new ArrayList<>());
  }

  static List<DmnDecisionTableEvaluationEvent> close() {
    List<DmnDecisionTableEvaluationEvent> events = EVENTS.get();
    EVENTS.remove();
    return events == null ? List.of() : events;
  }

  static void record(DmnDecisionTableEvaluationEvent event) {
    List<DmnDecisionTableEvaluationEvent> events = EVENTS.get();
    if (events != null) {
      events.add(event);
    }
  }
}
