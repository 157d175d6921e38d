package dev.baton.engine;

import java.util.Map;
import org.camunda.bpm.engine.delegate.Expression;

/**
 * A user task as deployed, in public types: where it is, its {@code camunda:property} extension
 * properties, and what the model itself says about assignment and due date.
 */
public record DeclaredUserTask(String processKey, String processName, String taskId, String taskName,
    String documentation, Map<String, String> properties, boolean modelAssignee, boolean modelCandidates,
    Expression modelDueDate) {}
