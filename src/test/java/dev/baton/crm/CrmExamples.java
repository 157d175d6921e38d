package dev.baton.crm;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The recorded-shape examples of docs/examples (a Salesforce outbound message, a Pipedrive webhook v2
 * event), with this test's ids, and how the two CRMs authenticate their calls (test settings).
 */
final class CrmExamples {

  static final String SALESFORCE_ORG = "00D5g000004TestAAA";
  static final String SALESFORCE_TOKEN = "test-salesforce-webhook-token";
  static final String SALESFORCE_PATH = SalesforceWebhookController.PATH + "/" + SALESFORCE_TOKEN;
  static final String PIPEDRIVE_AUTH = basic("test-pipedrive", "test-pipedrive-webhook-password");
  private static final String EXAMPLE_OPPORTUNITY = "0065g00000XyZ12AAB";
  private static final String EXAMPLE_NOTIFICATION = "04l5g00000BxQ7RAAV";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String ALPHANUMERIC = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

  private CrmExamples() {}

  /** An 18-character Salesforce id with this key prefix (006: Opportunity), unique in the shared database. */
  static String salesforceId(String prefix) {
    StringBuilder id = new StringBuilder(prefix);
    while (id.length() < 18) {
      id.append(ALPHANUMERIC.charAt(ThreadLocalRandom.current().nextInt(ALPHANUMERIC.length())));
    }
    return id.toString();
  }

  static String salesforceMessage() throws Exception {
    return Files.readString(Path.of("docs/examples/salesforce-outbound-message.xml"));
  }

  /** The example message about this Opportunity (a fresh notification id, as Salesforce gives each). */
  static String salesforceMessage(String opportunityId) throws Exception {
    return salesforceMessage().replace(EXAMPLE_OPPORTUNITY, opportunityId)
        .replace(EXAMPLE_NOTIFICATION, salesforceId("04l"));
  }

  /** The example's Notification element, to put several in one message. */
  static String notification(String opportunityId, boolean won) throws Exception {
    String message = salesforceMessage(opportunityId);
    String notification = message.substring(message.indexOf("<Notification>"),
        message.indexOf("</Notification>") + "</Notification>".length());
    return won ? notification : notification.replace("<sf:IsWon>true</sf:IsWon>", "<sf:IsWon>false</sf:IsWon>")
        .replace("Closed Won", "Closed Lost");
  }

  /** The example message with these Notification elements instead of its own. */
  static String salesforceMessageOf(String... notifications) throws Exception {
    String message = salesforceMessage();
    return message.substring(0, message.indexOf("<Notification>")) + String.join("\n", notifications)
        + message.substring(message.indexOf("</Notification>") + "</Notification>".length());
  }

  static ObjectNode pipedriveEvent(String dealId) throws Exception {
    ObjectNode event = (ObjectNode) JSON.readTree(Path.of("docs/examples/pipedrive-deal-won.json").toFile());
    ((ObjectNode) event.get("meta")).put("entity_id", dealId);
    ((ObjectNode) event.get("data")).put("id", Long.parseLong(dealId));
    return event;
  }

  static String pipedriveDealId() {
    return String.valueOf(ThreadLocalRandom.current().nextLong(1_000_000L, 900_000_000_000L));
  }

  static String basic(String user, String password) {
    return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
  }
}
