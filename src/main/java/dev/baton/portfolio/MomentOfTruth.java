package dev.baton.portfolio;

import java.util.List;

/**
 * A moment of truth as the report measures it (docs/domain.md#moments-of-truth, docs/portfolio.md): the step of
 * which process reaches it, and when it counts as on time.
 *
 * @param activityIds the user tasks (for {@link Rule#ANSWERED_BEFORE_TIMER} the receive task, for {@link Rule#BEFORE_EVENT}
 *     the step both motions pass, a service task) that reach it
 * @param lateEventId for {@link Rule#BEFORE_EVENT}: the event that, once it happened, makes the moment late
 */
record MomentOfTruth(String id, String name, String processKey, List<String> activityIds, Rule rule,
    String lateEventId) {

  enum Rule {
    /** The step was completed by its due date; time: from the step's creation to its completion. */
    DUE_DATE,
    /** The step ended before the process's late event (a timer) happened; time: from the process's start. */
    BEFORE_EVENT,
    /** The customer answered before the wait's timer ended it; time: from the question to the answer or timer. */
    ANSWERED_BEFORE_TIMER
  }

  /** The moments of truth the processes reach today, in the customer's order. */
  static final List<MomentOfTruth> ALL = List.of(
      new MomentOfTruth("handoff", "Handoff within its SLA", "SalesToCsHandoff",
          List.of("Task_KnowledgeTransfer"), Rule.DUE_DATE, null),
      new MomentOfTruth("kickoff", "Onboarding kickoff held", "OnboardingKickoff",
          List.of("Task_HoldKickoff"), Rule.DUE_DATE, null),
      new MomentOfTruth("launch", "Launch within time to value", "OnboardingKickoff",
          List.of("Task_RecordLaunch"), Rule.BEFORE_EVENT, "StartEvent_TimeToValuePassed"),
      new MomentOfTruth("internal-review", "Internal review before the renewal call", "RenewalPreparation",
          List.of("Task_InternalAccountReview"), Rule.DUE_DATE, null),
      new MomentOfTruth("survey-answered", "Renewal survey answered", "RenewalPreparation",
          List.of("Task_AwaitAnswer"), Rule.ANSWERED_BEFORE_TIMER, null),
      new MomentOfTruth("contract", "Renewal decided before the renewal date", "RenewalPreparation",
          List.of("Task_RecordDecision"), Rule.DUE_DATE, null),
      new MomentOfTruth("escalation-reviews", "Escalation reviews", "RedHealthEscalation",
          List.of("Task_DiagnoseAndPlan", "Task_ReviewRecovery"), Rule.DUE_DATE, null));
}
