package dev.baton.onboarding;

import dev.baton.handoff.HandoffCompleted;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The onboarding's start variables from the typed {@link HandoffCompleted}: what Sales told CS is copied
 * once and shown read-only in every onboarding form, never asked again. Absent values stay absent.
 * Dates are ISO strings (yyyy-MM-dd), as the forms show them.
 */
final class HandoffData {

  private HandoffData() {}

  static Map<String, Object> toOnboardingVariables(HandoffCompleted event) {
    Map<String, Object> result = new LinkedHashMap<>();
    HandoffCompleted.Deal deal = event.deal();
    put(result, "accountName", deal.accountName());
    put(result, "dealName", deal.dealName());
    put(result, "segment", deal.segment());
    put(result, "region", deal.region());
    put(result, "industry", deal.industry());
    put(result, "crm", deal.crm());
    put(result, "dealId", deal.dealId());
    put(result, "currency", deal.currency());
    put(result, "amount", deal.amount());
    put(result, "closeDate", deal.closeDate());
    put(result, "renewalDate", deal.renewalDate());
    put(result, "contractStart", deal.contractStart());
    put(result, "contractEnd", deal.contractEnd());
    put(result, "customerContactName", deal.customerContactName());
    put(result, "customerContactEmail", deal.customerContactEmail());
    put(result, "csm", deal.csmUserId());
    put(result, "csmName", deal.csmName());
    put(result, "salesRep", deal.salesRepUserId());
    HandoffCompleted.Checklist checklist = event.checklist();
    put(result, "pricingPlan", checklist.pricingPlan());
    put(result, "purchasedPackage", checklist.pricingPlan());
    put(result, "useCase", checklist.useCase());
    put(result, "painPoints", checklist.painPoints());
    put(result, "deploymentScope", checklist.deploymentScope());
    put(result, "deploymentTimeline", checklist.deploymentTimeline());
    put(result, "integrations", checklist.integrations());
    put(result, "customerTasks", checklist.customerTasks());
    put(result, "risks", checklist.risks());
    put(result, "renewalTerms", checklist.renewalTerms());
    put(result, "knowledgeTransferNotes", checklist.knowledgeTransferNotes());
    put(result, "salesPerceptions", checklist.salesPerceptions());
    put(result, "salesKickoffSignOff", checklist.salesKickoffSignOff());
    put(result, "goals", checklist.goals());
    put(result, "proposedSolution", checklist.proposedSolution());
    put(result, "promises", checklist.promises());
    put(result, "stakeholders", checklist.stakeholders());
    put(result, "milestones", checklist.milestones());
    put(result, "kickoffDate", checklist.kickoffDate());
    result.put("accountId", event.accountId());
    result.putIfAbsent("accountName", event.accountId());
    return result;
  }

  /** The date variable as a LocalDate, or null when absent. */
  static LocalDate date(Object value) {
    if (value == null || value.toString().isBlank()) {
      return null;
    }
    String text = value.toString().trim();
    return LocalDate.parse(text.length() > 10 ? text.substring(0, 10) : text);
  }

  private static void put(Map<String, Object> variables, String name, Object value) {
    if (value != null) {
      variables.put(name, value instanceof LocalDate date ? date.toString() : value);
    }
  }
}
