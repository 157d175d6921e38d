package dev.baton.portfolio;

import dev.baton.calendar.BusinessTime;
import dev.baton.mail.MailFormats;
import dev.baton.engine.WithoutAuthorization;
import dev.baton.health.HealthHistory;
import dev.baton.mail.AccountMail;
import dev.baton.mail.MailOutbox;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.history.HistoricActivityInstance;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.history.HistoricTaskInstance;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.springframework.stereotype.Component;

/**
 * Everything Baton knows of one account, from Camunda's history (public HistoryService: processes started and
 * ended, each step with who and when and whether it was late, mails, answers and messages received) and Baton's
 * own health history.
 */
@Component
class TimelineReader {

  /** Activities that mean something came in from outside: a customer's answer, a CRM or product message. */
  private static final Set<String> RECEIVED = Set.of("intermediateMessageCatch", "receiveTask", "boundaryMessage",
      "messageStartEvent");

  private final HistoryService history;
  private final RepositoryService repository;
  private final HealthHistory health;
  private final BusinessTime time;
  private final MailFormats formats;
  private final MailOutbox mails;

  TimelineReader(HistoryService history, RepositoryService repository, HealthHistory health, BusinessTime time,
      MailFormats formats, MailOutbox mails) {
    this.formats = formats;
    this.mails = mails;
    this.time = time;
    this.history = history;
    this.repository = repository;
    this.health = health;
  }

  List<TimelineEntry> of(String accountId) {
    // Mails from the outbox; a delivery process in the history only for mails queued before the outbox existed.
    Set<String> outboxMails = new HashSet<>();
    List<TimelineEntry> entries = new ArrayList<>();
    for (AccountMail mail : mails.ofAccount(accountId)) {
      outboxMails.add(mail.id());
      if (mail.deliveryId() != null) {
        outboxMails.add(mail.deliveryId());
      }
      entries.add(mail(mail));
    }
    entries.addAll(WithoutAuthorization.call(() -> fromHistory(accountId, outboxMails)));
    health.since(accountId, Instant.EPOCH).forEach(point -> entries.add(new TimelineEntry(point.at(), "health",
        point.previousBand() == null || point.previousBand().equals(point.band())
            ? "Health " + point.band() : "Health turned " + point.band() + " (was " + point.previousBand() + ")",
        point.reason(), null, null)));
    entries.sort(Comparator.comparing(TimelineEntry::at, Comparator.nullsLast(Comparator.reverseOrder())));
    return entries;
  }

  private List<TimelineEntry> fromHistory(String accountId, Set<String> outboxMails) {
    // The account's processes: those keyed by it, and those that carry it as a variable (a handoff is keyed by
    // its deal).
    Set<String> ids = new HashSet<>();
    history.createHistoricVariableInstanceQuery().variableValueEquals(OpenWorkReader.ACCOUNT_ID, accountId).list()
        .forEach(variable -> ids.add(variable.getProcessInstanceId()));
    history.createHistoricProcessInstanceQuery().processInstanceBusinessKey(accountId).list()
        .forEach(instance -> ids.add(instance.getId()));
    List<TimelineEntry> entries = new ArrayList<>();
    if (ids.isEmpty()) {
      return entries;
    }
    List<HistoricProcessInstance> instances = history.createHistoricProcessInstanceQuery().processInstanceIds(ids).list();
    Map<String, String> subjects = subjects(instances);
    for (HistoricProcessInstance instance : instances) {
      if (MailOutbox.PROCESS_KEY.equals(instance.getProcessDefinitionKey())) {
        if (!outboxMails.contains(instance.getId())) {
          entries.add(mail(instance, subjects.get(instance.getId())));
        }
        continue;
      }
      String process = processName(instance);
      entries.add(new TimelineEntry(at(instance.getStartTime()), "process", process + " started", null,
          instance.getStartUserId(), null));
      if (instance.getEndTime() != null) {
        entries.add(new TimelineEntry(at(instance.getEndTime()), "process", process + " ended",
            instance.getDeleteReason(), null, null));
      }
      received(instance, process, entries);
      for (HistoricTaskInstance task : history.createHistoricTaskInstanceQuery().processInstanceId(instance.getId()).list()) {
        entries.add(step(task));
      }
    }
    return entries;
  }

  private TimelineEntry step(HistoricTaskInstance task) {
    Instant due = at(task.getDueDate());
    boolean done = task.getEndTime() != null;
    Instant measured = done ? at(task.getEndTime()) : time.now();
    Boolean late = due == null ? null : measured.isAfter(due);
    String title = (done ? "Done: " : "Open: ") + task.getName();
    String detail = due == null ? null : "due " + formats.dateTime(due);
    return new TimelineEntry(done ? at(task.getEndTime()) : at(task.getStartTime()), "step", title, detail,
        task.getAssignee(), late);
  }

  private static TimelineEntry mail(AccountMail mail) {
    String subject = mail.subject() == null ? "(no subject)" : mail.subject();
    return mail.sentAt() != null
        ? new TimelineEntry(mail.sentAt(), "mail", "Mail sent: " + subject, null, null, null)
        : new TimelineEntry(mail.queuedAt(), "mail", "Mail waiting: " + subject, null, null, null);
  }

  private static TimelineEntry mail(HistoricProcessInstance delivery, String subject) {
    boolean sent = delivery.getEndTime() != null && delivery.getDeleteReason() == null;
    String title = (sent ? "Mail sent: " : delivery.getEndTime() == null ? "Mail waiting: " : "Mail not sent: ")
        + (subject == null ? "(no subject)" : subject);
    return new TimelineEntry(at(sent ? delivery.getEndTime() : delivery.getStartTime()), "mail", title, null, null, null);
  }

  private void received(HistoricProcessInstance instance, String process, List<TimelineEntry> entries) {
    for (HistoricActivityInstance activity : history.createHistoricActivityInstanceQuery()
        .processInstanceId(instance.getId()).finished().list()) {
      if (RECEIVED.contains(activity.getActivityType()) && activity.getActivityName() != null) {
        entries.add(new TimelineEntry(at(activity.getEndTime()), "answer", activity.getActivityName(), process, null,
            null));
      }
    }
  }

  private Map<String, String> subjects(List<HistoricProcessInstance> instances) {
    String[] deliveries = instances.stream().filter(i -> MailOutbox.PROCESS_KEY.equals(i.getProcessDefinitionKey()))
        .map(HistoricProcessInstance::getId).toArray(String[]::new);
    Map<String, String> subjects = new HashMap<>();
    if (deliveries.length > 0) {
      for (HistoricVariableInstance variable : history.createHistoricVariableInstanceQuery()
          .processInstanceIdIn(deliveries).variableName(MailOutbox.SUBJECT_VARIABLE).list()) {
        subjects.put(variable.getProcessInstanceId(), String.valueOf(variable.getValue()));
      }
    }
    return subjects;
  }

  private String processName(HistoricProcessInstance instance) {
    String name = repository.getProcessDefinition(instance.getProcessDefinitionId()).getName();
    return name == null ? instance.getProcessDefinitionKey() : name;
  }

  private static Instant at(Date date) {
    return date == null ? null : date.toInstant();
  }
}
