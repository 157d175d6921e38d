package dev.baton.crm;

import com.fasterxml.jackson.databind.JsonNode;
import dev.baton.web.Excerpt;
import java.util.List;

/**
 * One event of a HubSpot webhook batch, classified: a deal moved into a won stage (start a handoff),
 * an event Baton does not act on (ignored), or one it cannot read (invalid, naming the field).
 */
sealed interface HubSpotEvent {

  String DEAL_STAGE_CHANGE = "deal.propertyChange";
  String DEAL_STAGE = "dealstage";

  /** A deal reached a won stage. */
  record DealWonInStage(String dealId, String stage) implements HubSpotEvent {}

  record Ignored(String reason) implements HubSpotEvent {}

  record Invalid(String problem) implements HubSpotEvent {}

  /** Classifies event {@code index} of the batch; field names in problems are prefixed with {@code [index]}. */
  static HubSpotEvent classify(JsonNode event, int index, List<String> wonStages) {
    String at = "[" + index + "]";
    if (!event.isObject()) {
      return new Invalid(at + ": expected an object (one HubSpot event), got " + DealWonEvent.kind(event));
    }
    String typeField = event.has("subscriptionType") ? "subscriptionType" : "eventType";
    JsonNode type = event.get(typeField);
    if (type == null || type.isNull()) {
      return new Invalid(at + ".subscriptionType: missing; a HubSpot event names its type in subscriptionType "
          + "(or eventType), e.g. deal.propertyChange");
    }
    if (!type.isTextual()) {
      return new Invalid(at + "." + typeField + ": expected text such as deal.propertyChange, got "
          + DealWonEvent.kind(type));
    }
    if (!DEAL_STAGE_CHANGE.equals(type.asText())) {
      return new Ignored(typeField + " " + Excerpt.of(type.asText()) + " is not " + DEAL_STAGE_CHANGE);
    }
    JsonNode property = event.get("propertyName");
    if (property == null || !property.isTextual()) {
      return new Invalid(at + ".propertyName: " + (property == null || property.isNull() ? "missing" : "expected text, got "
          + DealWonEvent.kind(property)) + "; a deal.propertyChange event names the changed property");
    }
    if (!DEAL_STAGE.equals(property.asText())) {
      return new Ignored("propertyName " + Excerpt.of(property.asText()) + " is not " + DEAL_STAGE);
    }
    JsonNode value = event.get("propertyValue");
    if (value == null || !value.isTextual()) {
      return new Invalid(at + ".propertyValue: " + (value == null || value.isNull() ? "missing" : "expected text, got "
          + DealWonEvent.kind(value)) + "; a dealstage change carries the new stage id, e.g. closedwon");
    }
    if (!wonStages.contains(value.asText())) {
      return new Ignored("deal stage " + Excerpt.of(value.asText()) + " is not a won stage " + wonStages
          + " (baton.crm.hubspot.won-stages)");
    }
    JsonNode objectId = event.get("objectId");
    if (objectId == null || objectId.isNull()) {
      return new Invalid(at + ".objectId: missing; a deal event carries the deal's id");
    }
    String dealId = objectId.isIntegralNumber() ? objectId.bigIntegerValue().toString()
        : objectId.isTextual() ? objectId.asText() : null;
    if (dealId == null || !dealId.matches("[1-9][0-9]{0,29}")) {
      return new Invalid(at + ".objectId: expected the deal's id, a positive whole number, got "
          + DealWonEvent.kind(objectId));
    }
    return new DealWonInStage(dealId, value.asText());
  }
}
