package dev.baton.portfolio;

import java.time.Instant;

/**
 * An open step of a moment of truth: the process (its business name), the step, who has it, when it is due
 * and whether that has passed.
 */
public record OpenTask(String process, String step, String assignee, Instant due, boolean late, boolean escalated) {}
