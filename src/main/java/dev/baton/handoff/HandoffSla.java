package dev.baton.handoff;

import dev.baton.calendar.BusinessCalendar;
import dev.baton.calendar.BusinessCalendars;
import dev.baton.calendar.BusinessTime;
import dev.baton.engine.WithoutAuthorization;
import dev.baton.mail.MailOutbox;
import dev.baton.mail.OutgoingMail;
import dev.baton.raci.InformedRoles;
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
import org.camunda.bpm.engine.task.Task;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The handoff's overall SLA (docs/domain.md#csm-standard-operating-procedure: the handover takes one to three days from the signed
 * contract): {@code handoffSlaDays} business days from the deal's close date, until the end of that
 * business day in the business time zone ({@code baton.time-zone}). Business days are those of the team
 * serving the customer's region ({@code baton.calendar.region-holidays}, else the company's
 * {@code baton.calendar.holidays}): weekends and public holidays are not counted. The boundary timer of
 * SalesToCsHandoff.bpmn fires at {@link #deadline};
 * on breach the CS Lead is told which step is still open. Each task is due at its share of the SLA
 * ({@link #due}), so the three steps fit in it; late single tasks are RACI's job (reminder and escalation).
 */
@Component("handoffSla")
public class HandoffSla {

  /** The SLA runs until this time of day of its last business day. */
  static final LocalTime END_OF_BUSINESS_DAY = LocalTime.of(18, 0);
  private static final Logger log = LoggerFactory.getLogger(HandoffSla.class);

  private final RoleRecipients recipients;
  private final InformedRoles informed;
  private final MailOutbox mail;
  private final String publicBaseUrl;
  private final BusinessCalendars calendars;
  private final BusinessTime time;

  HandoffSla(RoleRecipients recipients, InformedRoles informed, MailOutbox mail, @Value("${baton.public-base-url}") String publicBaseUrl,
      BusinessCalendars calendars, BusinessTime time) {
    this.calendars = calendars;
    this.time = time;
    this.recipients = recipients;
    this.informed = informed;
    this.mail = mail;
    this.publicBaseUrl = publicBaseUrl;
  }

  /**
   * The SLA deadline ({@code ${handoffSla.deadline(execution)}}, evaluated as the handoff subprocess starts);
   * also kept as variable handoffDeadline, and the start of the handoff as handoffStarted.
   */
  public Date deadline(DelegateExecution execution) {
    String close = (String) execution.getVariable(HandoffVariables.CLOSE_DATE);
    Number days = (Number) execution.getVariable(HandoffVariables.HANDOFF_SLA_DAYS);
    BusinessCalendar calendar = calendar(execution);
    Date deadline = deadline(close == null ? time.today() : LocalDate.parse(close), days == null ? 3 : days.intValue(),
        calendar, time.zone());
    execution.setVariable(HandoffVariables.HANDOFF_DEADLINE, deadline);
    execution.setVariable(HandoffVariables.HANDOFF_STARTED, time.nowAsDate());
    if (execution.getVariable(HandoffVariables.TRANSITION_DATE) == null) {
      // the checklist proposes the end of the SLA as the day Customer Success takes over
      execution.setVariable(HandoffVariables.TRANSITION_DATE,
          time.dateOf(deadline).toString());
    }
    return deadline;
  }

  static Date deadline(LocalDate closeDate, int slaDays, BusinessCalendar calendar, ZoneId zone) {
    ZonedDateTime closed = closeDate.atTime(END_OF_BUSINESS_DAY).atZone(zone);
    return Date.from(calendar.addBusinessDays(closed, slaDays).toInstant());
  }

  /** The handoff's steps in order, each with its share of the SLA. */
  enum Step {
    /** Complete the handoff checklist: by a third of the SLA; sent back, by a third of what remains. */
    CHECKLIST(1.0 / 3, 1.0 / 3),
    /** Review the checklist: by two thirds of the SLA; if that has passed, by half of what remains. */
    REVIEW(2.0 / 3, 1.0 / 2),
    /** Hold the knowledge transfer: by the deadline. */
    KNOWLEDGE_TRANSFER(1, 1);

    final double ofSla;
    final double ofRemaining;

    Step(double ofSla, double ofRemaining) {
      this.ofSla = ofSla;
      this.ofRemaining = ofRemaining;
    }
  }

  /**
   * The due date of a handoff task ({@code camunda:dueDate="${handoffSla.due(execution, 'checklist')}"};
   * steps {@code checklist}, {@code review}, {@code knowledge-transfer}), measured in working time of the
   * handoff's business calendar from the start of the handoff to the SLA deadline.
   */
  public Date due(DelegateExecution execution, String step) {
    Date deadline = (Date) execution.getVariable(HandoffVariables.HANDOFF_DEADLINE);
    if (deadline == null) {
      deadline = deadline(execution);
    }
    Date started = (Date) execution.getVariable(HandoffVariables.HANDOFF_STARTED);
    Date now = time.nowAsDate();
    return due(Step.valueOf(step.toUpperCase(java.util.Locale.ROOT).replace('-', '_')),
        started == null ? now : started, deadline, now, calendar(execution), time.zone());
  }

  /**
   * The step's share of the SLA from {@code started}; if that has passed (a checklist sent back, a late
   * step before it), its share of what remains from {@code now}; never after the deadline; a deadline
   * already passed makes the step due at once (RACI escalates it). Working hours are those of {@code zone}.
   */
  static Date due(Step step, Date started, Date deadline, Date now, BusinessCalendar calendar, ZoneId zone) {
    if (!now.before(deadline)) {
      return now;
    }
    ZonedDateTime end = deadline.toInstant().atZone(zone);
    ZonedDateTime planned = calendar.shareOfWorkingTime(started.toInstant().atZone(zone), end, step.ofSla);
    if (planned.toInstant().isAfter(now.toInstant())) {
      return Date.from(planned.toInstant());
    }
    return Date.from(calendar.shareOfWorkingTime(now.toInstant().atZone(zone), end, step.ofRemaining).toInstant());
  }

  private BusinessCalendar calendar(DelegateExecution execution) {
    return calendars.forRegion((String) execution.getVariable(HandoffVariables.REGION));
  }

  /** "Tell the CS Lead the SLA was missed": mail to the step's raci.informed roles on the account (the CS Lead). */
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
    List<String> to = informed.emails(execution, accountId);
    mail.send(new OutgoingMail("handoff-sla-breached", to, subject, model, accountId));
    execution.setVariable("handoffSlaBreached", true);
    log.warn("Handoff of account {} missed its {}-business-day SLA (deadline {}); open: {}; CS Lead told: {}",
        accountId, model.get("slaDays"), model.get("deadline"), openSteps, to);
  }
}
