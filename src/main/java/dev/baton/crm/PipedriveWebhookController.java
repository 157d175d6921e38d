package dev.baton.crm;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.baton.calendar.AcceptedDates;
import dev.baton.web.ApiProblem;
import dev.baton.web.UnexpectedErrors;
import jakarta.servlet.http.HttpServletRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.util.StringUtils;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/webhooks/pipedrive}: Pipedrive's webhooks v2. A deal change that sets its status to
 * won starts the handoff ({@code pipedrive:<deal id>}); every other event is answered 200 and ignored, so
 * Pipedrive neither retries it nor disables the webhook. Pipedrive does not sign webhooks: the HTTP Basic
 * credentials entered on the webhook authenticate it.
 */
@RestController
class PipedriveWebhookController {

  static final String PATH = "/api/webhooks/pipedrive";
  private static final Logger log = LoggerFactory.getLogger(PipedriveWebhookController.class);

  private final PipedriveProperties properties;
  private final DealHandoff starter;
  private final AcceptedDates dates;

  PipedriveWebhookController(PipedriveProperties properties, DealHandoff starter, AcceptedDates dates) {
    this.properties = properties;
    this.starter = starter;
    this.dates = dates;
  }

  @JsonInclude(JsonInclude.Include.NON_NULL)
  record Answer(String outcome, String dealId, String businessKey, String processInstanceId, String reason) {}

  @PostMapping(PATH)
  ResponseEntity<Answer> receive(HttpServletRequest request) {
    requireConfigured();
    new BasicCredentials(properties.webhookUser(), properties.webhookPassword(),
        "baton.crm.pipedrive.webhook-user and webhook-password").verify(request.getHeader(HttpHeaders.AUTHORIZATION));
    request.setAttribute(UnexpectedErrors.VERIFIED_CALLER, "the Pipedrive webhook (valid credentials)");
    WebhookBody.requireJson(request);
    byte[] body = WebhookBody.read(request);
    PipedriveEvent.Classified event = PipedriveEvent.classify(WebhookBody.parse(body), properties.apiEnabled(), dates);
    if (event instanceof PipedriveEvent.Ignored ignored) {
      log.debug("Pipedrive event ignored: {}", ignored.reason());
      return ResponseEntity.ok(new Answer("ignored", null, null, null, ignored.reason()));
    }
    DealWon deal = ((PipedriveEvent.Won) event).deal();
    DealHandoff.Started started = starter.start(deal);
    return ResponseEntity.status(started.created() ? HttpStatus.CREATED : HttpStatus.OK)
        .body(new Answer(started.outcome().json(), deal.dealId(), started.businessKey(), started.processInstanceId(),
            null));
  }

  private void requireConfigured() {
    if (!StringUtils.hasText(properties.webhookUser()) || !StringUtils.hasText(properties.webhookPassword())) {
      throw new ApiProblem(HttpStatus.SERVICE_UNAVAILABLE, "The Pipedrive webhook is not configured: set "
          + (!StringUtils.hasText(properties.webhookUser())
              ? "PIPEDRIVE_WEBHOOK_USER (baton.crm.pipedrive.webhook-user)"
              : "PIPEDRIVE_WEBHOOK_PASSWORD (baton.crm.pipedrive.webhook-password)")
          + " to the HTTP Auth credentials of the Pipedrive webhook");
    }
  }
}
