package dev.baton.portfolio;

import dev.baton.account.Account;
import dev.baton.calendar.BusinessTime;
import dev.baton.engine.WithoutAuthorization;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.history.HistoricActivityInstance;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.history.HistoricTaskInstance;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.springframework.stereotype.Component;

/**
 * The moments-of-truth report (docs/portfolio.md): for each {@link MomentOfTruth}, how often it was reached in
 * the period (its step ended then) on time and late, and the median time, overall, by CSM and by segment of the
 * account. Read from Camunda's public HistoryService: the finished steps of the period, one query per moment,
 * then the account of their process instances in batches. Only the accounts the viewer sees are counted.
 */
@Component
class MomentsOfTruthReport {

  /** How many ids one IN-list query carries: well below what H2 and PostgreSQL plan well. */
  private static final int BATCH = 1000;
  private static final String COMPLETED = "completed";

  private final HistoryService history;
  private final RepositoryService repository;
  private final BookOfBusiness book;
  private final BusinessTime time;

  MomentsOfTruthReport(HistoryService history, RepositoryService repository, BookOfBusiness book, BusinessTime time) {
    this.history = history;
    this.repository = repository;
    this.book = book;
    this.time = time;
  }

  /** One moment reached: by which account, on time or late, and how long it took (ms). */
  record Reached(String processInstanceId, boolean onTime, long millis) {}

  record Group(String key, long onTime, long late, Double medianHours) {}

  record Moment(String id, String name, String process, String onTimeRule, long onTime, long late,
      Double medianHours, List<Group> byCsm, List<Group> bySegment) {}

  record Report(LocalDate from, LocalDate to, List<Moment> momentsOfTruth) {}

  Report of(Viewer viewer, LocalDate from, LocalDate to) {
    Date start = time.startOf(from);
    Date end = time.startOf(to.plusDays(1));
    return WithoutAuthorization.call(() -> {
      Map<MomentOfTruth, List<Reached>> reached = new java.util.LinkedHashMap<>();
      Set<String> instances = new HashSet<>();
      for (MomentOfTruth moment : MomentOfTruth.ALL) {
        List<Reached> found = reached(moment, start, end);
        reached.put(moment, found);
        found.forEach(r -> instances.add(r.processInstanceId()));
      }
      Map<String, String> accountOf = accountsOf(instances);
      // Only the accounts that reached a moment are read, not every account the viewer sees.
      Map<String, Account> visible = new HashMap<>();
      book.visibleAccounts(viewer, new HashSet<>(accountOf.values()))
          .forEach(account -> visible.put(account.accountId(), account));
      List<Moment> moments = new ArrayList<>();
      reached.forEach((moment, found) -> {
        List<Reached> seen = found.stream().filter(r -> visible.containsKey(accountOf.get(r.processInstanceId())))
            .toList();
        Function<Reached, Account> account = r -> visible.get(accountOf.get(r.processInstanceId()));
        Group all = group("all", seen);
        moments.add(new Moment(moment.id(), moment.name(), moment.processKey(), rule(moment), all.onTime(),
            all.late(), all.medianHours(), groups(seen, r -> orNone(account.apply(r).team().get("csm"))),
            groups(seen, r -> orNone(account.apply(r).segment()))));
      });
      return new Report(from, to, moments);
    });
  }

  private List<Reached> reached(MomentOfTruth moment, Date start, Date end) {
    return switch (moment.rule()) {
      case DUE_DATE -> history.createHistoricTaskInstanceQuery().processDefinitionKey(moment.processKey())
          .taskDefinitionKeyIn(moment.activityIds().toArray(String[]::new)).finished()
          .finishedAfter(start).finishedBefore(end).list().stream()
          .filter(task -> COMPLETED.equals(task.getDeleteReason()))
          .map(task -> new Reached(task.getProcessInstanceId(), onTime(task), millis(task.getStartTime(), task.getEndTime())))
          .toList();
      case BEFORE_EVENT -> beforeEvent(moment, start, end);
      case ANSWERED_BEFORE_TIMER -> answered(moment, start, end);
    };
  }

  private static boolean onTime(HistoricTaskInstance task) {
    return task.getDueDate() == null || !task.getEndTime().after(task.getDueDate());
  }

