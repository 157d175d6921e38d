package dev.baton.web;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * Writes CSV that people open in a spreadsheet. RFC 4180 quoting comes from Commons CSV; on top of it a
 * cell that a spreadsheet would take as a formula (it begins with =, +, -, @, a tab or a carriage
 * return) is prefixed with an apostrophe, so text from outside (a CRM's names, a model's labels) can
 * never run as a formula on a manager's machine.
 */
public final class CsvExport {

  private CsvExport() {}

  public static String write(List<String> header, List<List<String>> rows) {
    StringWriter out = new StringWriter();
    try (CSVPrinter printer = new CSVPrinter(out, CSVFormat.RFC4180)) {
      printer.printRecord(header.stream().map(CsvExport::neutralise));
      for (List<String> row : rows) {
        printer.printRecord(row.stream().map(CsvExport::neutralise));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e); // a StringWriter does not fail
    }
    return out.toString();
  }

  static String neutralise(String cell) {
    if (cell == null || cell.isEmpty()) {
      return cell;
    }
    return switch (cell.charAt(0)) {
      case '=', '+', '-', '@', '\t', '\r' -> "'" + cell;
      default -> cell;
    };
  }
}
