package dev.baton.crm;

import dev.baton.calendar.AcceptedDates;
import dev.baton.web.Excerpt;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * Reads Salesforce's outbound message ({@code notifications} of the outbound messaging WSDL: OrganizationId,
 * ActionId, up to 100 {@code Notification} elements each with an {@code Id} and an {@code sObject} of
 * xsi:type {@code sf:Opportunity}) into what the webhook needs. Every mistake is reported at once, each
 * naming its element; one bad notification refuses the whole message, so nothing is half-started.
 *
 * @param organizationId the sending org
 * @param notifications in message order
 */
record SalesforceOutboundMessage(String organizationId, List<Notification> notifications) {

  static final String SOBJECT_NS = "urn:sobject.enterprise.soap.sforce.com";
  static final String XSI_NS = "http://www.w3.org/2001/XMLSchema-instance";
  static final String CRM = "salesforce";
  static final int MAX_NOTIFICATIONS = 100;
  static final BigDecimal MAX_AMOUNT = new BigDecimal("1000000000000"); // as the generic event: below 10^12
  /** A Salesforce record id: 15 characters (case-sensitive) or 18 (with the case checksum). */
  static final Pattern SALESFORCE_ID = Pattern.compile("[a-zA-Z0-9]{15}([a-zA-Z0-9]{3})?");

  /**
   * One notification: its id (the same on every resend) and the Opportunity; {@code deal} is null when
   * the Opportunity is not won ({@code ignoredBecause} says why).
   */
  record Notification(String notificationId, String opportunityId, DealWon deal, String ignoredBecause) {}

  /**
   * The message, or a 400 problem naming every invalid element.
   *
   * @param fromApi the handoff will read the Account and contact roles from Salesforce's API, so the deal
   *     names no account (like HubSpot's, see HandoffSources)
   */
  static SalesforceOutboundMessage read(Document document, List<String> wonStages, boolean fromApi,
      AcceptedDates dates) {
    FieldErrors errors = new FieldErrors();
    Element envelope = document.getDocumentElement();
    if (!"Envelope".equals(envelope.getLocalName()) || !SoapEnvelope.SOAP_NS.equals(envelope.getNamespaceURI())) {
      errors.add("Envelope", "the root element is " + envelope.getTagName() + "; send a SOAP 1.1 envelope ("
          + SoapEnvelope.SOAP_NS + ")");
      errors.throwIfAny();
    }
    Element body = child(envelope, SoapEnvelope.SOAP_NS, "Body");
    Element notifications = body == null ? null : child(body, SoapEnvelope.OUTBOUND_NS, "notifications");
    if (notifications == null) {
      errors.add("Body.notifications", "missing; Salesforce's outbound message has a notifications element in "
          + SoapEnvelope.OUTBOUND_NS);
      errors.throwIfAny();
    }
    String organizationId = text(notifications, SoapEnvelope.OUTBOUND_NS, "OrganizationId");
    if (organizationId == null) {
      errors.add("OrganizationId", "missing; the outbound message names the sending org");
    } else if (!SALESFORCE_ID.matcher(organizationId).matches()) {
      errors.add("OrganizationId", "'" + Excerpt.of(organizationId) + "' is not a Salesforce id");
    }
    List<Element> elements = children(notifications, SoapEnvelope.OUTBOUND_NS, "Notification");
    if (elements.isEmpty()) {
      errors.add("Notification", "missing; send at least one notification");
    } else if (elements.size() > MAX_NOTIFICATIONS) {
      errors.add("Notification", elements.size() + " notifications in one message; Salesforce sends at most "
          + MAX_NOTIFICATIONS);
      errors.throwIfAny();
    }
    List<Notification> read = new ArrayList<>();
    for (int i = 0; i < elements.size(); i++) {
      read.add(notification(elements.get(i), "Notification[" + i + "]", wonStages, fromApi, dates, errors));
    }
    errors.throwIfAny();
    return new SalesforceOutboundMessage(organizationId, read);
  }

