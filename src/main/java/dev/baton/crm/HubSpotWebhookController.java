package dev.baton.crm;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import dev.baton.web.ApiProblem;
import dev.baton.web.UnexpectedErrors;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.util.StringUtils;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/webhooks/hubspot}: HubSpot's webhook batch (up to 100 events). A deal moved into a
 * won stage starts its handoff; other events are accepted and ignored; each event is answered on its
 * own (created, duplicate, ignored, invalid), so one bad event does not hold back the others.
 */
@RestController
class HubSpotWebhookController {

  static final String PATH = "/api/webhooks/hubspot";
  static final int MAX_EVENTS = 100;
  private static final Logger log = LoggerFactory.getLogger(HubSpotWebhookController.class);

  private final CrmProperties properties;
  private final DealHandoff starter;

  HubSpotWebhookController(CrmProperties properties, DealHandoff starter) {
    this.properties = properties;
    this.starter = starter;
  }

  /** One event's answer; {@code index} is its position in the batch. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record EventResult(int index, JsonNode eventId, String outcome, String dealId, String businessKey,
      String processInstanceId, String reason, String problem) {}

  @PostMapping(PATH)
  ResponseEntity<Object> receive(HttpServletRequest request) {
    HubSpotSignature signature = signature();
    WebhookBody.requireJson(request);
    byte[] body = WebhookBody.read(request);
    signature.verify(request.getMethod(), body, request.getHeader(HubSpotSignature.SIGNATURE_HEADER),
        request.getHeader(HubSpotSignature.TIMESTAMP_HEADER), Instant.now());
    request.setAttribute(UnexpectedErrors.VERIFIED_CALLER, "the HubSpot webhook (valid signature)");

    JsonNode batch = WebhookBody.parse(body);
    if (!batch.isArray()) {
      throw ApiProblem.badRequest("body: expected a JSON array of HubSpot events, got " + DealWonEvent.kind(batch));
    }
    if (batch.size() > MAX_EVENTS) {
      throw ApiProblem.badRequest("body: " + batch.size() + " events in one call; HubSpot sends at most "
          + MAX_EVENTS + ", send at most " + MAX_EVENTS);
    }
    List<EventResult> results = new ArrayList<>();
    for (int i = 0; i < batch.size(); i++) {
      results.add(handle(batch.get(i), i));
    }
    Map<String, Object> answer = new LinkedHashMap<>();
    for (String outcome : List.of("created", "duplicate", "ignored", "invalid")) {
      answer.put(outcome, results.stream().filter(r -> r.outcome().equals(outcome)).count());
    }
    answer.put("events", results);
    if (!results.isEmpty() && results.stream().allMatch(r -> r.outcome().equals("invalid"))) {
      // Nothing usable: a caller's mistake, named field by field (each problem reads "[index].field: message").
      throw ApiProblem.invalid(results.stream().map(r -> ApiProblem.Field.of(r.problem())).toList(), answer);
    }
    return ResponseEntity.ok(answer);
  }

  private EventResult handle(JsonNode event, int index) {
    JsonNode eventId = event.isObject() ? event.get("eventId") : null;
    HubSpotEvent classified = HubSpotEvent.classify(event, index, properties.hubspot().wonStages());
    if (classified instanceof HubSpotEvent.Invalid invalid) {
      log.warn("HubSpot event {} (eventId {}) rejected: {}", index, eventId, invalid.problem());
      return new EventResult(index, eventId, "invalid", null, null, null, null, invalid.problem());
    }
    if (classified instanceof HubSpotEvent.Ignored ignored) {
      log.debug("HubSpot event {} (eventId {}) ignored: {}", index, eventId, ignored.reason());
      return new EventResult(index, eventId, "ignored", null, null, null, ignored.reason(), null);
    }
    HubSpotEvent.DealWonInStage won = (HubSpotEvent.DealWonInStage) classified;
    DealHandoff.Started started = starter.start(DealWon.named("hubspot", won.dealId()));
    return new EventResult(index, eventId, started.outcome().json(), won.dealId(), started.businessKey(),
        started.processInstanceId(), null, null);
  }

  /** 503 until the app's client secret and URL are configured: an unsigned call is never accepted. */
  private HubSpotSignature signature() {
    CrmProperties.HubSpot hubspot = properties.hubspot();
    if (!StringUtils.hasText(hubspot.clientSecret()) || !StringUtils.hasText(hubspot.webhookUrl())) {
      throw new ApiProblem(HttpStatus.SERVICE_UNAVAILABLE, "The HubSpot webhook is not configured: set "
          + (!StringUtils.hasText(hubspot.clientSecret())
              ? "HUBSPOT_CLIENT_SECRET (baton.crm.hubspot.client-secret) to the HubSpot app's client secret"
              : "HUBSPOT_WEBHOOK_URL (baton.crm.hubspot.webhook-url) to the app's webhook target URL"));
    }
    return new HubSpotSignature(hubspot.clientSecret(), hubspot.webhookUrl());
  }
}