  /** Completed steps, late when the late event happened in their instance before them; timed from the start. */
  private List<Reached> beforeEvent(MomentOfTruth moment, Date start, Date end) {
    List<HistoricTaskInstance> tasks = history.createHistoricTaskInstanceQuery()
        .processDefinitionKey(moment.processKey()).taskDefinitionKeyIn(moment.activityIds().toArray(String[]::new))
        .finished().finishedAfter(start).finishedBefore(end).list().stream()
        .filter(task -> COMPLETED.equals(task.getDeleteReason())).toList();
    Set<String> ids = new HashSet<>();
    tasks.forEach(task -> ids.add(task.getProcessInstanceId()));
    Map<String, Date> started = new HashMap<>();
    Map<String, Date> lateSince = new HashMap<>();
    for (List<String> batch : batches(ids)) {
      history.createHistoricProcessInstanceQuery().processInstanceIds(new HashSet<>(batch)).list()
          .forEach((HistoricProcessInstance p) -> started.put(p.getId(), p.getStartTime()));
    }
    // The late event happens in few instances (the late ones), so all of them up to the period's end are read.
    history.createHistoricActivityInstanceQuery().activityId(moment.lateEventId()).startedBefore(end).list().stream()
        .filter((HistoricActivityInstance a) -> ids.contains(a.getProcessInstanceId()))
        .forEach(a -> lateSince.merge(a.getProcessInstanceId(), a.getStartTime(), (x, y) -> x.before(y) ? x : y));
    return tasks.stream().map(task -> {
      Date late = lateSince.get(task.getProcessInstanceId());
      Date from = started.getOrDefault(task.getProcessInstanceId(), task.getStartTime());
      return new Reached(task.getProcessInstanceId(), late == null || task.getEndTime().before(late),
          millis(from, task.getEndTime()));
    }).toList();
  }

  /** Waits for an answer that ended in the period: on time when the answer ended it, late when its timer did. */
  private List<Reached> answered(MomentOfTruth moment, Date start, Date end) {
    List<Reached> found = new ArrayList<>();
    for (String activityId : moment.activityIds()) {
      history.createHistoricActivityInstanceQuery().activityId(activityId).finished()
          .finishedAfter(start).finishedBefore(end).list().stream()
          .filter(a -> moment.processKey().equals(processKey(a.getProcessDefinitionId())))
          .forEach(a -> found.add(new Reached(a.getProcessInstanceId(), !a.isCanceled(),
              millis(a.getStartTime(), a.getEndTime()))));
    }
    return found;
  }

  /** The account of each process instance: its {@code accountId} variable (every Baton process carries one). */
  private Map<String, String> accountsOf(Set<String> instances) {
    Map<String, String> accountOf = new HashMap<>();
    for (List<String> batch : batches(instances)) {
      for (HistoricVariableInstance variable : history.createHistoricVariableInstanceQuery()
          .variableName(OpenWorkReader.ACCOUNT_ID).processInstanceIdIn(batch.toArray(String[]::new))
          .disableBinaryFetching().disableCustomObjectDeserialization().list()) {
        if (variable.getValue() != null && variable.getTaskId() == null) {
          accountOf.put(variable.getProcessInstanceId(), String.valueOf(variable.getValue()));
        }
      }
    }
    return accountOf;
  }

  private static List<Group> groups(List<Reached> reached, Function<Reached, String> key) {
    Map<String, List<Reached>> by = new TreeMap<>();
    reached.forEach(r -> by.computeIfAbsent(key.apply(r), k -> new ArrayList<>()).add(r));
    return by.entrySet().stream().map(e -> group(e.getKey(), e.getValue())).toList();
  }

  private static Group group(String key, List<Reached> reached) {
    long onTime = reached.stream().filter(Reached::onTime).count();
    return new Group(key, onTime, reached.size() - onTime, medianHours(reached));
  }

  static Double medianHours(Collection<Reached> reached) {
    if (reached.isEmpty()) {
      return null;
    }
    long[] sorted = reached.stream().mapToLong(Reached::millis).sorted().toArray();
    int middle = sorted.length / 2;
    double millis = sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2.0;
    return Math.round(millis / 360_000.0) / 10.0;
  }

  private static String rule(MomentOfTruth moment) {
    return switch (moment.rule()) {
      case DUE_DATE -> "completed by its due date";
      case BEFORE_EVENT -> "completed before the time-to-value target";
      case ANSWERED_BEFORE_TIMER -> "answered before the reminder timer";
    };
  }

  private static String orNone(String value) {
    return value == null ? "(none)" : value;
  }

  private static long millis(Date from, Date to) {
    return from == null || to == null ? 0 : Math.max(0, to.getTime() - from.getTime());
  }

  private String processKey(String definitionId) {
    return repository.getProcessDefinition(definitionId).getKey();
  }

  private static List<List<String>> batches(Collection<String> ids) {
    List<String> all = new ArrayList<>(ids);
    List<List<String>> batches = new ArrayList<>();
    for (int i = 0; i < all.size(); i += BATCH) {
      batches.add(all.subList(i, Math.min(i + BATCH, all.size())));
    }
    return batches;
  }

}
