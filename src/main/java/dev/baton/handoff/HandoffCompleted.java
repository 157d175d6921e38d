package dev.baton.handoff;

import java.time.LocalDate;
import java.util.Map;

/**
 * The message "Account handed over to CS" (end event of SalesToCsHandoff.bpmn): Sales has handed the
 * account to CS, the CSM is introduced and the welcome mail is queued. Onboarding starts from it. It
 * carries what the next process needs, typed, so no other module reads the handoff's variable names.
 * Published (synchronously) by the end event's job, after the sales rep's last step has committed.
 *
 * @param accountId the account (business key of the processes that follow)
 * @param handoffProcessInstanceId the SalesToCsHandoff instance that completed
 * @param deal the won deal, its segment and its account team
 * @param checklist what Sales wrote in the handoff checklist (docs/domain.md#handoff-checklist)
 */
public record HandoffCompleted(String accountId, String handoffProcessInstanceId, Deal deal, Checklist checklist) {

  public HandoffCompleted {
    deal = deal == null ? Deal.EMPTY : deal;
    checklist = checklist == null ? Checklist.EMPTY : checklist;
  }

  /** The event from a handoff's variables (names in docs/handoff.md); missing or unreadable values are null. */
  public static HandoffCompleted of(String accountId, String handoffProcessInstanceId, Map<String, Object> variables) {
    return HandoffCompletedReader.read(accountId, handoffProcessInstanceId, variables);
  }

  /** The deal as the handoff knows it after enrichment, segmentation and CSM assignment; absent values are null. */
  public record Deal(String accountName, String dealName, String crm, String dealId, Double amount, String currency,
      LocalDate closeDate, LocalDate contractStart, LocalDate contractEnd, LocalDate renewalDate, String segment,
      String region, String industry, String customerContactName, String customerContactEmail, String csmUserId,
      String csmName, String salesRepUserId, String crmContacts) {

    static final Deal EMPTY = new Deal(null, null, null, null, null, null, null, null, null, null, null, null, null,
        null, null, null, null, null, null);
  }

  /**
   * The checklist's answers: single answers as written, and the grouped ones (goals, proposed solution,
   * promises, stakeholders, milestones) as one text each, one captioned line per answer.
   */
  public record Checklist(String pricingPlan, String useCase, String painPoints, String deploymentScope,
      String deploymentTimeline, String integrations, String customerTasks, String risks, String renewalTerms,
      String knowledgeTransferNotes, String salesPerceptions, String salesKickoffSignOff, String goals,
      String proposedSolution, String promises, String stakeholders, String milestones, LocalDate kickoffDate) {

    static final Checklist EMPTY = new Checklist(null, null, null, null, null, null, null, null, null, null, null, null,
        null, null, null, null, null, null);
  }
}
