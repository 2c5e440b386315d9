package se.bidrag.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class CsvWriterTest {

  private static String one(Object cell) {
    return CsvWriter.write(List.of("c"), List.of(Arrays.asList(cell)));
  }

  /** Reads the CSV back as a spreadsheet would import it (RFC 4180). */
  private static List<String[]> read(String csv) throws Exception {
    CsvMapper mapper = CsvMapper.builder().enable(CsvParser.Feature.WRAP_AS_ARRAY).build();
    try (MappingIterator<String[]> it = mapper.readerFor(String[].class).readValues(csv)) {
      return it.readAll();
    }
  }

  @Test
  void aHeaderRowThenOneRowPerRecordEachEndingInALineFeed() {
    String csv = CsvWriter.write(List.of("recipientId", "name", "received", "late", "used"),
        List.of(Arrays.asList("kommun-0114", "Upplands Väsby", 1_234_567L, false, null),
            Arrays.asList("region-18", "Region Örebro län", 79_469_681L, true, 70_000_000L)));
    assertEquals("recipientId,name,received,late,used\n"
        + "kommun-0114,Upplands Väsby,1234567,false,\n"
        + "region-18,Region Örebro län,79469681,true,70000000\n", csv);
  }

  @Test
  void textThatASpreadsheetWouldRunAsAFormulaGetsALeadingApostrophe() {
    assertEquals("c\n\"'=HYPERLINK(\"\"http://x\"\")\"\n", one("=HYPERLINK(\"http://x\")"));
    assertEquals("c\n'+46 8 555 000\n", one("+46 8 555 000"));
    assertEquals("c\n'-2+3\n", one("-2+3"));
    assertEquals("c\n'@SUM(A1:A9)\n", one("@SUM(A1:A9)"));
    assertEquals("c\n'\t=1\n", one("\t=1"));
    assertEquals("c\n\"'\r=1\"\n", one("\r=1"));
    assertEquals("c\nA=1\n", one("A=1"), "only the first character counts");
    assertEquals("c\n'-5\n", one("-5"), "text that looks like a negative number is text");
  }

  @Test
  void numbersAndBooleansAreNeverNeutralised() {
    assertEquals("c\n-5\n", one(-5L));
    assertEquals("c\n0\n", one(0));
    assertEquals("c\ntrue\n", one(true));
    assertEquals("c\n\n", one(null));
  }

  @Test
  void commasQuotesAndLineBreaksAreQuotedAndReadBackAsOneCell() throws Exception {
    String csv = CsvWriter.write(List.of("name", "account"),
        List.of(List.of("Kommun, \"den gamla\"", "rad ett\nrad två\r\nrad tre")));
    assertEquals("name,account\n\"Kommun, \"\"den gamla\"\"\",\"rad ett\nrad två\r\nrad tre\"\n", csv);
    List<String[]> rows = read(csv);
    assertEquals(2, rows.size());
    assertEquals(List.of("Kommun, \"den gamla\"", "rad ett\nrad två\r\nrad tre"), List.of(rows.get(1)));
  }

  @Test
  void aNeutralisedCellReadsBackWithItsApostrophe() throws Exception {
    String csv = CsvWriter.write(List.of("name"), List.of(List.of("=1+1\nsecond line")));
    assertEquals(List.of("'=1+1\nsecond line"), List.of(read(csv).get(1)));
  }
}
