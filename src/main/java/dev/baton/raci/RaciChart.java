package dev.baton.raci;

import java.util.List;
import java.util.Map;

/**
 * The RACI chart of the deployed processes (latest versions): columns are the catalogue's roles,
 * rows the user tasks of each process in flow order, cells the letters a role holds on a task.
 */
public record RaciChart(List<Role> roles, List<Process> processes) {

  public record Role(String id, String name) {}

  public record Process(String key, String name, int version, List<Row> tasks) {}

  /** One user task; {@code cells} maps role id to letters such as "A/R" (roles without letters are left out). */
  public record Row(String id, String name, Map<String, String> cells) {}
}
