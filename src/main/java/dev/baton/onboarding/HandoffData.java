package dev.baton.onboarding;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place that knows the handoff's variable names (docs/handoff.md) and turns them into the
 * onboarding's: what Sales told CS is copied once and shown read-only in every onboarding form, never
 * asked again. Missing values stay absent. Names the handoff's {@code deal} JSON (dev.baton.crm.DealWon)
 * fills in when the flat variables are missing.
 */
final class HandoffData {

  private static final Logger log = LoggerFactory.getLogger(HandoffData.class);
  private static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules()
      .disable(com.fasterxml.jackson.databind.SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

  /** Text values copied as they are (onboarding variable name = handoff variable name, docs/handoff.md). */
  static final List<String> TEXTS = List.of("accountName", "dealName", "segment", "region", "industry", "crm", "dealId",
      "currency", "customerContactName", "customerContactEmail", "csmName",
      // the handoff checklist (docs/domain.md#handoff-checklist) that onboarding shows: kickoff deck, success plan, provisioning
      "pricingPlan", "useCase", "painPoints", "deploymentScope", "deploymentTimeline", "integrations",
      "customerTasks", "risks", "renewalTerms", "knowledgeTransferNotes", "salesPerceptions", "salesKickoffSignOff");
  /** ISO dates (yyyy-MM-dd strings); a value that is no date is left out with a warning. */
  static final List<String> DATES = List.of("closeDate", "renewalDate", "contractStart", "contractEnd", "kickoffDate");
  /**
   * Onboarding's summaries of several checklist answers: the onboarding name, then the handoff's
   * answers with their captions. A handoff variable of the onboarding name itself wins (older handoffs).
   */
  static final Map<String, List<String[]>> SUMMARIES = summaries();
  /** Onboarding name to the handoff's name when they differ. */
  static final Map<String, String> RENAMED = Map.of("csm", "csmUserId", "salesRep", "salesRepUserId",
      "purchasedPackage", "pricingPlan");

  private static Map<String, List<String[]>> summaries() {
    Map<String, List<String[]>> summaries = new LinkedHashMap<>();
    summaries.put("goals", List.of(new String[] {"goalsShortTerm", "Short term"},
        new String[] {"goalsLongTerm", "Long term"}, new String[] {"successMeasures", "How they measure success"}));
    summaries.put("proposedSolution", List.of(new String[] {"scopeModules", "Scope"},
        new String[] {"painPoints", "Why they bought"}, new String[] {"replacedSolution", "Replaces"},
        new String[] {"excitedFeatures", "Features they look forward to"}));
    summaries.put("promises", List.of(new String[] {"customerAsks", "What they asked for"},
        new String[] {"contractualObligations", "Contractual obligations"}, new String[] {"uniqueTerms", "Unique terms or SLA"},
        new String[] {"sowSummary", "Statement of work"}, new String[] {"functionalityExpectations", "Expected functionality"}));
    summaries.put("stakeholders", List.of(new String[] {"champions", "Champions"},
        new String[] {"decisionMakers", "Decision makers"}, new String[] {"influencers", "Influencers"},
        new String[] {"detractors", "Detractors"}, new String[] {"powerUsers", "Power users"},
        new String[] {"salesContacts", "Sales contacts"}));
    summaries.put("milestones", List.<String[]>of(new String[] {"acceptanceReviewDate", "Acceptance review"}));
    return summaries;
  }

  private HandoffData() {}

  /** The onboarding's start variables from the handoff's variables (date variables read as days in {@code zone}). */
  static Map<String, Object> toOnboardingVariables(String accountId, Map<String, Object> handoff, ZoneId zone) {
    Map<String, Object> result = new LinkedHashMap<>();
    JsonNode deal = deal(handoff.get("deal"));
    for (String name : TEXTS) {
      String value = text(handoff.get(name), zone);
      if (value == null && deal != null) {
        value = dealText(deal, name);
      }
      if (value != null) {
        result.put(name, value);
      }
    }
    for (String name : DATES) {
      String value = text(handoff.get(name), zone);
      if (value == null && deal != null) {
        value = dealText(deal, name);
      }
      if (value != null) {
        try {
          result.put(name, LocalDate.parse(value.length() > 10 ? value.substring(0, 10) : value).toString());
        } catch (DateTimeParseException notADate) {
          log.warn("Handoff of account {}: {} '{}' is not a date (yyyy-MM-dd); left out", accountId, name, value);
        }
      }
    }
    SUMMARIES.forEach((name, parts) -> {
      String value = text(handoff.get(name), zone);
      if (value == null) {
        List<String> lines = new ArrayList<>();
        for (String[] part : parts) {
          String answer = text(handoff.get(part[0]), zone);
          if (answer != null) {
            lines.add(part[1] + ": " + answer);
          }
        }
        value = lines.isEmpty() ? null : String.join("\n", lines);
      }
      if (value != null) {
        result.put(name, value);
      }
    });
    RENAMED.forEach((name, handoffName) -> {
      String value = text(handoff.get(name), zone);
      value = value != null ? value : text(handoff.get(handoffName), zone);
      if (value != null) {
        result.put(name, value);
      }
    });
    Object amount = handoff.get("amount");
    if (amount == null && deal != null && deal.hasNonNull("amount")) {
      amount = deal.get("amount").asDouble();
    }
    if (amount instanceof Number number) {
      result.put("amount", number.doubleValue());
    } else if (amount != null) {
      try {
        result.put("amount", Double.parseDouble(amount.toString()));
      } catch (NumberFormatException notANumber) {
        log.warn("Handoff of account {}: amount '{}' is not a number; left out", accountId, amount);
      }
    }
    result.put("accountId", accountId);
    result.putIfAbsent("accountName", accountId);
    return result;
  }

  /** The date variable as a LocalDate (a date variable: its day in {@code zone}), or null when absent. */
  static LocalDate date(Object value, ZoneId zone) {
    String text = text(value, zone);
    return text == null ? null : LocalDate.parse(text.length() > 10 ? text.substring(0, 10) : text);
  }

  private static String text(Object value, ZoneId zone) {
    if (value == null) {
      return null;
    }
    if (value instanceof java.util.Date date) {
      return date.toInstant().atZone(zone).toLocalDate().toString();
    }
    if (value instanceof java.util.Collection<?> list) {
      return list.isEmpty() ? null : String.join("\n", list.stream().map(item -> "- " + item).toList());
    }
    String text = value.toString().trim();
    return text.isEmpty() ? null : text;
  }

  /** DealWon's fields by the onboarding's names (the contact and CSM come from its lists). */
  private static String dealText(JsonNode deal, String name) {
    switch (name) {
      case "customerContactName", "customerContactEmail" -> {
        JsonNode contacts = deal.path("contacts");
        if (contacts.isArray() && !contacts.isEmpty()) {
          JsonNode contact = contacts.get(0);
          String value = contact.path(name.equals("customerContactName") ? "name" : "email").asText(null);
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

  private static JsonNode deal(Object value) {
    if (value == null) {
      return null;
    }
    try {
      if (value instanceof Map<?, ?> || value instanceof Record) {
        return JSON.valueToTree(value);
      }
      return JSON.readTree(value.toString());
    } catch (Exception unreadable) {
      log.warn("Handoff variable 'deal' is not readable JSON; only the flat variables are used ({})",
          unreadable.getMessage());
      return null;
    }
  }
}
