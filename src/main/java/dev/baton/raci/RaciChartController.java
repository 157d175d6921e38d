package dev.baton.raci;

import dev.baton.web.ApiProblem;
import dev.baton.web.CsvExport;
import java.util.ArrayList;
import java.util.List;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.HtmlUtils;

/**
 * {@code GET /api/raci}: the RACI chart of the deployed processes, as an HTML page for people,
 * {@code ?format=csv} or {@code ?format=json} for tools. Any signed-in user may read it.
 */
@RestController
class RaciChartController {

  static final MediaType CSV = new MediaType("text", "csv", java.nio.charset.StandardCharsets.UTF_8);

  private final RaciChartReader reader;

  RaciChartController(RaciChartReader reader) {
    this.reader = reader;
  }

  @GetMapping("/api/raci")
  ResponseEntity<?> chart(@RequestParam(defaultValue = "html") String format) {
    RaciChart chart = reader.read();
    return switch (format) {
      case "html" -> ResponseEntity.ok().contentType(new MediaType(MediaType.TEXT_HTML, java.nio.charset.StandardCharsets.UTF_8)).body(html(chart));
      case "csv" -> ResponseEntity.ok().contentType(CSV)
          .header("Content-Disposition", "inline; filename=\"raci.csv\"").body(csv(chart));
      case "json" -> ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(chart);
      default -> throw ApiProblem.badRequest("format: '" + format + "' is not supported; use html, csv or json");
    };
  }

  static String csv(RaciChart chart) {
    List<String> header = new ArrayList<>(List.of("process", "process name", "task", "task name"));
    chart.roles().forEach(role -> header.add(role.id()));
    List<List<String>> rows = new ArrayList<>();
    for (RaciChart.Process process : chart.processes()) {
      for (RaciChart.Row row : process.tasks()) {
        List<String> cells = new ArrayList<>(List.of(process.key(), process.name(), row.id(), row.name()));
        chart.roles().forEach(role -> cells.add(row.cells().getOrDefault(role.id(), "")));
        rows.add(cells);
      }
    }
    return CsvExport.write(header, rows);
  }

  static String html(RaciChart chart) {
    StringBuilder html = new StringBuilder("""
        <!DOCTYPE html>
        <html lang="en"><head><meta charset="UTF-8"><title>Baton RACI chart</title>
        <style>
          body { font-family: Arial, Helvetica, sans-serif; color: #222; margin: 24px; }
          table { border-collapse: collapse; margin-bottom: 12px; }
          th, td { border: 1px solid #c8cdd2; padding: 6px 10px; }
          thead th { background: #f1f3f5; font-weight: 600; vertical-align: bottom; }
          th.process { background: #dde7f3; text-align: left; font-size: 15px; }
          td.task { min-width: 260px; } td.task small { color: #777; }
          td.cell { text-align: center; font-weight: 600; min-width: 64px; }
          td.R { background: #d8f0d8; } td.A { background: #fde2c4; } td.C { background: #e3e8fb; } td.I { background: #f3f3f3; }
          .legend span { display: inline-block; margin-right: 18px; }
        </style></head><body>
        <h1>RACI chart</h1>
        <p class="legend"><span><b>R</b> Responsible: does the work</span><span><b>A</b> Accountable: answers for it, \
        escalation path</span><span><b>C</b> Consulted: gives input</span><span><b>I</b> Informed: told when done</span></p>
        <p>Read from the latest deployed version of each process; <a href="?format=csv">CSV</a> \
        &middot; <a href="?format=json">JSON</a></p>
        """);
    if (chart.processes().isEmpty()) {
      html.append("<p>No deployed process has user tasks yet.</p>");
    } else {
      html.append("<table><thead><tr><th>Process / task</th>");
      chart.roles().forEach(role -> html.append("<th title=\"").append(esc(role.id())).append("\">")
          .append(esc(role.name())).append("</th>"));
      html.append("</tr></thead><tbody>");
      for (RaciChart.Process process : chart.processes()) {
        html.append("<tr><th class=\"process\" colspan=\"").append(chart.roles().size() + 1).append("\">")
            .append(esc(process.name())).append(" <small>(").append(esc(process.key())).append(", version ")
            .append(process.version()).append(")</small></th></tr>");
        for (RaciChart.Row row : process.tasks()) {
          html.append("<tr><td class=\"task\">").append(esc(row.name())).append(" <small>")
              .append(esc(row.id())).append("</small></td>");
          for (RaciChart.Role role : chart.roles()) {
            String letters = row.cells().getOrDefault(role.id(), "");
            html.append("<td class=\"cell ").append(letters.isEmpty() ? "" : esc(letters.substring(0, 1)))
                .append("\">").append(esc(letters)).append("</td>");
          }
          html.append("</tr>");
        }
      }
      html.append("</tbody></table>");
    }
    return html.append("</body></html>\n").toString();
  }

  private static String esc(String text) {
    return HtmlUtils.htmlEscape(text);
  }
}
