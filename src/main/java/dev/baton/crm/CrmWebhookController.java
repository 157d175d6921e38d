package dev.baton.crm;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.baton.calendar.AcceptedDates;
import dev.baton.web.ApiProblem;
import dev.baton.web.UnexpectedErrors;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Instant;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.util.StringUtils;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/webhooks/crm}: the generic, Baton-signed "deal won" event for any CRM (Salesforce
 * Flow, Pipedrive automation, a script). See docs/webhooks.md for the schema and how to sign it.
 */
@RestController
class CrmWebhookController {

  static final String PATH = "/api/webhooks/crm";

  private final CrmProperties properties;
  private final DealHandoff starter;
  private final AcceptedDates dates;

  CrmWebhookController(CrmProperties properties, DealHandoff starter, AcceptedDates dates) {
    this.properties = properties;
    this.starter = starter;
    this.dates = dates;
  }

  @JsonInclude(JsonInclude.Include.NON_NULL)
  record Answer(String outcome, String businessKey, String processInstanceId) {}

  @PostMapping(PATH)
  ResponseEntity<Answer> receive(HttpServletRequest request) {
    if (!StringUtils.hasText(properties.webhookSecret())) {
      throw new ApiProblem(HttpStatus.SERVICE_UNAVAILABLE, "The CRM webhook is not configured: set "
          + "CRM_WEBHOOK_SECRET (baton.crm.webhook-secret) to the secret the CRM signs with");
    }
    WebhookBody.requireJson(request);
    byte[] body = WebhookBody.read(request);
    new BatonSignature(properties.webhookSecret())
        .verify(request.getHeader(BatonSignature.HEADER), body, Instant.now());
    request.setAttribute(UnexpectedErrors.VERIFIED_CALLER, "the CRM webhook (valid signature)");
    DealWon deal = DealWonEvent.read(WebhookBody.parse(body), dates);
    DealHandoff.Started started = starter.start(deal);
    return ResponseEntity.status(started.created() ? HttpStatus.CREATED : HttpStatus.OK)
        .body(new Answer(started.outcome().json(), started.businessKey(), started.processInstanceId()));
  }
}
