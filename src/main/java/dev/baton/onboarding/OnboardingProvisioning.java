package dev.baton.onboarding;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The call of the product's provisioning API (Camunda Connect's HTTP connector in the model, step
 * "Open the customer's accounts"): the request body from the deal, and the check of the answer. A non-2xx
 * answer fails the job: Camunda retries it (PT30S,PT2M,PT5M,PT15M), then it is an incident in Cockpit
 * whose Retry calls the API again.
 */
@Component("onboardingProvisioning")
public class OnboardingProvisioning {

  private static final Logger log = LoggerFactory.getLogger(OnboardingProvisioning.class);

  private final ObjectMapper json;

  OnboardingProvisioning(ObjectMapper json) {
    this.json = json;
  }

  /** The JSON body: the account, its package, the contract and the customer's admin contact. */
  public String request(DelegateExecution execution) {
    ObjectNode body = json.createObjectNode();
    for (String name : new String[] {"accountId", "accountName", "segment", "purchasedPackage", "proposedSolution",
        "contractStart", "contractEnd", "customerContactName", "customerContactEmail", "crm", "dealId"}) {
      Object value = execution.getVariable(name);
      if (value != null) {
        body.put(name, value.toString());
      }
    }
    body.put("onboardingProcessInstanceId", execution.getProcessInstanceId());
    return body.toString();
  }

  /** The connector's answer: 2xx is recorded, anything else fails the job with the status and body. */
  public String checkResponse(String accountId, Integer statusCode, String response) {
    if (statusCode == null || statusCode < 200 || statusCode > 299) {
      String body = response == null ? "" : response.length() > 500 ? response.substring(0, 500) + "..." : response;
      log.warn("Provisioning API answered {} for account {}: {}", statusCode, accountId, body);
      throw new ProcessEngineException("Provisioning API answered HTTP " + statusCode + " for account " + accountId
          + ": " + body + " (fix the cause, e.g. baton.onboarding.provisioning-url or the product side, then Retry)");
    }
    log.info("Provisioning API opened the accounts of account {} (HTTP {})", accountId, statusCode);
    return response == null || response.isBlank() ? "HTTP " + statusCode : response;
  }
}
