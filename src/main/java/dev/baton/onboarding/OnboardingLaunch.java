package dev.baton.onboarding;

import dev.baton.account.Accounts;
import dev.baton.calendar.BusinessTime;
import dev.baton.mail.MailOutbox;
import dev.baton.mail.OutgoingMail;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Launch, the customer is live (moment of truth "Launch", docs/domain.md#the-eight-moments): the onboarding satisfaction
 * survey goes to the customer (docs/domain.md#csm-standard-operating-procedure), time to value (close date to launch, in days) is
 * recorded on the account. Renewal preparation starts from the end event that follows ({@link CustomerLiveMessage}).
 */
@Component("onboardingLaunch")
public class OnboardingLaunch {

  private static final Logger log = LoggerFactory.getLogger(OnboardingLaunch.class);

  private final Accounts accounts;
  private final Onboardings onboardings;
  private final MailOutbox mail;
  private final OnboardingProperties properties;
  private final BusinessTime time;

  OnboardingLaunch(Accounts accounts, Onboardings onboardings, MailOutbox mail,
      OnboardingProperties properties, BusinessTime time) {
    this.accounts = accounts;
    this.onboardings = onboardings;
    this.mail = mail;
    this.properties = properties;
    this.time = time;
  }

  /** {@code ${onboardingLaunch.launch(execution)}}. */
  public void launch(DelegateExecution execution) {
    String accountId = (String) execution.getVariable("accountId");
    Date now = time.nowAsDate();
    LocalDate launched = time.dateOf(now);
    LocalDate closeDate = HandoffData.date(execution.getVariable("closeDate"));
    Integer timeToValueDays = closeDate == null ? null : (int) ChronoUnit.DAYS.between(closeDate, launched);

    execution.setVariable("launchedAt", now);
    execution.setVariable("timeToValueDays", timeToValueDays);
    accounts.markLive(accountId, launched, timeToValueDays);
    onboardings.end(execution.getProcessInstanceId(), "launched", timeToValueDays);
    sendSurvey(execution, accountId);

    log.info("Account {} is live: time to value {} days (target {})", accountId,
        timeToValueDays == null ? "unknown (no close date)" : timeToValueDays,
        execution.getVariable("timeToValueTargetDays"));
  }

  private void sendSurvey(DelegateExecution execution, String accountId) {
    Object to = execution.getVariable("customerContactEmail");
    if (to == null) {
      to = execution.getVariable("successPlanApproverEmail");
    }
    Map<String, Object> model = new HashMap<>();
    model.put("accountName", execution.getVariable("accountName"));
    model.put("contactName", execution.getVariable("customerContactName"));
    model.put("surveyUrl", properties.surveyUrl() == null ? null
        : properties.surveyUrl() + (properties.surveyUrl().contains("?") ? "&" : "?") + "account=" + accountId);
    mail.send(new OutgoingMail("onboarding-satisfaction-survey", to == null ? List.of() : List.of(to.toString()),
        "How was your onboarding? (" + execution.getVariable("accountName") + ")", model, accountId));
  }
}
