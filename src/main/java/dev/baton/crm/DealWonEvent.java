package dev.baton.crm;

import com.fasterxml.jackson.databind.JsonNode;
import dev.baton.calendar.AcceptedDates;
import dev.baton.mail.EmailAddress;
import dev.baton.web.Excerpt;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.ArrayList;
import java.util.Currency;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads the generic "deal won" event (docs/webhooks.md, docs/crm-deal-won.schema.json) into a
 * {@link DealWon}, checking every field and reporting all mistakes at once, each naming its field
 * and the fix.
 */
final class DealWonEvent {

  static final Pattern CRM = Pattern.compile("[a-z][a-z0-9-]{0,39}");
  /**
   * CRMs with a webhook of their own in Baton own their namespace of business keys ({@code hubspot:<dealId>}):
   * the generic webhook may not use their names, or its caller could claim a deal before the CRM's own
   * event arrives, which would then be answered "duplicate".
   */
  static final Map<String, String> OWN_WEBHOOKS = Map.of("hubspot", HubSpotWebhookController.PATH,
      SalesforceOutboundMessage.CRM, SalesforceWebhookController.PATH, PipedriveEvent.CRM, PipedriveWebhookController.PATH);
  static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,99}");
  static final int MAX_CONTACTS = 50;
  static final BigDecimal MAX_AMOUNT = new BigDecimal("1000000000000"); // 10^12

  static final Set<String> FIELDS = Set.of("crm", "dealId", "accountId", "accountName", "amount", "currency",
      "closeDate", "contractStart", "contractEnd", "renewalDate", "ownerEmail", "csmEmail", "contacts");
  static final Set<String> CONTACT_FIELDS = Set.of("name", "email", "role");

  private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("uuuu-MM-dd")
      .withResolverStyle(ResolverStyle.STRICT);

  private final FieldErrors errors = new FieldErrors();
  private final AcceptedDates dates;

  private DealWonEvent(AcceptedDates dates) {
    this.dates = dates;
  }

  /** The deal, or a 400 problem naming every invalid field; its dates must lie within {@code dates}. */
  static DealWon read(JsonNode event, AcceptedDates dates) {
    return new DealWonEvent(dates).parse(event);
  }

  private DealWon parse(JsonNode event) {
    if (!event.isObject()) {
      errors.add("body", "expected a JSON object (the deal won event), got " + kind(event));
      errors.throwIfAny();
    }
    unknownFields(event, FIELDS, "");
    String crm = text(event, "crm", 40, true);
    if (crm != null && !CRM.matcher(crm).matches()) {
      errors.add("crm", "'" + crm + "' is not a CRM name; use lower-case letters, digits and '-', "
          + "starting with a letter (e.g. zoho, dynamics)");
    } else if (crm != null && OWN_WEBHOOKS.containsKey(crm)) {
      errors.add("crm", "'" + crm + "' deals come through " + OWN_WEBHOOKS.get(crm)
          + ", which checks that CRM's own signature; this webhook takes other CRMs");
    }
    String dealId = id(event, "dealId");
    String accountId = id(event, "accountId");
    String accountName = text(event, "accountName", 255, true);
    BigDecimal amount = number(event, "amount");
    Currency currency = currency(event);
    if (amount != null && currency != null && currency.getDefaultFractionDigits() >= 0
        && amount.stripTrailingZeros().scale() > currency.getDefaultFractionDigits()) {
      errors.add("amount", amount.toPlainString() + " has more decimals than " + currency.getCurrencyCode()
          + " allows (" + currency.getDefaultFractionDigits() + "); round it");
    }
    LocalDate closeDate = date(event, "closeDate", true);
    LocalDate contractStart = date(event, "contractStart", true);
    LocalDate contractEnd = date(event, "contractEnd", true);
    LocalDate renewalDate = date(event, "renewalDate", true);
    if (contractStart != null && contractEnd != null && !contractEnd.isAfter(contractStart)) {
      errors.add("contractEnd", contractEnd + " is not after contractStart " + contractStart
          + "; send the last day of the contract, after its first");
    }
    if (contractStart != null && renewalDate != null && !renewalDate.isAfter(contractStart)) {
      errors.add("renewalDate", renewalDate + " is not after contractStart " + contractStart
          + "; send the date the contract renews");
    }
    String ownerEmail = email(event, "ownerEmail", true);
    String csmEmail = email(event, "csmEmail", false);
    List<DealWon.Contact> contacts = contacts(event);
    errors.throwIfAny();
    return new DealWon(crm, dealId, accountId, accountName, amount, currency.getCurrencyCode(), closeDate,
        contractStart, contractEnd, renewalDate, ownerEmail, csmEmail, contacts);
  }

  private void unknownFields(JsonNode object, Set<String> known, String prefix) {
    for (Iterator<String> names = object.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!known.contains(name)) {
        errors.add(prefix + name, "unknown field; known fields are " + known.stream().sorted().toList());
      }
    }
  }

  private String text(JsonNode object, String field, int maxLength, boolean required) {
    return text(object, field, field, maxLength, required);
  }

  private String text(JsonNode object, String name, String field, int maxLength, boolean required) {
    JsonNode value = object.get(name);
    if (value == null || value.isNull()) {
      if (required) {
        errors.add(field, "missing; it is required");
      }
      return null;
    }
    if (!value.isTextual()) {
      errors.add(field, "expected text, got " + kind(value));
      return null;
    }
    String text = value.asText().strip();
    if (text.isEmpty()) {
      if (required) {
        errors.add(field, "empty; it is required");
      }
      return null;
    }
    if (text.length() > maxLength) {
      errors.add(field, "has " + text.length() + " characters; at most " + maxLength + " are allowed");
      return null;
    }
    if (text.chars().anyMatch(Character::isISOControl)) {
      errors.add(field, "contains control characters (line breaks, tabs); send a single line of text");
      return null;
    }
    return text;
  }

  private String id(JsonNode object, String field) {
    String id = text(object, field, 100, true);
    if (id != null && !ID.matcher(id).matches()) {
      errors.add(field, "'" + Excerpt.of(id) + "' has characters an id may not have; use letters, "
          + "digits, '.', '_' and '-' (up to 100, starting with a letter or digit)");
      return null;
    }
    return id;
  }

  private BigDecimal number(JsonNode object, String field) {
    JsonNode value = object.get(field);
    if (value == null || value.isNull()) {
      errors.add(field, "missing; send the deal's contract value as a number, e.g. 48000.00");
      return null;
    }
    if (!value.isNumber()) {
      errors.add(field, "expected a number (e.g. 48000.00, without quotes or currency sign), got " + kind(value));
      return null;
    }
    BigDecimal amount = value.decimalValue();
    if (amount.signum() < 0 || amount.compareTo(MAX_AMOUNT) >= 0) {
      errors.add(field, amount.toPlainString() + " is out of range; send a value from 0 to less than "
          + MAX_AMOUNT.toPlainString());
      return null;
    }
    return amount;
  }

  private Currency currency(JsonNode object) {
    String code = text(object, "currency", 16, true);
    if (code == null) {
      return null;
    }
    if (code.matches("[A-Z]{3}")) {
      try {
        return Currency.getInstance(code);
      } catch (IllegalArgumentException unknown) {
        // reported below
      }
    }
    errors.add("currency", "'" + code + "' is not an ISO 4217 currency code; use three capital letters such as "
        + "EUR, USD or GBP");
    return null;
  }

  private LocalDate date(JsonNode object, String field, boolean required) {
    String text = text(object, field, 64, required);
    if (text == null) {
      return null;
    }
    LocalDate date;
    try {
      date = LocalDate.parse(text, DATE);
    } catch (DateTimeParseException e) {
      errors.add(field, "'" + text + "' is not a date; use yyyy-MM-dd, e.g. 2026-11-23");
      return null;
    }
    String outOfRange = dates.problem(date);
    if (outOfRange != null) {
      errors.add(field, outOfRange);
      return null;
    }
    return date;
  }

  private String email(JsonNode object, String field, boolean required) {
    return email(object, field, field, required);
  }

  private String email(JsonNode object, String name, String field, boolean required) {
    String email = text(object, name, field, 254, required);
    if (email != null && !EmailAddress.valid(email)) {
      errors.add(field, "'" + Excerpt.of(email) + "' is not an e-mail address; use name@example.com");
      return null;
    }
    return email;
  }

  private List<DealWon.Contact> contacts(JsonNode event) {
    JsonNode value = event.get("contacts");
    if (value == null || value.isNull()) {
      errors.add("contacts", "missing; send at least the customer's main contact (the first one gets the welcome mail)");
      return List.of();
    }
    if (!value.isArray()) {
      errors.add("contacts", "expected an array of {name, email, role}, got " + kind(value));
      return List.of();
    }
    if (value.isEmpty() || value.size() > MAX_CONTACTS) {
      errors.add("contacts", "has " + value.size() + " entries; send 1 to " + MAX_CONTACTS
          + " (the first is the main contact)");
      return List.of();
    }
    List<DealWon.Contact> contacts = new ArrayList<>();
    for (int i = 0; i < value.size(); i++) {
      JsonNode contact = value.get(i);
      String prefix = "contacts[" + i + "]";
      if (!contact.isObject()) {
        errors.add(prefix, "expected an object {name, email, role}, got " + kind(contact));
        continue;
      }
      unknownFields(contact, CONTACT_FIELDS, prefix + ".");
      String name = text(contact, "name", prefix + ".name", 255, true);
      String email = email(contact, "email", prefix + ".email", true);
      String role = text(contact, "role", prefix + ".role", 100, false);
      contacts.add(new DealWon.Contact(name, email, role));
    }
    return contacts;
  }

  static String kind(JsonNode value) {
    if (value.isTextual()) {
      return "text '" + Excerpt.of(value.asText()) + "'";
    }
    if (value.isNumber()) {
      return "the number " + value.asText();
    }
    if (value.isBoolean()) {
      return value.asText();
    }
    if (value.isArray()) {
      return "an array";
    }
    if (value.isObject()) {
      return "an object";
    }
    return "null";
  }
}
