package dev.baton.crm;

import dev.baton.calendar.AcceptedDates;
import dev.baton.security.Hmac;
import dev.baton.web.ApiProblem;
import dev.baton.web.UnexpectedErrors;
import jakarta.servlet.http.HttpServletRequest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.util.StringUtils;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/webhooks/salesforce/{token}}: Salesforce's outbound message (SOAP 1.1) sent by a flow or
 * workflow rule when an Opportunity is won. Salesforce resends a message until it is acknowledged (for
 * up to 24 hours, possibly twice or out of order), so {@code Ack} is true only once every won Opportunity
 * of the message has its handoff committed; a resend finds them and is acknowledged as a duplicate.
 * Every refusal is a SOAP fault (text/xml), which Salesforce shows in its outbound message queue.
 */
@RestController
class SalesforceWebhookController {

  static final String PATH = "/api/webhooks/salesforce";
  private static final Logger log = LoggerFactory.getLogger(SalesforceWebhookController.class);

  private final SalesforceProperties properties;
  private final DealHandoff starter;
  private final UnexpectedErrors errors;
  private final AcceptedDates dates;

  SalesforceWebhookController(SalesforceProperties properties, DealHandoff starter, UnexpectedErrors errors,
      AcceptedDates dates) {
    this.properties = properties;
    this.starter = starter;
    this.errors = errors;
    this.dates = dates;
  }

  @PostMapping({PATH, PATH + "/{token}"})
  ResponseEntity<String> receive(@PathVariable(required = false) String token, HttpServletRequest request) {
    try {
      return ResponseEntity.ok().contentType(MediaType.parseMediaType(SoapEnvelope.CONTENT_TYPE))
          .body(SoapEnvelope.ack(handle(token, request)));
    } catch (ApiProblem problem) {
      // Salesforce shows the fault to its admin; an unknown caller's refusals must not fill the log.
      String detail = problem.getBody().getDetail();
      log.debug("Salesforce outbound message refused ({}): {}", problem.getStatusCode().value(), detail);
      return fault(problem.getStatusCode(), true, detail);
    } catch (RuntimeException e) {
      // Not acknowledged: Salesforce sends the message again; what committed before answers duplicate then.
      errors.report(request, e);
      return fault(HttpStatus.INTERNAL_SERVER_ERROR, false,
          "Baton could not start the handoff (" + e.getClass().getSimpleName() + "); Salesforce resends the message");
    }
  }

  private List<String> handle(String token, HttpServletRequest request) {
    requireConfigured();
    requireToken(token);
    request.setAttribute(UnexpectedErrors.VERIFIED_CALLER, "the Salesforce webhook (valid token)");
    requireXml(request);
    byte[] body = WebhookBody.read(request);
    SalesforceOutboundMessage message = SalesforceOutboundMessage.read(SafeXml.parse(body),
        properties.wonStages(), properties.apiEnabled(), dates);
    requireOrganization(message.organizationId());
    List<String> outcomes = new ArrayList<>();
    for (SalesforceOutboundMessage.Notification notification : message.notifications()) {
      if (notification.deal() == null) {
        log.info("Salesforce notification {} (Opportunity {}) ignored: {}", notification.notificationId(),
            notification.opportunityId(), notification.ignoredBecause());
        outcomes.add(notification.notificationId() + " Opportunity " + notification.opportunityId() + ": ignored, "
            + notification.ignoredBecause());
        continue;
      }
      DealHandoff.Started started = starter.start(notification.deal());
      outcomes.add(notification.notificationId() + " Opportunity " + notification.opportunityId() + ": "
          + started.outcome().json() + " " + started.businessKey() + " " + started.processInstanceId());
    }
    return outcomes;
  }

  private void requireConfigured() {
    if (!StringUtils.hasText(properties.organizationId()) || !StringUtils.hasText(properties.webhookToken())) {
      throw new ApiProblem(HttpStatus.SERVICE_UNAVAILABLE, "The Salesforce webhook is not configured: set "
          + (!StringUtils.hasText(properties.organizationId())
              ? "SALESFORCE_ORGANIZATION_ID (baton.crm.salesforce.organization-id) to the org's id"
              : "SALESFORCE_WEBHOOK_TOKEN (baton.crm.salesforce.webhook-token) to the secret in the endpoint URL"));
    }
  }

  private void requireToken(String token) {
    if (token == null || token.isBlank()) {
      throw ApiProblem.unauthorized("token: missing; the endpoint URL is " + PATH + "/<token> with the secret of "
          + "baton.crm.salesforce.webhook-token");
    }
    // Digests of equal length: the comparison takes as long whatever the token's length or content.
    if (!MessageDigest.isEqual(Hmac.sha256(properties.webhookToken(), Hmac.utf8(token)),
        Hmac.sha256(properties.webhookToken(), Hmac.utf8(properties.webhookToken())))) {
      throw ApiProblem.unauthorized("token: does not match baton.crm.salesforce.webhook-token; check the outbound "
          + "message's endpoint URL");
    }
  }

  private static void requireXml(HttpServletRequest request) {
    String declared = request.getContentType();
    MediaType type;
    try {
      type = declared == null ? null : MediaType.parseMediaType(declared);
    } catch (InvalidMediaTypeException e) {
      type = null;
    }
    if (type == null || !(MediaType.TEXT_XML.equalsTypeAndSubtype(type)
        || MediaType.APPLICATION_XML.equalsTypeAndSubtype(type))) {
      throw new ApiProblem(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "Content-Type: '" + (declared == null ? "" : declared)
          + "' is not accepted; send the SOAP 1.1 message as text/xml");
    }
    if (type.getCharset() != null && !StandardCharsets.UTF_8.equals(type.getCharset())) {
      throw new ApiProblem(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "Content-Type: charset " + type.getCharset()
          + " is not accepted; send UTF-8");
    }
  }

  /** Salesforce ids compare on their first 15 characters (the 18-character form adds a case checksum). */
  private void requireOrganization(String organizationId) {
    String expected = properties.organizationId().strip();
    if (!prefix15(expected).equals(prefix15(organizationId))) {
      throw new ApiProblem(HttpStatus.FORBIDDEN, "OrganizationId: " + organizationId + " is not the org Baton "
          + "accepts (baton.crm.salesforce.organization-id)");
    }
  }

  private static String prefix15(String id) {
    return id.length() > 15 ? id.substring(0, 15) : id;
  }

  private static ResponseEntity<String> fault(HttpStatusCode status, boolean client, String message) {
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.parseMediaType(SoapEnvelope.CONTENT_TYPE));
    return ResponseEntity.status(status).headers(headers)
        .body(SoapEnvelope.fault(client && status.is4xxClientError(), message));
  }
}
