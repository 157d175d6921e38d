package dev.baton.portfolio;

import java.util.Comparator;
import java.util.List;

/** What is in progress for one account: its open steps (most urgent first) and whether an escalation runs. */
record OpenWork(List<OpenTask> tasks, boolean escalationOpen, boolean handoffOpen) {

  static final OpenWork NONE = new OpenWork(List.of(), false, false);

  /** Late steps first, then the soonest due; steps without a due date last. */
  static final Comparator<OpenTask> URGENCY = Comparator.comparing((OpenTask t) -> !t.late())
      .thenComparing(OpenTask::due, Comparator.nullsLast(Comparator.naturalOrder()));

  OpenTask mostUrgent() {
    return tasks.isEmpty() ? null : tasks.get(0);
  }

  long lateTasks() {
    return tasks.stream().filter(OpenTask::late).count();
  }
}
