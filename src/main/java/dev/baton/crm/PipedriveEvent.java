package dev.baton.crm;

import com.fasterxml.jackson.databind.JsonNode;
import dev.baton.calendar.AcceptedDates;
import dev.baton.web.Excerpt;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;

/**
 * Classifies one Pipedrive webhook v2 event: a deal whose {@code data.status} turned {@code won} (the
 * {@code previous} object, which holds the old values of the changed fields, says it was something else)
 * starts a handoff; other entities, actions and changes are ignored; a malformed event is a 400 naming the
 * field.
 */
final class PipedriveEvent {

  static final String CRM = "pipedrive";

  private PipedriveEvent() {}

  sealed interface Classified permits Ignored, Won {}

  record Ignored(String reason) implements Classified {}

  record Won(DealWon deal) implements Classified {}

  /**
   * @param fromApi the handoff will read the organization, person and owner from Pipedrive's API, so the
   *     deal names no account (see HandoffSources)
   */
  static Classified classify(JsonNode event, boolean fromApi, AcceptedDates dates) {
    FieldErrors errors = new FieldErrors();
    if (!event.isObject()) {
      errors.add("body", "expected a JSON object (a Pipedrive webhook v2 event), got " + DealWonEvent.kind(event));
      errors.throwIfAny();
    }
    JsonNode meta = event.get("meta");
    if (meta == null || !meta.isObject()) {
      errors.add("meta", meta == null ? "missing; a Pipedrive webhook event has meta" : "expected an object");
      errors.throwIfAny();
    }
    JsonNode version = meta.get("version");
    if (meta.has("object") && !meta.has("entity") || version != null && !version.asText().startsWith("2")) {
      errors.add("meta.version", "'" + (version == null ? "1" : Excerpt.of(version.asText()))
          + "' is not 2.0; create the webhook with version 2.0 (Pipedrive's webhooks v2)");
      errors.throwIfAny();
    }
    String entity = text(meta, "entity", "meta.entity", errors);
    String action = text(meta, "action", "meta.action", errors);
    errors.throwIfAny();
    if (!"deal".equals(entity)) {
      return new Ignored("meta.entity " + entity + " is not deal");
    }
    if (!"change".equals(action)) {
      return new Ignored("meta.action " + action + " is not change");
    }
    JsonNode data = event.get("data");
    if (data == null || !data.isObject()) {
      errors.add("data", data == null || data.isNull() ? "missing; a deal change carries the deal" : "expected an object");
      errors.throwIfAny();
    }
    JsonNode previous = event.get("previous");
    if (previous != null && !previous.isNull() && !previous.isObject()) {
      errors.add("previous", "expected an object or null, got " + DealWonEvent.kind(previous));
    }
    String dealId = id(data, "id", "data.id", true, errors);
    String status = text(data, "status", "data.status", errors);
    errors.throwIfAny();
    if (!"won".equals(status)) {
      return new Ignored("data.status " + status + " is not won");
    }
    JsonNode before = previous == null || previous.isNull() ? null : previous.get("status");
    if (before == null) {
      return new Ignored("the deal was already won: this change does not set data.status (previous has no status)");
    }
    if ("won".equals(before.asText())) {
      return new Ignored("previous.status was already won");
    }
    String title = optionalText(data, "title", "data.title", 255, errors);
    BigDecimal value = amount(data, errors);
    String currency = optionalText(data, "currency", "data.currency", 3, errors);
    if (currency != null && !DealWon.isCurrencyCode(currency)) {
      errors.add("data.currency", "'" + currency + "' is not an ISO 4217 currency code");
      currency = null;
    }
    LocalDate wonOn = date(data, "won_time", "data.won_time", dates, errors);
    String orgId = id(data, "org_id", "data.org_id", false, errors);
    id(data, "person_id", "data.person_id", false, errors);
    id(data, "owner_id", "data.owner_id", false, errors);
    errors.throwIfAny();
    // The event names the organization, person and owner by id only: without the API the account is the
    // organization's id, named after the deal.
    String accountId = fromApi ? null : orgId != null ? "pipedrive-org-" + orgId : null;
    return new Won(new DealWon(CRM, dealId, accountId, title, value, currency, wonOn, null, null, null, null, null,
        List.of()));
  }

  private static String text(JsonNode object, String name, String field, FieldErrors errors) {
    JsonNode value = object.get(name);
    if (value == null || value.isNull()) {
      errors.add(field, "missing; it is required");
      return null;
    }
    if (!value.isTextual()) {
      errors.add(field, "expected text, got " + DealWonEvent.kind(value));
      return null;
    }
    return value.asText();
  }

  private static String optionalText(JsonNode object, String name, String field, int max, FieldErrors errors) {
    JsonNode value = object.get(name);
    if (value == null || value.isNull()) {
      return null;
    }
    if (!value.isTextual()) {
      errors.add(field, "expected text, got " + DealWonEvent.kind(value));
      return null;
    }
    String text = value.asText().strip();
    if (text.length() > max || text.chars().anyMatch(Character::isISOControl)) {
      errors.add(field, "has " + text.length() + " characters or control characters; at most " + max + " on one line");
      return null;
    }
    return text.isEmpty() ? null : text;
  }

  /** Pipedrive's ids are positive whole numbers (sent as numbers, in some payloads as text). */
  private static String id(JsonNode object, String name, String field, boolean required, FieldErrors errors) {
    JsonNode value = object.get(name);
    if (value == null || value.isNull()) {
      if (required) {
        errors.add(field, "missing; the deal's id is required");
      }
      return null;
    }
    String id = value.isIntegralNumber() ? value.bigIntegerValue().toString() : value.isTextual() ? value.asText() : null;
    if (id == null || !id.matches("[1-9][0-9]{0,18}")) {
      errors.add(field, "expected a positive whole number (Pipedrive's id), got " + DealWonEvent.kind(value));
      return null;
    }
    return id;
  }

  private static BigDecimal amount(JsonNode data, FieldErrors errors) {
    JsonNode value = data.get("value");
    if (value == null || value.isNull()) {
      return null;
    }
    if (!value.isNumber()) {
      errors.add("data.value", "expected a number, got " + DealWonEvent.kind(value));
      return null;
    }
    BigDecimal amount = value.decimalValue();
    if (amount.signum() < 0 || amount.compareTo(SalesforceOutboundMessage.MAX_AMOUNT) >= 0) {
      errors.add("data.value", amount.toPlainString() + " is out of range; from 0 to less than 10^12");
      return null;
    }
    return amount;
  }

  /** Pipedrive's times: ISO with offset (v2, 2026-11-20T10:15:00Z) or "2026-11-20 10:15:00" in UTC (older). */
  private static LocalDate date(JsonNode data, String name, String field, AcceptedDates dates, FieldErrors errors) {
    JsonNode value = data.get(name);
    if (value == null || value.isNull()) {
      return null;
    }
    String text = value.isTextual() ? value.asText().strip() : null;
    LocalDate date = null;
    try {
      if (text != null && text.matches("\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}")) {
        date = LocalDate.parse(text.substring(0, 10));
      } else if (text != null) {
        date = OffsetDateTime.parse(text).withOffsetSameInstant(ZoneOffset.UTC).toLocalDate();
      }
    } catch (DateTimeParseException e) {
      // reported below
    }
    if (date == null) {
      errors.add(field, "expected a time such as 2026-11-20T10:15:00Z, got " + DealWonEvent.kind(value));
      return null;
    }
    String outOfRange = dates.problem(date);
    if (outOfRange != null) {
      errors.add(field, outOfRange);
      return null;
    }
    return date;
  }
}
