package dev.baton.engine;

import java.util.List;

/**
 * Behaviour given to every deployed user task from its declaration alone (RACI, docs/raci.md). A Spring
 * bean implementing this is applied to each deployment by {@link UserTaskParse}.
 */
public interface UserTaskExtension {

  /** What is wrong with the task's declaration, one sentence each; any problem fails the deployment. */
  List<String> problems(DeclaredUserTask task);

  /** The listeners of a task without problems. */
  UserTaskListeners listeners(DeclaredUserTask task);
}
