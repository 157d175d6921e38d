package dev.baton.handoff;

import java.util.Map;

/**
 * Published (synchronously, inside the transaction of the handoff's last step) when Sales has handed
 * the account to CS: the CSM is introduced and the welcome mail is queued. Onboarding starts from it.
 *
 * @param accountId the account (business key of the processes that follow)
 * @param handoffProcessInstanceId the SalesToCsHandoff instance that completed
 * @param variables that instance's variables: the deal, the segment, the team and the checklist
 *     (names in docs/handoff.md), so the next process shows them and never asks again
 */
public record HandoffCompleted(String accountId, String handoffProcessInstanceId, Map<String, Object> variables) {

  public HandoffCompleted {
    variables = variables == null ? Map.of() : Map.copyOf(variables);
  }
}
