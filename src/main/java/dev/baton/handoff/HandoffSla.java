package dev.baton.handoff;

import dev.baton.calendar.BusinessDays;
import dev.baton.engine.WithoutAuthorization;
import dev.baton.mail.MailOutbox;
import dev.baton.mail.OutgoingMail;
import dev.baton.raci.RoleRecipients;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.task.Task;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The handoff's overall SLA (docs/domain.md#csm-standard-operating-procedure: the handover takes one to three days from the signed
 * contract): {@code handoffSlaDays} business days from the deal's close date, until the end of that
 * business day. The boundary timer of SalesToCsHandoff.bpmn fires at {@link #deadline}; on breach the
 * CS Lead is told which step is still open. Late single tasks are RACI's job (reminder and escalation).
 */
@Component("handoffSla")
public class HandoffSla {

  static final String CS_LEAD = "cs-lead";
  /** The SLA runs until this time of day of its last business day. */
  static final LocalTime END_OF_BUSINESS_DAY = LocalTime.of(18, 0);
  private static final Logger log = LoggerFactory.getLogger(HandoffSla.class);

  private final RoleRecipients recipients;
  private final MailOutbox mail;
  private final String publicBaseUrl;

  HandoffSla(RoleRecipients recipients, MailOutbox mail, @Value("${baton.public-base-url}") String publicBaseUrl) {
    this.recipients = recipients;
    this.mail = mail;
    this.publicBaseUrl = publicBaseUrl;
  }

  /** The SLA deadline ({@code ${handoffSla.deadline(execution)}}); also kept as variable handoffDeadline. */
  public Date deadline(DelegateExecution execution) {
    String close = (String) execution.getVariable(HandoffVariables.CLOSE_DATE);
    Number days = (Number) execution.getVariable(HandoffVariables.HANDOFF_SLA_DAYS);
    Date deadline = deadline(close == null ? today() : LocalDate.parse(close), days == null ? 3 : days.intValue());
    execution.setVariable(HandoffVariables.HANDOFF_DEADLINE, deadline);
    return deadline;
  }

  static Date deadline(LocalDate closeDate, int slaDays) {
    ZonedDateTime closed = closeDate.atTime(END_OF_BUSINESS_DAY).atZone(ZoneId.systemDefault());
    return Date.from(BusinessDays.add(closed, slaDays).toInstant());
  }

  /** "Notify the CS Lead of the SLA breach": mail to the account's CS Lead (else the cs-lead group). */
  public void breached(DelegateExecution execution) {
    String accountId = (String) execution.getVariable(HandoffVariables.ACCOUNT_ID);
    List<Task> open = WithoutAuthorization.call(() -> execution.getProcessEngineServices().getTaskService()
        .createTaskQuery().processInstanceId(execution.getProcessInstanceId()).list());
    List<String> openSteps = open.stream().map(t -> t.getName() + " (" + (t.getAssignee() == null
        ? "not yet claimed" : recipients.displayName(t.getAssignee())) + ")").toList();

    Map<String, Object> model = new HashMap<>();
    model.put("accountName", execution.getVariable(HandoffVariables.ACCOUNT_NAME));
    model.put("segment", execution.getVariable(HandoffVariables.SEGMENT));
    model.put("slaDays", execution.getVariable(HandoffVariables.HANDOFF_SLA_DAYS));
    model.put("closeDate", execution.getVariable(HandoffVariables.CLOSE_DATE));
    model.put("deadline", execution.getVariable(HandoffVariables.HANDOFF_DEADLINE));
    model.put("openSteps", openSteps);
    model.put("csmName", execution.getVariable(HandoffVariables.CSM_NAME));
    model.put("cockpitUrl", publicBaseUrl + "/camunda/app/cockpit/default/#/process-instance/"
        + execution.getProcessInstanceId());
    String subject = "Handoff SLA missed: " + execution.getVariable(HandoffVariables.ACCOUNT_NAME);
    List<String> to = recipients.emails(accountId, CS_LEAD);
    mail.send(new OutgoingMail("handoff-sla-breached", to, subject, model, accountId));
    execution.setVariable("handoffSlaBreached", true);
    log.warn("Handoff of account {} missed its {}-business-day SLA (deadline {}); open: {}; CS Lead told: {}",
        accountId, model.get("slaDays"), model.get("deadline"), openSteps, to);
  }

  private static LocalDate today() {
    return ClockUtil.getCurrentTime().toInstant().atZone(ZoneId.systemDefault()).toLocalDate();
  }
}
