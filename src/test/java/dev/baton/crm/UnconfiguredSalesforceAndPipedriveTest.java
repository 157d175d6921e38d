package dev.baton.crm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.web.ApiProblem;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.http.ResponseEntity;
import org.springframework.mock.web.MockHttpServletRequest;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Without their settings the Salesforce and Pipedrive webhooks are off: 503 naming the setting, nothing started. */
class UnconfiguredSalesforceAndPipedriveTest {

  @Test
  void salesforceWithoutOrganizationIdAnswersAFault503NamingTheSetting() {
    // The starter is never reached: null proves it.
    SalesforceWebhookController controller = new SalesforceWebhookController(
        new SalesforceProperties(null, "token", List.of("Closed Won"), null, null, null, "v62.0"), null, null, null);

    ResponseEntity<String> answer = controller.receive("token", request("text/xml", "<x/>"));

    assertThat(answer.getStatusCode().value()).isEqualTo(503);
    assertThat(answer.getBody()).contains("<faultcode>soapenv:Server</faultcode>")
        .contains("SALESFORCE_ORGANIZATION_ID (baton.crm.salesforce.organization-id)");
  }

  @Test
  void salesforceWithoutTokenAnswersAFault503NamingTheSetting() {
    SalesforceWebhookController controller = new SalesforceWebhookController(
        new SalesforceProperties("00D5g000004TestAAA", " ", List.of("Closed Won"), null, null, null, "v62.0"), null, null, null);

    ResponseEntity<String> answer = controller.receive("anything", request("text/xml", "<x/>"));

    assertThat(answer.getStatusCode().value()).isEqualTo(503);
    assertThat(answer.getBody()).contains("SALESFORCE_WEBHOOK_TOKEN (baton.crm.salesforce.webhook-token)");
  }

  @Test
  void pipedriveWithoutCredentialsAnswers503NamingTheSetting() {
    PipedriveWebhookController controller = new PipedriveWebhookController(
        new PipedriveProperties("user", null, "https://api.pipedrive.com/api", null), null, null);

    assertThatThrownBy(() -> controller.receive(request("application/json", "{}")))
        .isInstanceOfSatisfying(ApiProblem.class, problem -> {
          assertThat(problem.getStatusCode().value()).isEqualTo(503);
          assertThat(problem.getBody().getDetail()).contains("PIPEDRIVE_WEBHOOK_PASSWORD (baton.crm.pipedrive.webhook-password)");
        });
  }

  private static MockHttpServletRequest request(String type, String body) {
    MockHttpServletRequest request = new MockHttpServletRequest("POST", "/api/webhooks/x");
    request.setContentType(type);
    request.setContent(body.getBytes(StandardCharsets.UTF_8));
    return request;
  }
}
