package se.bidrag.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.dataformat.csv.CsvGenerator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.util.ArrayList;
import java.util.List;

/**
 * CSV for people to open in a spreadsheet: a header row, then one row per record, comma-separated,
 * lines ending in LF, written by Jackson's CsvMapper (a cell with a comma, a quote or a line break is
 * quoted, its quotes doubled; other cells are written as they are). A text cell that a spreadsheet
 * would run as a formula (one starting with {@code = + - @}, a tab or a carriage return) gets a
 * leading apostrophe, so it is shown, never evaluated. Numbers and booleans are written as they are:
 * {@code -5} is a number, not a formula.
 */
public final class CsvWriter {
  private static final ObjectWriter WRITER = CsvMapper.builder()
      .enable(CsvGenerator.Feature.STRICT_CHECK_FOR_QUOTING) // quote only what needs it
      .build().writer(CsvSchema.emptySchema().withLineSeparator("\n"));

  private CsvWriter() {}

  /**
   * The CSV text.
   *
   * @param rows each a list of cells: a {@link Number} or {@link Boolean} is written as it is, null as
   *     an empty cell, anything else as text ({@code toString}), neutralised
   */
  public static String write(List<String> header, List<? extends List<?>> rows) {
    List<List<String>> cells = new ArrayList<>(rows.size() + 1);
    cells.add(header.stream().map(CsvWriter::text).toList());
    for (List<?> row : rows) {
      cells.add(row.stream().map(CsvWriter::cell).toList());
    }
    try {
      return WRITER.writeValueAsString(cells);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("CSV could not be written", e);
    }
  }

  static String cell(Object value) {
    if (value == null) {
      return "";
    }
    if (value instanceof Number || value instanceof Boolean) {
      return value.toString();
    }
    return text(value.toString());
  }

  /** The text, with a leading apostrophe when a spreadsheet would take it for a formula. */
  static String text(String s) {
    if (s.isEmpty()) {
      return s;
    }
    char first = s.charAt(0);
    return first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r' ? "'" + s : s;
  }
}
