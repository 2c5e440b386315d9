package se.bidrag.allocation;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** A CSV file with a header row, read strictly: UTF-8, comma-separated, RFC 4180 quoting. */
final class Csv {
  private static final CsvMapper MAPPER = CsvMapper.builder()
      .enable(CsvParser.Feature.WRAP_AS_ARRAY)
      .enable(CsvParser.Feature.SKIP_EMPTY_LINES)
      .build();

  final String file;
  private final Map<String, Integer> columns = new HashMap<>();
  final List<Row> rows = new ArrayList<>();

  /** One data row; {@code line} is the 1-based line number in the file (the header is line 1). */
  final class Row {
    final int line;
    private final String[] cells;

    Row(int line, String[] cells) {
      this.line = line;
      this.cells = cells;
    }

    String get(String column) {
      Integer i = columns.get(column);
      if (i == null) {
        throw new IllegalStateException("column not required: " + column);
      }
      String v = i < cells.length ? cells[i].trim() : "";
      if (v.isEmpty()) {
        throw new DataException(file, line, column, "is empty");
      }
      return v;
    }

    long count(String column) {
      String v = get(column);
      long n;
      try {
        n = Long.parseLong(v);
      } catch (NumberFormatException e) {
        throw new DataException(file, line, column, "'" + v + "' is not a whole number");
      }
      if (n < 0) {
        throw new DataException(file, line, column, "negative count " + n);
      }
      return n;
    }
  }

  Csv(String file, byte[] bytes, List<String> requiredColumns) {
    this.file = file;
    String text = new String(bytes, StandardCharsets.UTF_8);
    if (text.startsWith("\uFEFF")) {
      text = text.substring(1);
    }
    try (MappingIterator<String[]> it = MAPPER.readerFor(String[].class).readValues(text)) {
      if (!it.hasNextValue()) {
        throw new DataException(file, 1, null, "the file is empty (a header row is required)");
      }
      String[] header = it.nextValue();
      for (int i = 0; i < header.length; i++) {
        columns.put(header[i].trim(), i);
      }
      for (String c : requiredColumns) {
        if (!columns.containsKey(c)) {
          throw new DataException(file, 1, c, "required column missing from the header");
        }
      }
      int line = 1;
      while (it.hasNextValue()) {
        line++;
        rows.add(new Row(line, it.nextValue()));
      }
    } catch (IOException | RuntimeException e) {
      if (e instanceof DataException de) {
        throw de;
      }
      throw new DataException(file, 0, null, "not a readable CSV file: " + e.getMessage());
    }
  }
}
