package dev.baton.engine;

import org.camunda.bpm.engine.delegate.Expression;
import org.camunda.bpm.engine.delegate.TaskListener;

/**
 * The ordinary task listeners a {@link UserTaskExtension} adds to one user task: create, update and
 * complete run before the model's own listeners; {@code timeout} runs when the timer at
 * {@code timeoutDate} fires, as a modelled {@code <camunda:taskListener event="timeout">} would.
 */
public record UserTaskListeners(TaskListener create, TaskListener update, TaskListener complete,
    String timeoutId, TaskListener timeout, Expression timeoutDate) {}
