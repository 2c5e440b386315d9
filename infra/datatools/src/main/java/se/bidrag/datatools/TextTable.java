package se.bidrag.datatools;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A statistics database's text export: UTF-8 (with or without a byte-order mark) or, failing that, Windows-1252
 * (PX-Web writes the table's code page); comma, semicolon or tab between cells (whichever splits the most lines
 * into more than one cell); double quotes around cells as RFC 4180 has them. Lines keep their numbers.
 */
final class TextTable {
  private TextTable() {}

  static Table read(String file, byte[] bytes) {
    String text = decode(bytes);
    List<String> lines = List.of(text.split("\r\n|\n|\r", -1));
    char delimiter = delimiter(lines);
    List<Table.Row> rows = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      if (i == lines.size() - 1 && lines.get(i).isEmpty()) {
        break;
      }
      rows.add(new Table.Row(i + 1, "line " + (i + 1), split(file, i + 1, lines.get(i), delimiter)));
    }
    return new Table(file, rows);
  }

  static String decode(byte[] bytes) {
    if (bytes.length >= 3 && (bytes[0] & 0xff) == 0xef && (bytes[1] & 0xff) == 0xbb && (bytes[2] & 0xff) == 0xbf) {
      return new String(bytes, 3, bytes.length - 3, StandardCharsets.UTF_8);
    }
    try {
      return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
    } catch (CharacterCodingException e) {
      return new String(bytes, Charset.forName("windows-1252"));
    }
  }

  private static char delimiter(List<String> lines) {
    char best = ',';
    int bestLines = -1;
    for (char d : new char[] {',', ';', '\t'}) {
      int n = 0;
      for (String line : lines) {
        if (split(null, 0, line, d).size() > 1) {
          n++;
        }
      }
      if (n > bestLines) {
        best = d;
        bestLines = n;
      }
    }
    return best;
  }

  private static List<String> split(String file, int line, String s, char delimiter) {
    List<String> cells = new ArrayList<>();
    StringBuilder cell = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (quoted) {
        if (c == '"' && i + 1 < s.length() && s.charAt(i + 1) == '"') {
          cell.append('"');
          i++;
        } else if (c == '"') {
          quoted = false;
        } else {
          cell.append(c);
        }
      } else if (c == '"') {
        quoted = true;
      } else if (c == delimiter) {
        cells.add(cell.toString().strip());
        cell.setLength(0);
      } else {
        cell.append(c);
      }
    }
    if (quoted && file != null) {
      throw new ImportException(file, "line " + line + ": a quoted cell is not closed");
    }
    cells.add(cell.toString().strip());
    return cells;
  }
}
