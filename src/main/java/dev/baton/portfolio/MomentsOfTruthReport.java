package dev.baton.portfolio;

import dev.baton.account.Account;
import dev.baton.calendar.BusinessTime;
import dev.baton.portfolio.CamundaTablesSql.Reached;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import org.springframework.stereotype.Component;

/**
 * The moments-of-truth report (docs/portfolio.md): for each {@link MomentOfTruth}, how often it was reached in
 * the period (its step ended then) on time and late, and the median time, overall, by CSM and by segment of the
 * account. Read from Camunda's history tables as narrow rows, one query per moment, each row with its account
 * ({@link CamundaTablesSql}); then only the accounts that reached a moment. Only the accounts the viewer sees
 * are counted.
 */
@Component
class MomentsOfTruthReport {

  private final CamundaTablesSql history;
  private final BookOfBusiness book;
  private final BusinessTime time;

  MomentsOfTruthReport(CamundaTablesSql history, BookOfBusiness book, BusinessTime time) {
    this.history = history;
    this.book = book;
    this.time = time;
  }

  record Group(String key, long onTime, long late, Double medianHours) {}

  record Moment(String id, String name, String process, String onTimeRule, long onTime, long late,
      Double medianHours, List<Group> byCsm, List<Group> bySegment) {}

  record Report(LocalDate from, LocalDate to, List<Moment> momentsOfTruth) {}

  Report of(Viewer viewer, LocalDate from, LocalDate to) {
    Date start = time.startOf(from);
    Date end = time.startOf(to.plusDays(1));
    Map<MomentOfTruth, List<Reached>> reached = new LinkedHashMap<>();
    Set<String> accountIds = new HashSet<>();
    for (MomentOfTruth moment : MomentOfTruth.ALL) {
      List<Reached> found = reached(moment, start, end);
      reached.put(moment, found);
      found.forEach(r -> accountIds.add(r.accountId()));
    }
    accountIds.remove(null);
    // Only the accounts that reached a moment are read, not every account the viewer sees.
    Map<String, Account> visible = new HashMap<>();
    book.visibleAccounts(viewer, accountIds).forEach(account -> visible.put(account.accountId(), account));
    List<Moment> moments = new ArrayList<>();
    reached.forEach((moment, found) -> {
      List<Reached> seen = found.stream().filter(r -> r.accountId() != null && visible.containsKey(r.accountId()))
          .toList();
      Function<Reached, Account> account = r -> visible.get(r.accountId());
      Group all = group("all", seen);
      moments.add(new Moment(moment.id(), moment.name(), moment.processKey(), rule(moment), all.onTime(),
          all.late(), all.medianHours(), groups(seen, r -> orNone(account.apply(r).team().get("csm"))),
          groups(seen, r -> orNone(account.apply(r).segment()))));
    });
    return new Report(from, to, moments);
  }

  private List<Reached> reached(MomentOfTruth moment, Date start, Date end) {
    return switch (moment.rule()) {
      case DUE_DATE -> history.stepsDoneByDueDate(moment.processKey(), moment.activityIds(), start, end);
      case BEFORE_EVENT -> history.stepsDoneBeforeEvent(moment.processKey(), moment.activityIds(),
          moment.lateEventId(), start, end);
      case ANSWERED_BEFORE_TIMER -> history.waitsEnded(moment.processKey(), moment.activityIds(), start, end);
    };
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
}
