package dev.baton.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class CsvExportTest {

  @Test
  void cellsASpreadsheetWouldRunAsFormulasAreWrittenAsText() {
    String csv = CsvExport.write(List.of("task", "name"), List.of(
        List.of("=HYPERLINK(\"http://evil.example\",\"x\")", "+1+2"),
        List.of("-2+3", "@SUM(A1)"),
        List.of("\tcmd", "plain -dash inside")));

    assertThat(csv.lines()).containsExactly(
        "task,name",
        "\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"x\"\")\",'+1+2",
        "'-2+3,'@SUM(A1)",
        "'\tcmd,plain -dash inside");
  }

  @Test
  void commasQuotesAndLineBreaksAreQuotedAsRfc4180Says() {
    String csv = CsvExport.write(List.of("a"), List.of(List.of("x, \"y\"\nz")));

    assertThat(csv).isEqualTo("a\r\n\"x, \"\"y\"\"\nz\"\r\n");
  }
}
