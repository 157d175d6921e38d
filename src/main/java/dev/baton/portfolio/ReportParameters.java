package dev.baton.portfolio;

import dev.baton.web.ApiProblem;
import dev.baton.web.Excerpt;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The parameters of a report: only the named ones, each at most once, dates as ISO dates; every mistake is a
 * 400 naming the parameter (as for GET /api/accounts).
 */
final class ReportParameters {

  /** The longest period one report reads: history grows with it. */
  static final int MAX_PERIOD_DAYS = 3 * 366;

  private ReportParameters() {}

  static void onlyThese(Map<String, String[]> parameters, Set<String> known) {
    Set<String> unknown = new TreeSet<>(parameters.keySet());
    unknown.removeAll(known);
    if (!unknown.isEmpty()) {
      throw ApiProblem.badRequest(Excerpt.of(unknown.iterator().next()) + ": unknown parameter; use "
          + (known.isEmpty() ? "none" : new TreeSet<>(known).toString()));
    }
    parameters.forEach((name, values) -> {
      if (values.length > 1) {
        throw ApiProblem.badRequest(name + ": give it once");
      }
    });
  }

  static LocalDate date(Map<String, String[]> parameters, String name, LocalDate fallback) {
    String[] values = parameters.get(name);
    if (values == null || values[0].isBlank()) {
      return fallback;
    }
    String value = values[0].strip();
    try {
      if (value.length() <= 10) {
        return LocalDate.parse(value);
      }
    } catch (DateTimeParseException notADate) {
      // answered below
    }
    throw ApiProblem.badRequest(name + ": '" + Excerpt.of(value) + "' is not a date; use YYYY-MM-DD");
  }

  /** The period from..to (both included), checked: from not after to, at most MAX_PERIOD_DAYS long. */
  static LocalDate[] period(Map<String, String[]> parameters, LocalDate today) {
    LocalDate to = date(parameters, "to", today);
    LocalDate from = date(parameters, "from", to.minusYears(1).plusDays(1));
    if (from.isAfter(to)) {
      throw ApiProblem.badRequest("from: " + from + " is after to (" + to + ")");
    }
    if (from.plusDays(MAX_PERIOD_DAYS).isBefore(to)) {
      throw ApiProblem.badRequest("from: the period may be at most " + MAX_PERIOD_DAYS + " days long");
    }
    return new LocalDate[] {from, to};
  }
}
