package dev.baton.onboarding;

import dev.baton.account.AccountRepository;
import dev.baton.customer.AskedQuestion;
import dev.baton.customer.CustomerLinks;
import dev.baton.customer.CustomerQuestion;
import dev.baton.customer.CustomerQuestion.Choice;
import dev.baton.mail.MailOutbox;
import dev.baton.mail.OutgoingMail;
import dev.baton.raci.RoleRecipients;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The customer's key person confirms the success plan (docs/domain.md#success-plan: the plan only counts
 * once that person has agreed to it) through signed one-click links in a mail: confirm, or request
 * changes with a comment. The answer comes back as message {@value #MESSAGE}.
 */
@Component("successPlanConfirmation")
public class SuccessPlanConfirmation {

  public static final String MESSAGE = "SuccessPlanAnswered";
  public static final String CONFIRM = "confirm";
  public static final String REQUEST_CHANGES = "request-changes";
  private static final Logger log = LoggerFactory.getLogger(SuccessPlanConfirmation.class);
  private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("d MMM yyyy");

  private final CustomerLinks links;
  private final MailOutbox mail;
  private final RoleRecipients recipients;
  private final AccountRepository accounts;
  private final Onboardings onboardings;
  private final OnboardingProperties properties;

  SuccessPlanConfirmation(CustomerLinks links, MailOutbox mail, RoleRecipients recipients, AccountRepository accounts,
      Onboardings onboardings, OnboardingProperties properties) {
    this.links = links;
    this.mail = mail;
    this.recipients = recipients;
    this.accounts = accounts;
    this.onboardings = onboardings;
    this.properties = properties;
  }

  /** Mails the plan with its links to the key person: {@code ${successPlanConfirmation.ask(execution)}}. */
  public void ask(DelegateExecution execution) {
    String accountId = (String) execution.getVariable("accountId");
    String email = text(execution.getVariable("successPlanApproverEmail"));
    if (email == null || !email.matches("[^@\\s]+@[^@\\s]+\\.[^@\\s]+")) {
      throw new ProcessEngineException("successPlanApproverEmail: '" + email + "' is not an e-mail address; enter the "
          + "e-mail of the customer's key person who confirms the success plan");
    }
    String accountName = (String) execution.getVariable("accountName");
    AskedQuestion question = links.ask(execution, new CustomerQuestion(MESSAGE,
        "Your success plan with us",
        "Is this the plan we agreed at the kickoff? Confirm it, or tell us what should change.",
        List.of(new Choice(CONFIRM, "Confirm the success plan"), new Choice(REQUEST_CHANGES, "Request changes")),
        true, properties.confirmationLinkValidFor()));
    var validUntil = ClockUtil.getCurrentTime().toInstant().plus(properties.confirmationLinkValidFor())
        .atZone(ZoneId.systemDefault());
    Map<String, Object> model = new HashMap<>();
    model.put("accountName", accountName);
    model.put("approverName", text(execution.getVariable("successPlanApproverName")));
    model.put("csmName", csmName(accountId));
    model.put("summary", execution.getVariable("successPlanSummary"));
    model.put("version", execution.getVariable("successPlanVersion"));
    model.put("confirmUrl", question.link(CONFIRM));
    model.put("changesUrl", question.link(REQUEST_CHANGES));
    model.put("validUntil", DAY.format(validUntil));
    mail.send(new OutgoingMail("onboarding-success-plan", List.of(email),
        "Please confirm your success plan (" + accountName + ")", model, accountId).withLinksTo(question.id()));
    execution.setVariable("successPlanAskedAt", ClockUtil.getCurrentTime());
    log.info("Success plan v{} of account {} sent to {} for confirmation", execution.getVariable("successPlanVersion"),
        accountId, email);
  }

  /** No answer yet: the CSM hears of it, the process keeps waiting. */
  public void remind(DelegateExecution execution) {
    String accountId = (String) execution.getVariable("accountId");
    Map<String, Object> model = new HashMap<>();
    model.put("accountName", execution.getVariable("accountName"));
    model.put("approverName", text(execution.getVariable("successPlanApproverName")));
    model.put("approverEmail", execution.getVariable("successPlanApproverEmail"));
    model.put("days", properties.confirmationReminderAfter().toDays());
    model.put("summary", execution.getVariable("successPlanSummary"));
    mail.send(new OutgoingMail("onboarding-confirmation-reminder", recipients.emails(accountId, "csm"),
        "No answer yet to the success plan of " + execution.getVariable("accountName"), model, accountId));
    log.info("Account {} has not answered the success plan in {}: CSM reminded", accountId,
        properties.confirmationReminderAfter());
  }

  /** The customer confirmed: the plan is agreed. */
  public void confirmed(DelegateExecution execution) {
    execution.setVariable("successPlanStatus", "confirmed");
    execution.setVariable("successPlanConfirmedAt", execution.getVariable("customerAnsweredAt"));
    onboardings.successPlanStatus(execution.getProcessInstanceId(), "confirmed");
    accounts.setLifecycle((String) execution.getVariable("accountId"), "successPlan", "confirmed");
    log.info("Account {} confirmed its success plan v{}", execution.getVariable("accountId"),
        execution.getVariable("successPlanVersion"));
  }

  /** The customer asked for changes: the CSM revises the plan with the customer's comment. */
  public void changesRequested(DelegateExecution execution) {
    String comment = text(execution.getVariable("customerComment"));
    execution.setVariable("successPlanStatus", "changes-requested");
    execution.setVariable("customerChangeRequest", comment == null ? "(no comment given)" : comment);
    onboardings.successPlanStatus(execution.getProcessInstanceId(), "changes-requested");
    log.info("Account {} asked for changes to its success plan v{}: {}", execution.getVariable("accountId"),
        execution.getVariable("successPlanVersion"), comment);
  }

  private String csmName(String accountId) {
    return accounts.teamMember(accountId, "csm").map(recipients::displayName).orElse("your Customer Success Manager");
  }

  private static String text(Object value) {
    return value == null || value.toString().isBlank() ? null : value.toString().trim();
  }
}
