package dev.baton.expansion;

import dev.baton.calendar.BusinessTime;
import dev.baton.engine.WithoutAuthorization;
import dev.baton.web.ApiProblem;
import dev.baton.web.Excerpt;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/reports/csqls?quarter=2026-Q4}: per raiser, the expansion opportunities (CSQLs) raised in a
 * quarter (business time zone) and how many Sales accepted, rejected or has still to qualify; read from
 * Camunda's history, so it counts finished opportunities too (docs/lifecycle.md#expansion-opportunities).
 * CS Leads and administrators only (ApiSecurityConfiguration).
 */
@RestController
class CsqlReport {

  private static final Pattern QUARTER = Pattern.compile("(20\\d\\d)-Q([1-4])");
  /** Variables per query: the IN list of process instance ids stays well below every database's limit. */
  private static final int CHUNK = 500;

  private final HistoryService history;
  private final BusinessTime time;

  CsqlReport(HistoryService history, BusinessTime time) {
    this.history = history;
    this.time = time;
  }

  /** One raiser's quarter. */
  record Raiser(String raisedBy, int raised, int accepted, int rejected, int open) {}

  record Quarter(String quarter, Instant from, Instant to, int raised, int accepted, int rejected, int open,
      List<Raiser> raisers) {}

  @GetMapping("/api/reports/csqls")
  Quarter csqls(@RequestParam(required = false) String quarter) {
    LocalDate first = firstDay(quarter);
    Instant from = time.at(first, java.time.LocalTime.MIDNIGHT).toInstant();
    Instant to = time.at(first.plusMonths(3), java.time.LocalTime.MIDNIGHT).toInstant();
    List<String> ids = WithoutAuthorization.call(() -> history.createHistoricProcessInstanceQuery()
            .processDefinitionKey(ExpansionOpportunities.PROCESS_KEY)
            .startedAfter(Date.from(from)).startedBefore(Date.from(to)).list()).stream()
        .filter(p -> p.getStartTime().toInstant().isBefore(to))
        .map(HistoricProcessInstance::getId).toList();
    Map<String, Map<String, Object>> values = new HashMap<>();
    for (int i = 0; i < ids.size(); i += CHUNK) {
      String[] chunk = ids.subList(i, Math.min(ids.size(), i + CHUNK)).toArray(String[]::new);
      for (HistoricVariableInstance v : WithoutAuthorization.call(() -> history.createHistoricVariableInstanceQuery()
          .processInstanceIdIn(chunk).variableNameIn("raisedBy", "qualification").list())) {
        values.computeIfAbsent(v.getProcessInstanceId(), k -> new HashMap<>()).put(v.getName(), v.getValue());
      }
    }
    Map<String, int[]> byRaiser = new TreeMap<>();
    for (String id : ids) {
      Map<String, Object> instance = values.getOrDefault(id, Map.of());
      Object raiser = instance.get("raisedBy");
      int[] counts = byRaiser.computeIfAbsent(raiser == null ? "(unknown)" : raiser.toString(), k -> new int[4]);
      counts[0]++;
      Object decision = instance.get("qualification");
      counts["accepted".equals(decision) ? 1 : "rejected".equals(decision) ? 2 : 3]++;
    }
    List<Raiser> raisers = new ArrayList<>();
    int[] total = new int[4];
    byRaiser.forEach((raiser, c) -> {
      raisers.add(new Raiser(raiser, c[0], c[1], c[2], c[3]));
      for (int i = 0; i < 4; i++) {
        total[i] += c[i];
      }
    });
    return new Quarter(first.getYear() + "-Q" + (first.getMonthValue() / 3 + 1), from, to, total[0], total[1], total[2],
        total[3], raisers);
  }

  private LocalDate firstDay(String quarter) {
    if (quarter == null || quarter.isBlank()) {
      YearMonth now = YearMonth.from(time.today());
      return LocalDate.of(now.getYear(), (now.getMonthValue() - 1) / 3 * 3 + 1, 1);
    }
    Matcher matcher = QUARTER.matcher(quarter.strip());
    if (!matcher.matches()) {
      throw ApiProblem.badRequest("quarter: '" + Excerpt.of(quarter) + "' is not a quarter; give it as 2026-Q4");
    }
    return LocalDate.of(Integer.parseInt(matcher.group(1)), (Integer.parseInt(matcher.group(2)) - 1) * 3 + 1, 1);
  }
}
