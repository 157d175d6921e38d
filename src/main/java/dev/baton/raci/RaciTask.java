package dev.baton.raci;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * The RACI roles a process owner put on one user task as Camunda extension properties
 * ({@code raci.responsible}, {@code raci.accountable}, {@code raci.consulted}, {@code raci.informed},
 * and optionally {@code raci.summary}: the variables the "informed" mail reports).
 */
public record RaciTask(String responsible, String accountable, List<String> consulted, List<String> informed,
    List<String> summary) {

  public static final String RESPONSIBLE = "raci.responsible";
  public static final String ACCOUNTABLE = "raci.accountable";
  public static final String CONSULTED = "raci.consulted";
  public static final String INFORMED = "raci.informed";
  public static final String SUMMARY = "raci.summary";

  public RaciTask {
    consulted = List.copyOf(consulted);
    informed = List.copyOf(informed);
    summary = List.copyOf(summary);
  }

  /** Reads the properties; roles are not checked here (see {@link #problems}). */
  public static RaciTask from(Map<String, String> properties) {
    return new RaciTask(single(properties.get(RESPONSIBLE)), single(properties.get(ACCOUNTABLE)),
        list(properties.get(CONSULTED)), list(properties.get(INFORMED)), list(properties.get(SUMMARY)));
  }

  /** What is wrong with these roles, as sentences a process owner can act on; empty when valid. */
  public List<String> problems(java.util.Collection<String> knownRoles) {
    String known = String.join(", ", knownRoles);
    List<String> problems = new ArrayList<>();
    if (responsible == null) {
      problems.add("has no " + RESPONSIBLE + "; add a camunda property " + RESPONSIBLE
          + " with one role of: " + known);
    } else if (responsible.contains(",")) {
      problems.add("has " + RESPONSIBLE + " '" + responsible + "' naming several roles; name exactly one of: " + known);
    }
    if (accountable != null && accountable.contains(",")) {
      problems.add("has " + ACCOUNTABLE + " '" + accountable + "' naming several roles; name exactly one of: " + known);
    }
    check(problems, RESPONSIBLE, responsible == null || responsible.contains(",") ? List.of() : List.of(responsible),
        knownRoles, known);
    check(problems, ACCOUNTABLE, accountable == null || accountable.contains(",") ? List.of() : List.of(accountable),
        knownRoles, known);
    check(problems, CONSULTED, consulted, knownRoles, known);
    check(problems, INFORMED, informed, knownRoles, known);
    return problems;
  }

  /** Every role named on the task, R first: for the chart. */
  public List<String> letters(String roleId) {
    List<String> letters = new ArrayList<>();
    if (roleId.equals(accountable)) {
      letters.add("A");
    }
    if (roleId.equals(responsible)) {
      letters.add("R");
    }
    if (consulted.contains(roleId)) {
      letters.add("C");
    }
    if (informed.contains(roleId)) {
      letters.add("I");
    }
    return letters;
  }

  private static void check(List<String> problems, String property, List<String> roles,
      java.util.Collection<String> knownRoles, String known) {
    for (String role : roles) {
      if (!knownRoles.contains(role)) {
        problems.add("has " + property + " naming the unknown role '" + role + "'; use one of: " + known);
      }
    }
  }

  private static String single(String value) {
    return value == null || value.isBlank() ? null : value.trim();
  }

  private static List<String> list(String value) {
    if (value == null || value.isBlank()) {
      return List.of();
    }
    return List.copyOf(new LinkedHashSet<>(Arrays.stream(value.split(",")).map(String::trim)
        .filter(s -> !s.isEmpty()).toList()));
  }
}
