package dev.baton.champion;

import dev.baton.account.Accounts;
import dev.baton.calendar.BusinessTime;
import dev.baton.customer.AskedQuestion;
import dev.baton.customer.CustomerLinks;
import dev.baton.customer.CustomerQuestion;
import dev.baton.customer.CustomerQuestion.Choice;
import dev.baton.engine.WithoutAuthorization;
import dev.baton.health.HealthSignal;
import dev.baton.health.HealthSignals;
import dev.baton.mail.MailOutbox;
import dev.baton.mail.OutgoingMail;
import dev.baton.onboarding.CurrentSuccessPlan;
import dev.baton.raci.InformedRoles;
import dev.baton.raci.RoleRecipients;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.task.Task;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The steps of NewChampion.bpmn (docs/lifecycle.md#a-new-champion-or-executive): hold the account's sentiment
 * at yellow until the CSM has met the new key person, give the CSM's own sentiment back once they have, send
 * the success plan to the newcomer to confirm by signed customer links (as onboarding does), and tell the CSM
 * when the newcomer asks for changes or does not answer.
 */
@Component("newChampions")
public class NewChampions {

  static final String ANSWERED = "NewChampionPlanAnswered";
  static final String CONFIRM = "confirm";
  static final String REQUEST_CHANGES = "request-changes";
  static final String HELD_COMMENT = "New champion not met yet";
  private static final Logger log = LoggerFactory.getLogger(NewChampions.class);

  private final HealthSignals health;
  private final CurrentSuccessPlan plans;
  private final CustomerLinks links;
  private final MailOutbox mail;
  private final InformedRoles informed;
  private final RoleRecipients recipients;
  private final Accounts accounts;
  private final RuntimeService runtime;
  private final TaskService tasks;
  private final ChampionProperties properties;
  private final BusinessTime time;

  NewChampions(HealthSignals health, CurrentSuccessPlan plans, CustomerLinks links, MailOutbox mail,
      InformedRoles informed, RoleRecipients recipients, Accounts accounts, RuntimeService runtime, TaskService tasks,
      ChampionProperties properties, BusinessTime time) {
    this.health = health;
    this.plans = plans;
    this.links = links;
    this.mail = mail;
    this.informed = informed;
    this.recipients = recipients;
    this.accounts = accounts;
    this.runtime = runtime;
    this.tasks = tasks;
    this.properties = properties;
    this.time = time;
  }

  /**
   * "Hold the sentiment at yellow": a green sentiment becomes yellow until the meeting (a yellow or red one
   * already says enough). Held once per instance; {@code sentimentBefore} keeps the CSM's own call.
   */
  public void holdSentiment(DelegateExecution execution) {
    String accountId = (String) execution.getVariable("accountId");
    if (Boolean.TRUE.equals(execution.getVariable("sentimentHeld"))) {
      return;
    }
    String sentiment = health.currentSentiment(accountId).orElse(null);
    if (!"green".equals(sentiment)) {
      log.info("Account {}: sentiment is {}, nothing to hold until the new {} is met", accountId, sentiment,
          execution.getVariable("keyContactRole"));
      return;
    }
    health.record(accountId, List.of(sentiment("yellow", HELD_COMMENT + ": " + execution.getVariable("keyContactName"))));
    execution.setVariable("sentimentHeld", true);
    execution.setVariable("sentimentBefore", sentiment);
  }

  /** Shows the success plan on file in the meeting's form, for the CSM to walk through and correct. */
  public void showSuccessPlan(DelegateExecution execution) {
    if (execution.getVariable("successPlanSummary") == null) {
      execution.setVariable("successPlanSummary",
          plans.summary((String) execution.getVariable("accountId")).orElse(""));
    }
  }

  /**
   * "Give the CSM's sentiment back": the held yellow becomes the sentiment from before, unless the CSM has
   * changed it since (their newer call stands), or another new key person of the account is still to be met
   * (that process holds it from now on).
   */
  public void releaseSentiment(DelegateExecution execution) {
    if (!Boolean.TRUE.equals(execution.getVariable("sentimentHeld"))) {
      return;
    }
    String accountId = (String) execution.getVariable("accountId");
    String before = (String) execution.getVariable("sentimentBefore");
    execution.setVariable("sentimentHeld", false);
    List<Task> otherMeetings = WithoutAuthorization.call(() -> tasks.createTaskQuery()
        .processDefinitionKey(ChampionStart.PROCESS_KEY).processInstanceBusinessKey(accountId)
        .taskDefinitionKey("Task_MeetNewChampion").list()).stream()
        .filter(t -> !t.getProcessInstanceId().equals(execution.getProcessInstanceId())).toList();
    if (!otherMeetings.isEmpty()) {
      String other = otherMeetings.get(0).getProcessInstanceId();
      WithoutAuthorization.run(() -> runtime.setVariables(other, Map.of("sentimentHeld", true, "sentimentBefore", before)));
      log.info("Account {}: another new key person is still to be met; process {} holds the sentiment", accountId, other);
      return;
    }
    if (!"yellow".equals(health.currentSentiment(accountId).orElse(null))) {
      log.info("Account {}: the CSM changed the sentiment meanwhile; their call stands", accountId);
      return;
    }
    health.record(accountId, List.of(sentiment(before, "New " + execution.getVariable("keyContactRole") + " met: "
        + execution.getVariable("keyContactName"))));
  }

  /** "Send the success plan for confirmation": the plan walked through, to the new key person, with links. */
  public void askToConfirm(DelegateExecution execution) {
    String accountId = (String) execution.getVariable("accountId");
    String summary = text(execution.getVariable("successPlanSummary"));
    if (summary == null) {
      throw new ProcessEngineException("successPlanSummary: is empty; write the success plan you walked "
          + execution.getVariable("keyContactName") + " through, so they can confirm it");
    }
    String accountName = (String) execution.getVariable("accountName");
    AskedQuestion question = links.ask(execution, new CustomerQuestion(ANSWERED, "Your success plan with us",
        "Is this the plan we walked through together? Confirm it, or tell us what should change.",
        List.of(new Choice(CONFIRM, "Confirm the success plan"), new Choice(REQUEST_CHANGES, "Request changes")),
        true, answerValidFor()));
    Map<String, Object> model = new HashMap<>();
    model.put("accountName", accountName);
    model.put("contactName", execution.getVariable("keyContactName"));
    // Customers read people's names, never login ids.
    model.put("csmName", accounts.teamMember(accountId, "csm").flatMap(recipients::personName)
        .orElse("your Customer Success Manager"));
    model.put("summary", summary);
    model.put("confirmUrl", question.link(CONFIRM));
    model.put("changesUrl", question.link(REQUEST_CHANGES));
    model.put("validUntil", time.now().plus(answerValidFor()));
    mail.send(new OutgoingMail("champion-success-plan", List.of((String) execution.getVariable("keyContactEmail")),
        "Please confirm your success plan (" + accountName + ")", model, accountId).withLinksTo(question.id()));
    log.info("Account {}: success plan sent to the new {} {} for confirmation", accountId,
        execution.getVariable("keyContactRole"), execution.getVariable("keyContactEmail"));
  }

  /** The timer of "No answer": as long as the links work. */
  public String answerWait() {
    return answerValidFor().toString();
  }

  /** "Tell the CSM": the newcomer asked for changes, or did not answer in time (raci.informed of the step). */
  public void tellCsm(DelegateExecution execution) {
    String accountId = (String) execution.getVariable("accountId");
    boolean answered = execution.getVariable("customerAnswer") != null;
    Map<String, Object> model = new HashMap<>();
    model.put("accountName", execution.getVariable("accountName"));
    model.put("accountId", accountId);
    model.put("contactName", execution.getVariable("keyContactName"));
    model.put("contactEmail", execution.getVariable("keyContactEmail"));
    model.put("contactRole", execution.getVariable("keyContactRole"));
    model.put("answered", answered);
    model.put("comment", execution.getVariable("customerComment"));
    model.put("answerDays", properties.answerDays());
    mail.send(new OutgoingMail("champion-csm-update", informed.emails(execution, accountId),
        (answered ? "Changes requested to the success plan: " : "No answer to the success plan: ")
            + execution.getVariable("accountName"), model, accountId));
  }

  /** The newer key person replaces the one the instance waited for: links sent to the earlier one stop working. */
  public void takeNewerContact(DelegateExecution execution) {
    links.withdraw(execution.getProcessInstanceId(), ANSWERED);
    execution.removeVariable("customerAnswer");
    execution.removeVariable("customerComment");
    log.info("Account {}: process {} now welcomes {}", execution.getVariable("accountId"),
        execution.getProcessInstanceId(), execution.getVariable("keyContactEmail"));
  }

  private Duration answerValidFor() {
    return Duration.ofDays(properties.answerDays());
  }

  private HealthSignal sentiment(String band, String comment) {
    return new HealthSignal(time.now().atOffset(ZoneOffset.UTC), null, null, null, null, null, null, null, null, null,
        null, band, comment.length() > 2000 ? comment.substring(0, 2000) : comment, null);
  }

  private static String text(Object value) {
    return value == null || value.toString().isBlank() ? null : value.toString().trim();
  }
}
