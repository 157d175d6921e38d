package dev.baton.handoff;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place that turns the handoff's variables (docs/handoff.md) into {@link HandoffCompleted}.
 * The flat variables win; the handoff's {@code deal} JSON (dev.baton.crm.DealWon) fills in what they lack.
 * A grouped answer set directly (older handoffs had one "goals" field) wins over its parts.
 */
final class HandoffCompletedReader {

  private static final Logger log = LoggerFactory.getLogger(HandoffCompletedReader.class);
  private static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules();

  private final String accountId;
  private final Map<String, Object> variables;
  private final JsonNode deal;

  private HandoffCompletedReader(String accountId, Map<String, Object> variables) {
    this.accountId = accountId;
    this.variables = variables == null ? Map.of() : variables;
    this.deal = json(this.variables.get(HandoffVariables.DEAL));
  }

  static HandoffCompleted read(String accountId, String handoffProcessInstanceId, Map<String, Object> variables) {
    HandoffCompletedReader reader = new HandoffCompletedReader(accountId, variables);
    return new HandoffCompleted(accountId, handoffProcessInstanceId, reader.deal(), reader.checklist());
  }

  private HandoffCompleted.Deal deal() {
    return new HandoffCompleted.Deal(withDeal(HandoffVariables.ACCOUNT_NAME), withDeal(HandoffVariables.DEAL_NAME),
        withDeal(HandoffVariables.CRM), withDeal(HandoffVariables.DEAL_ID), amount(),
        withDeal(HandoffVariables.CURRENCY), date(HandoffVariables.CLOSE_DATE), date(HandoffVariables.CONTRACT_START),
        date(HandoffVariables.CONTRACT_END), date(HandoffVariables.RENEWAL_DATE), withDeal(HandoffVariables.SEGMENT),
        withDeal(HandoffVariables.REGION), withDeal(HandoffVariables.INDUSTRY),
        withDeal(HandoffVariables.CUSTOMER_CONTACT_NAME), withDeal(HandoffVariables.CUSTOMER_CONTACT_EMAIL),
        either("csm", HandoffVariables.CSM_USER_ID), withDeal(HandoffVariables.CSM_NAME),
        either("salesRep", HandoffVariables.SALES_REP_USER_ID), crmContacts());
  }

  /** The CRM's contacts as the handoff keeps them (a JSON array), or null. */
  private String crmContacts() {
    Object value = variables.get("contacts");
    return value == null || value.toString().isBlank() ? null : value.toString();
  }

  private HandoffCompleted.Checklist checklist() {
    return new HandoffCompleted.Checklist(either("purchasedPackage", "pricingPlan"), text("useCase"),
        text("painPoints"), text("deploymentScope"), text("deploymentTimeline"), text("integrations"),
        text("customerTasks"), text("risks"), text("renewalTerms"), text("knowledgeTransferNotes"),
        text("salesPerceptions"), text("salesKickoffSignOff"),
        summary("goals", "goalsShortTerm", "Short term", "goalsLongTerm", "Long term", "successMeasures",
            "How they measure success"),
        summary("proposedSolution", "scopeModules", "Scope", "painPoints", "Why they bought", "replacedSolution",
            "Replaces", "excitedFeatures", "Features they look forward to"),
        summary("promises", "customerAsks", "What they asked for", "contractualObligations", "Contractual obligations",
            "uniqueTerms", "Unique terms or SLA", "sowSummary", "Statement of work", "functionalityExpectations",
            "Expected functionality"),
        summary("stakeholders", "champions", "Champions", "decisionMakers", "Decision makers", "influencers",
            "Influencers", "detractors", "Detractors", "powerUsers", "Power users", "salesContacts", "Sales contacts"),
        summary("milestones", "acceptanceReviewDate", "Acceptance review"),
        date("kickoffDate"));
  }

  /** The first name that has a value. */
  private String either(String name, String otherName) {
    String value = text(name);
    return value != null ? value : text(otherName);
  }

  /** The grouped answer itself, else its parts as captioned lines (pairs of variable name and caption). */
  private String summary(String name, String... parts) {
    String value = text(name);
    if (value != null) {
      return value;
    }
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < parts.length; i += 2) {
      String answer = text(parts[i]);
      if (answer != null) {
        lines.add(parts[i + 1] + ": " + answer);
      }
    }
    return lines.isEmpty() ? null : String.join("\n", lines);
  }

  private String withDeal(String name) {
    String value = text(name);
    return value == null && deal != null ? dealText(name) : value;
  }

  private LocalDate date(String name) {
    String value = withDeal(name);
    if (value == null) {
      return null;
    }
    try {
      return LocalDate.parse(value.length() > 10 ? value.substring(0, 10) : value);
    } catch (DateTimeParseException notADate) {
      log.warn("Handoff of account {}: {} '{}' is not a date (yyyy-MM-dd); left out", accountId, name, value);
      return null;
    }
  }

  private Double amount() {
    Object amount = variables.get(HandoffVariables.AMOUNT);
    if (amount == null && deal != null && deal.hasNonNull("amount")) {
      return deal.get("amount").asDouble();
    }
    if (amount instanceof Number number) {
      return number.doubleValue();
    }
    if (amount == null) {
      return null;
    }
    try {
      return Double.parseDouble(amount.toString());
    } catch (NumberFormatException notANumber) {
      log.warn("Handoff of account {}: amount '{}' is not a number; left out", accountId, amount);
      return null;
    }
  }

  private String text(String name) {
    Object value = variables.get(name);
    if (value == null) {
      return null;
    }
    if (value instanceof java.util.Date date) {
      return date.toInstant().atZone(java.time.ZoneId.systemDefault()).toLocalDate().toString();
    }
    if (value instanceof java.util.Collection<?> list) {
      return list.isEmpty() ? null : String.join("\n", list.stream().map(item -> "- " + item).toList());
    }
    String text = value.toString().trim();
    return text.isEmpty() ? null : text;
  }

  /** DealWon's fields by the handoff's names (the contact comes from its list of contacts). */
  private String dealText(String name) {
    switch (name) {
      case HandoffVariables.CUSTOMER_CONTACT_NAME, HandoffVariables.CUSTOMER_CONTACT_EMAIL -> {
        JsonNode contacts = deal.path("contacts");
        if (contacts.isArray() && !contacts.isEmpty()) {
          String value = contacts.get(0).path(name.equals(HandoffVariables.CUSTOMER_CONTACT_NAME) ? "name" : "email")
              .asText(null);
          return value == null || value.isBlank() ? null : value;
        }
        return null;
      }
      default -> {
        JsonNode value = deal.get(name);
        return value == null || value.isNull() || value.asText().isBlank() ? null : value.asText();
      }
    }
  }

  private JsonNode json(Object value) {
    if (value == null) {
      return null;
    }
    try {
      if (value instanceof Map<?, ?> || value instanceof Record) {
        return JSON.valueToTree(value);
      }
      return JSON.readTree(value.toString());
    } catch (Exception unreadable) {
      log.warn("Handoff variable 'deal' of account {} is not readable JSON; only the flat variables are used ({})",
          accountId, unreadable.getMessage());
      return null;
    }
  }
}
