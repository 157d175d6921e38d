package dev.baton.crm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.baton.web.ApiProblem;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;

/** Without its secret a webhook is switched off: 503 naming the variable to set, never an unsigned start. */
class UnconfiguredWebhookTest {

  static final CrmProperties NOTHING_CONFIGURED = new CrmProperties(null,
      new CrmProperties.HubSpot(null, null, List.of("closedwon"), "https://api.hubapi.com", null));

  @Test
  void hubSpotWebhookWithoutClientSecretAnswers503NamingTheVariable() {
    // The starter is never reached: null proves it.
    HubSpotWebhookController controller = new HubSpotWebhookController(NOTHING_CONFIGURED, null);

    assertThatThrownBy(() -> controller.receive(request("[]"))).isInstanceOfSatisfying(ApiProblem.class, problem -> {
      assertThat(problem.getStatusCode().value()).isEqualTo(503);
      assertThat(problem.getBody().getDetail()).contains("HUBSPOT_CLIENT_SECRET (baton.crm.hubspot.client-secret)");
    });
  }

  @Test
  void hubSpotWebhookWithoutUrlAnswers503NamingTheVariable() {
    CrmProperties secretOnly = new CrmProperties(null,
        new CrmProperties.HubSpot("secret", " ", List.of("closedwon"), "https://api.hubapi.com", null));
    HubSpotWebhookController controller = new HubSpotWebhookController(secretOnly, null);

    assertThatThrownBy(() -> controller.receive(request("[]"))).isInstanceOfSatisfying(ApiProblem.class, problem -> {
      assertThat(problem.getStatusCode().value()).isEqualTo(503);
      assertThat(problem.getBody().getDetail()).contains("HUBSPOT_WEBHOOK_URL");
    });
  }

  @Test
  void crmWebhookWithoutSecretAnswers503NamingTheVariable() {
    CrmWebhookController controller = new CrmWebhookController(NOTHING_CONFIGURED, null, null);

    assertThatThrownBy(() -> controller.receive(request("{}"))).isInstanceOfSatisfying(ApiProblem.class, problem -> {
      assertThat(problem.getStatusCode().value()).isEqualTo(503);
      assertThat(problem.getBody().getDetail()).contains("CRM_WEBHOOK_SECRET (baton.crm.webhook-secret)");
    });
  }

  private static MockHttpServletRequest request(String body) {
    MockHttpServletRequest request = new MockHttpServletRequest("POST", "/api/webhooks/x");
    request.setContentType("application/json");
    request.setContent(body.getBytes(StandardCharsets.UTF_8));
    return request;
  }
}
