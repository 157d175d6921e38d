package dev.baton.onboarding;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.baton.account.Accounts;
import dev.baton.calendar.BusinessTime;
import dev.baton.customer.AskedQuestion;
import dev.baton.customer.CustomerLinks;
import dev.baton.customer.CustomerQuestion;
import dev.baton.customer.CustomerQuestion.Choice;
import dev.baton.mail.EmailAddress;
import dev.baton.mail.MailOutbox;
import dev.baton.mail.OutgoingMail;
import dev.baton.raci.InformedRoles;
import dev.baton.raci.RoleRecipients;
import dev.baton.successplan.SuccessPlanVersions;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.delegate.DelegateExecution;
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

  private final CustomerLinks links;
  private final MailOutbox mail;
  private final RoleRecipients recipients;
  private final InformedRoles informed;
  private final Accounts accounts;
  private final Onboardings onboardings;
  private final OnboardingProperties properties;
  private final BusinessTime time;
  private final SuccessPlanVersions versions;
  private final ObjectMapper json;

  SuccessPlanConfirmation(CustomerLinks links, MailOutbox mail, RoleRecipients recipients, InformedRoles informed, Accounts accounts,
      Onboardings onboardings, OnboardingProperties properties, BusinessTime time, SuccessPlanVersions versions,
      ObjectMapper json) {
    this.links = links;
    this.mail = mail;
    this.recipients = recipients;
    this.informed = informed;
    this.accounts = accounts;
    this.onboardings = onboardings;
    this.properties = properties;
    this.time = time;
    this.versions = versions;
    this.json = json;
  }

  /** Mails the plan with its links to the key person: {@code ${successPlanConfirmation.ask(execution)}}. */
  public void ask(DelegateExecution execution) {
    String accountId = (String) execution.getVariable("accountId");
    String email = text(execution.getVariable("successPlanApproverEmail"));
    if (email == null || !EmailAddress.valid(email)) {
      throw new ProcessEngineException("successPlanApproverEmail: '" + email + "' is not an e-mail address; enter the "
          + "e-mail of the customer's key person who confirms the success plan");
    }
    String accountName = (String) execution.getVariable("accountName");
    AskedQuestion question = links.ask(execution, new CustomerQuestion(MESSAGE,
        "Your success plan with us",
        selfServe(execution) ? "Is this the plan for what you want to achieve? Confirm it, or tell us what should change."
            : "Is this the plan we agreed at the kickoff? Confirm it, or tell us what should change.",
        List.of(new Choice(CONFIRM, "Confirm the success plan"), new Choice(REQUEST_CHANGES, "Request changes")),
        true, properties.confirmationLinkValidFor()));
    var validUntil = time.now().plus(properties.confirmationLinkValidFor()).atZone(time.zone());
    Map<String, Object> model = new HashMap<>();
    model.put("accountName", accountName);
    model.put("approverName", text(execution.getVariable("successPlanApproverName")));
    model.put("csmName", csmName(accountId));
    model.put("summary", execution.getVariable("successPlanSummary"));
    model.put("version", execution.getVariable("successPlanVersion"));
    model.put("confirmUrl", question.link(CONFIRM));
    model.put("changesUrl", question.link(REQUEST_CHANGES));
    model.put("validUntil", validUntil);
    model.put("selfServe", selfServe(execution));
    mail.send(new OutgoingMail("onboarding-success-plan", List.of(email),
        "Please confirm your success plan (" + accountName + ")", model, accountId).withLinksTo(question.id()));
    execution.setVariable("successPlanAskedAt", time.nowAsDate());
    // Who answers: the key person, by link, unless the CSM records an answer taken by call.
    execution.setVariable("customerAnsweredBy", approver(execution));
    execution.setVariable("customerAnsweredVia", "link");
    log.info("Success plan v{} of account {} sent to {} for confirmation", execution.getVariable("successPlanVersion"),
        accountId, email);
  }

  /** No answer yet: the CSM hears of it and gets the task to confirm the plan by call; the links keep working. */
  public void remind(DelegateExecution execution) {
    String accountId = (String) execution.getVariable("accountId");
    Map<String, Object> model = new HashMap<>();
    model.put("accountName", execution.getVariable("accountName"));
    model.put("approverName", text(execution.getVariable("successPlanApproverName")));
    model.put("approverEmail", execution.getVariable("successPlanApproverEmail"));
    model.put("days", properties.confirmationReminderAfter().toDays());
    model.put("linksExpire", time.now()
        .plus(properties.confirmationLinkValidFor().minus(properties.confirmationReminderAfter())));
    model.put("summary", execution.getVariable("successPlanSummary"));
    mail.send(new OutgoingMail("onboarding-confirmation-reminder", informed.emails(execution, accountId),
        "No answer yet to the success plan of " + execution.getVariable("accountName"), model, accountId));
    log.info("Account {} has not answered the success plan in {}: CSM reminded", accountId,
        properties.confirmationReminderAfter());
  }

  /**
   * The CSM reached the key person by call ({@code Task_ConfirmPlanByCall}): the outcome counts as the
   * customer's answer. Confirmed needs who confirmed and the day; changes need what should change. The
   * customer's links stop working, so a later click cannot answer for a plan the call already settled.
   */
  public void answeredByCall(DelegateExecution execution) {
    String outcome = text(execution.getVariable("callOutcome"));
    String by = text(execution.getVariable("confirmedBy"));
    String on = text(execution.getVariable("confirmedOn"));
    String notes = text(execution.getVariable("callNotes"));
    List<String> problems = new java.util.ArrayList<>();
    LocalDate day = null;
    if (!CONFIRM.equals(outcome) && !REQUEST_CHANGES.equals(outcome)) {
      problems.add("callOutcome: choose whether the customer confirmed the plan or asked for changes");
    } else if (CONFIRM.equals(outcome)) {
      if (by == null) {
        problems.add("confirmedBy: is missing; give the name of the customer's person who confirmed the plan");
      }
      if (on == null) {
        problems.add("confirmedOn: is missing; give the day they confirmed it");
      } else {
        try {
          day = LocalDate.parse(on.length() > 10 ? on.substring(0, 10) : on);
          if (day.isAfter(today())) {
            problems.add("confirmedOn: " + on + " is in the future; give the day they confirmed it");
          }
        } catch (DateTimeParseException e) {
          problems.add("confirmedOn: '" + on + "' is not a date; give it as yyyy-MM-dd");
        }
      }
    } else if (notes == null) {
      problems.add("callNotes: is missing; write down what the customer wants changed");
    }
    if (!problems.isEmpty()) {
      throw new ProcessEngineException("The outcome of the call is incomplete: " + String.join("; ", problems));
    }
    boolean confirmed = CONFIRM.equals(outcome);
    execution.setVariable("customerAnswer", outcome);
    execution.setVariable("customerComment", notes);
    execution.setVariable("customerAnsweredAt", confirmed
        ? time.startOf(day) : time.nowAsDate());
    execution.setVariable("customerAnsweredBy", confirmed ? by : approver(execution));
    execution.setVariable("customerAnsweredVia", "call");
    links.withdraw(execution.getProcessInstanceId(), MESSAGE);
    log.info("Account {}: the CSM recorded by call that the customer {} the success plan v{}",
        execution.getVariable("accountId"), confirmed ? "confirmed" : "asked for changes to",
        execution.getVariable("successPlanVersion"));
  }

  /** The customer confirmed (by link or by call): the plan is agreed; who confirmed it, when and how is kept. */
  public void confirmed(DelegateExecution execution) {
    execution.setVariable("successPlanStatus", "confirmed");
    execution.setVariable("successPlanConfirmedAt", execution.getVariable("customerAnsweredAt"));
    execution.setVariable("successPlanConfirmedBy", execution.getVariable("customerAnsweredBy"));
    execution.setVariable("successPlanConfirmedVia", execution.getVariable("customerAnsweredVia"));
    onboardings.successPlanStatus(execution.getProcessInstanceId(), "confirmed");
    accounts.markSuccessPlanConfirmed((String) execution.getVariable("accountId"));
    recordVersion(execution);
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

  /** The agreed plan becomes the first version of the living success plan (docs/lifecycle.md). */
  private void recordVersion(DelegateExecution execution) {
    String accountId = (String) execution.getVariable("accountId");
    String plan = onboardings.successPlan(execution.getProcessInstanceId()).orElse(null);
    if (plan == null) {
      return;
    }
    try {
      Object by = execution.getVariable("successPlanConfirmedBy");
      versions.record(accountId, json.readTree(plan), SuccessPlanVersions.ONBOARDING,
          by == null ? null : "confirmed by " + by);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("The success plan of account " + accountId + " is not JSON", e);
    }
  }

  /** Drafted from the handoff (the digital motion): no kickoff to thank the customer for. */
  private static boolean selfServe(DelegateExecution execution) {
    return SelfServeSuccessPlan.FROM_HANDOFF.equals(execution.getVariable("successPlanDraftedFrom"));
  }

  private static String approver(DelegateExecution execution) {
    String name = text(execution.getVariable("successPlanApproverName"));
    String email = text(execution.getVariable("successPlanApproverEmail"));
    return name == null ? email : email == null ? name : name + " <" + email + ">";
  }

  private LocalDate today() {
    return time.today();
  }

  private String csmName(String accountId) {
    return accounts.teamMember(accountId, "csm").flatMap(recipients::personName)
        .orElse("your Customer Success Manager");
  }

  private static String text(Object value) {
    return value == null || value.toString().isBlank() ? null : value.toString().trim();
  }
}
