package dev.baton.onboarding;

import dev.baton.account.Accounts;
import dev.baton.mail.MailOutbox;
import dev.baton.mail.OutgoingMail;
import dev.baton.raci.InformedRoles;
import java.util.HashMap;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The time-to-value target passed before launch: the onboarding is at risk. Visible in Cockpit (process
 * variable {@code onboardingAtRisk}) and on the account ({@code lifecycle.onboardingStatus = at-risk});
 * the CS Lead hears of it by mail.
 */
@Component("onboardingRisk")
public class OnboardingRisk {

  private static final Logger log = LoggerFactory.getLogger(OnboardingRisk.class);

  private final Accounts accounts;
  private final MailOutbox mail;
  private final InformedRoles informed;
  private final String publicBaseUrl;

  OnboardingRisk(Accounts accounts, MailOutbox mail, InformedRoles informed,
      @Value("${baton.public-base-url}") String publicBaseUrl) {
    this.accounts = accounts;
    this.mail = mail;
    this.informed = informed;
    this.publicBaseUrl = publicBaseUrl;
  }

  /** {@code ${onboardingRisk.timeToValuePassed(execution)}} from the time-to-value timer. */
  public void timeToValuePassed(DelegateExecution execution) {
    String accountId = (String) execution.getVariable("accountId");
    execution.getProcessInstance().setVariable("onboardingAtRisk", true);
    accounts.markOnboardingAtRisk(accountId);
    Map<String, Object> model = new HashMap<>();
    model.put("accountName", execution.getVariable("accountName"));
    model.put("segment", execution.getVariable("segment"));
    model.put("closeDate", execution.getVariable("closeDate"));
    model.put("targetDays", execution.getVariable("timeToValueTargetDays"));
    model.put("currentStep", currentStep(execution));
    model.put("cockpitUrl", publicBaseUrl + "/camunda/app/cockpit/default/#/process-instance/"
        + execution.getProcessInstanceId());
    mail.send(new OutgoingMail("onboarding-at-risk", informed.emails(execution, accountId),
        "Onboarding at risk: " + execution.getVariable("accountName") + " is not live "
            + execution.getVariable("timeToValueTargetDays") + " days after closing", model, accountId));
    log.warn("Onboarding of account {} passed its time-to-value target of {} days: at risk, CS Lead told",
        accountId, execution.getVariable("timeToValueTargetDays"));
  }

  /** Where the onboarding stands, for the CS Lead: the names of its open activities. */
  private static String currentStep(DelegateExecution execution) {
    var engine = execution.getProcessEngineServices();
    var tasks = dev.baton.engine.WithoutAuthorization.call(() -> engine.getTaskService().createTaskQuery()
        .processInstanceId(execution.getProcessInstanceId()).list());
    if (!tasks.isEmpty()) {
      return String.join(", ", tasks.stream().map(t -> t.getName()).toList());
    }
    boolean forAdoption = dev.baton.engine.WithoutAuthorization.call(() -> engine.getRuntimeService()
        .getActiveActivityIds(execution.getProcessInstanceId()).contains("Task_WaitForAdoption"));
    return forAdoption ? "waiting for usage to show adoption (digital)" : "waiting for the customer or the provisioning";
  }
}
