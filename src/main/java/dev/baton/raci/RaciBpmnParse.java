package dev.baton.raci;

import org.camunda.bpm.engine.impl.bpmn.parser.BpmnParse;
import org.camunda.bpm.engine.impl.bpmn.parser.BpmnParser;
import org.camunda.bpm.engine.impl.cfg.BpmnParseFactory;
import org.camunda.bpm.engine.impl.jobexecutor.JobDeclaration;
import org.camunda.bpm.engine.repository.ProcessDefinition;

/**
 * The engine's BPMN parse, made reachable from {@link RaciParseListener} while it runs: the listener
 * reports problems as parse errors (so one deployment lists every broken task, with file, line and
 * column) and registers its timer like a timer the model declared (a job definition in Cockpit).
 */
final class RaciBpmnParse extends BpmnParse {

  private static final ThreadLocal<RaciBpmnParse> CURRENT = new ThreadLocal<>();

  RaciBpmnParse(BpmnParser parser) {
    super(parser);
  }

  static BpmnParseFactory factory() {
    return RaciBpmnParse::new;
  }

  /** The parse running on this thread, or null outside of a deployment. */
  static RaciBpmnParse current() {
    return CURRENT.get();
  }

  @Override
  public BpmnParse execute() {
    RaciBpmnParse outer = CURRENT.get();
    CURRENT.set(this);
    try {
      return super.execute();
    } finally {
      if (outer == null) {
        CURRENT.remove();
      } else {
        CURRENT.set(outer);
      }
    }
  }

  /** The deployed resource, e.g. processes/SalesToCsHandoff.bpmn. */
  String resourceName() {
    return name;
  }

  void addJobDeclaration(JobDeclaration<?, ?> declaration, ProcessDefinition processDefinition) {
    addJobDeclarationToProcessDefinition(declaration, processDefinition);
  }
}
