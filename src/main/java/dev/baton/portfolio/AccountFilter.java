package dev.baton.portfolio;

import dev.baton.web.ApiProblem;
import dev.baton.web.Excerpt;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The filters and page of {@code GET /api/accounts}, checked: every mistake is a 400 naming the parameter and
 * what it accepts. Unknown parameters are refused too, so a misspelt filter never silently shows everything.
 */
record AccountFilter(String csm, String segment, String healthBand, String stage, Integer renewalWithinDays,
    String q, int page, int size) {

  static final List<String> STAGES = List.of("handoff", "onboarding", "live", "churned");
  static final Set<String> PARAMETERS = Set.of("csm", "segment", "healthBand", "stage", "renewalWithinDays", "q",
      "page", "size");
  static final int DEFAULT_SIZE = 50;

  static AccountFilter of(Map<String, String[]> parameters, List<String> bands, int maxPageSize) {
    Set<String> unknown = new TreeSet<>(parameters.keySet());
    unknown.removeAll(PARAMETERS);
    if (!unknown.isEmpty()) {
      throw ApiProblem.badRequest(Excerpt.of(unknown.iterator().next()) + ": unknown parameter; use "
          + new TreeSet<>(PARAMETERS));
    }
    String band = single(parameters, "healthBand", 20);
    if (band != null && !bands.contains(band)) {
      throw ApiProblem.badRequest("healthBand: '" + Excerpt.of(band) + "' is not a health band; use one of " + bands);
    }
    String stage = single(parameters, "stage", 20);
    if (stage != null && !STAGES.contains(stage)) {
      throw ApiProblem.badRequest("stage: '" + Excerpt.of(stage) + "' is not a lifecycle stage; use one of " + STAGES);
    }
    return new AccountFilter(single(parameters, "csm", 100), single(parameters, "segment", 50), band, stage,
        number(parameters, "renewalWithinDays", 0, 3650, null), single(parameters, "q", 100),
        number(parameters, "page", 0, 1_000_000, 0), number(parameters, "size", 1, maxPageSize, DEFAULT_SIZE));
  }

  private static String single(Map<String, String[]> parameters, String name, int maxLength) {
    String[] values = parameters.get(name);
    if (values == null) {
      return null;
    }
    if (values.length > 1) {
      throw ApiProblem.badRequest(name + ": give it once");
    }
    String value = values[0].strip();
    if (value.length() > maxLength) {
      throw ApiProblem.badRequest(name + ": at most " + maxLength + " characters");
    }
    if (value.chars().anyMatch(Character::isISOControl)) {
      throw ApiProblem.badRequest(name + ": no control characters");
    }
    return value.isEmpty() ? null : value;
  }

  private static Integer number(Map<String, String[]> parameters, String name, int min, int max, Integer fallback) {
    String value = single(parameters, name, 10);
    if (value == null) {
      return fallback;
    }
    try {
      int number = Integer.parseInt(value);
      if (number >= min && number <= max) {
        return number;
      }
    } catch (NumberFormatException notANumber) {
      // answered below, with the range
    }
    throw ApiProblem.badRequest(name + ": '" + Excerpt.of(value) + "' is not a whole number from " + min + " to " + max);
  }
}
