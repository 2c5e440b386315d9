package se.bidrag.datatools;

import java.util.List;

/**
 * The cells of a spreadsheet or text export, row by row, each row knowing where it is in the agency's file
 * ("line 17", "sheet KommuntyperSL2026 row 5"), so that every refusal can name it.
 */
record Table(String name, List<Row> rows) {

  Table {
    rows = List.copyOf(rows);
  }

  /** One row; {@code cells} are trimmed, an absent cell is "". */
  record Row(int number, String where, List<String> cells) {
    Row {
      cells = List.copyOf(cells);
    }

    String cell(int column) {
      return column < cells.size() ? cells.get(column) : "";
    }

    boolean isEmpty() {
      return cells.stream().allMatch(String::isEmpty);
    }
  }
}