  private static Notification notification(Element element, String at, List<String> wonStages, boolean fromApi,
      AcceptedDates dates,
      FieldErrors errors) {
    String notificationId = text(element, SoapEnvelope.OUTBOUND_NS, "Id");
    if (notificationId == null || !SALESFORCE_ID.matcher(notificationId).matches()) {
      errors.add(at + ".Id", notificationId == null ? "missing; every notification has its id"
          : "'" + Excerpt.of(notificationId) + "' is not a Salesforce id");
    }
    Element sObject = child(element, SoapEnvelope.OUTBOUND_NS, "sObject");
    if (sObject == null) {
      errors.add(at + ".sObject", "missing; the notification carries the Opportunity");
      return new Notification(notificationId, null, null, null);
    }
    String type = sObject.getAttributeNS(XSI_NS, "type");
    String localType = type.substring(type.indexOf(':') + 1);
    if (!"Opportunity".equals(localType)) {
      errors.add(at + ".sObject", "xsi:type is '" + Excerpt.of(type) + "', not sf:Opportunity; "
          + "create the outbound message on the Opportunity object");
      return new Notification(notificationId, null, null, null);
    }
    String field = at + ".sObject.";
    String id = text(sObject, SOBJECT_NS, "Id");
    if (id == null || !SALESFORCE_ID.matcher(id).matches()) {
      errors.add(field + "Id", id == null ? "missing; add the Opportunity ID to the outbound message's fields"
          : "'" + Excerpt.of(id) + "' is not a Salesforce id");
      id = null;
    }
    String isWon = text(sObject, SOBJECT_NS, "IsWon");
    String stage = text(sObject, SOBJECT_NS, "StageName");
    String ignored = null;
    if (isWon != null) {
      if (!isWon.equals("true") && !isWon.equals("false")) {
        errors.add(field + "IsWon", "'" + Excerpt.of(isWon) + "' is not true or false");
      } else if (isWon.equals("false")) {
        ignored = "IsWon is false (stage " + stage + ")";
      }
    } else if (stage != null) {
      if (!wonStages.contains(stage)) {
        ignored = "stage " + stage + " is not a won stage " + wonStages + " (baton.crm.salesforce.won-stages)";
      }
    } else {
      errors.add(field + "IsWon", "missing, and so is StageName; add Won (IsWon) to the outbound message's fields");
    }
    String accountId = text(sObject, SOBJECT_NS, "AccountId");
    if (accountId != null && !SALESFORCE_ID.matcher(accountId).matches()) {
      errors.add(field + "AccountId", "'" + Excerpt.of(accountId) + "' is not a Salesforce id");
      accountId = null;
    }
    String name = text(sObject, SOBJECT_NS, "Name");
    if (name != null && (name.length() > 255 || name.chars().anyMatch(Character::isISOControl))) {
      errors.add(field + "Name", "has " + name.length() + " characters or control characters; at most 255 on one line");
      name = null;
    }
    BigDecimal amount = amount(sObject, field, errors);
    String currency = text(sObject, SOBJECT_NS, "CurrencyIsoCode");
    if (currency != null && !DealWon.isCurrencyCode(currency)) {
      errors.add(field + "CurrencyIsoCode", "'" + Excerpt.of(currency)
          + "' is not an ISO 4217 currency code");
      currency = null;
    }
    LocalDate closeDate = null;
    String close = text(sObject, SOBJECT_NS, "CloseDate");
    if (close != null) {
      try {
        closeDate = LocalDate.parse(close);
        String outOfRange = dates.problem(closeDate);
        if (outOfRange != null) {
          errors.add(field + "CloseDate", outOfRange);
          closeDate = null;
        }
      } catch (DateTimeParseException e) {
        errors.add(field + "CloseDate", "'" + Excerpt.of(close) + "' is not a date (yyyy-MM-dd)");
      }
    }
    if (id == null || ignored != null) {
      return new Notification(notificationId, id, null, ignored);
    }
    // Without the API the message is all Baton learns: the account is the Opportunity's AccountId, named
    // after the Opportunity (the message carries no Account fields).
    String account = fromApi || accountId == null ? null : "salesforce-account-" + accountId;
    DealWon deal = new DealWon(CRM, id, account, name, amount, currency, closeDate, null, null, null, null, null,
        List.of());
    return new Notification(notificationId, id, deal, null);
  }

  private static BigDecimal amount(Element sObject, String field, FieldErrors errors) {
    String text = text(sObject, SOBJECT_NS, "Amount");
    if (text == null) {
      return null;
    }
    try {
      BigDecimal amount = new BigDecimal(text);
      if (amount.signum() >= 0 && amount.compareTo(MAX_AMOUNT) < 0) {
        return amount;
      }
    } catch (NumberFormatException notANumber) {
      // reported below
    }
    errors.add(field + "Amount", "'" + Excerpt.of(text) + "' is not an amount from 0 to less than "
        + MAX_AMOUNT.toPlainString());
    return null;
  }

  /** The text of a child element, stripped; null when absent, empty or xsi:nil. */
  static String text(Element parent, String namespace, String name) {
    Element child = child(parent, namespace, name);
    if (child == null || "true".equals(child.getAttributeNS(XSI_NS, "nil"))) {
      return null;
    }
    String text = child.getTextContent().strip();
    return text.isEmpty() ? null : text;
  }

  static Element child(Element parent, String namespace, String name) {
    List<Element> all = children(parent, namespace, name);
    return all.isEmpty() ? null : all.get(0);
  }

  static List<Element> children(Element parent, String namespace, String name) {
    List<Element> found = new ArrayList<>();
    for (Node node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
      if (node instanceof Element element && name.equals(element.getLocalName())
          && namespace.equals(element.getNamespaceURI())) {
        found.add(element);
      }
    }
    return found;
  }
}
