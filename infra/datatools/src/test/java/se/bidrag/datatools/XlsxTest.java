package se.bidrag.datatools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;

/**
 * The JDK-only SpreadsheetML reader: what an independent writer (fastexcel) produces, and by hand the parts of the
 * format that writer does not use (inline strings, rich-text runs, phonetic runs, cells without references,
 * booleans, the strict namespace, an absolute sheet target); and what it refuses.
 */
class XlsxTest {
  static final String MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
  static final String STRICT = "http://purl.oclc.org/ooxml/spreadsheetml/main";
  static final String REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

  static byte[] zip(Map<String, String> parts) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (ZipOutputStream z = new ZipOutputStream(out)) {
      for (var p : parts.entrySet()) {
        z.putNextEntry(new ZipEntry(p.getKey()));
        z.write(p.getValue().getBytes(StandardCharsets.UTF_8));
        z.closeEntry();
      }
    }
    return out.toByteArray();
  }

  static Map<String, String> workbook(String ns, String sheetXml) {
    Map<String, String> parts = new LinkedHashMap<>();
    parts.put("xl/workbook.xml", "<workbook xmlns='" + ns + "' xmlns:r='" + REL + "'><sheets>"
        + "<sheet name='Andra' sheetId='2' r:id='rId7'/><sheet name='Första' sheetId='1' r:id='rId9'/></sheets></workbook>");
    parts.put("xl/_rels/workbook.xml.rels", "<Relationships xmlns='http://schemas.openxmlformats.org/package/2006/relationships'>"
        + "<Relationship Id='rId9' Target='/xl/worksheets/a.xml' Type='x'/>"
        + "<Relationship Id='rId7' Target='worksheets/b.xml' Type='x'/></Relationships>");
    parts.put("xl/sharedStrings.xml", "<sst xmlns='" + ns + "'><si><t>Kommun</t></si>"
        + "<si><r><t>Lands</t></r><r><rPr><b/></rPr><t xml:space='preserve'>bygds kommun</t></r><rPh><t>ignored</t></rPh></si></sst>");
    parts.put("xl/worksheets/a.xml", sheetXml);
    parts.put("xl/worksheets/b.xml", "<worksheet xmlns='" + ns + "'><sheetData/></worksheet>");
    return parts;
  }

  @Test
  void anIndependentWritersWorkbookReadsCellForCell() {
    byte[] wb = TestFiles.xlsx(Map.of("Blad", List.of(TestFiles.row("Kommunkod", null, 114, 4.5),
        TestFiles.row(), TestFiles.row("Å ä ö", "x"))));
    Table t = Xlsx.read("w.xlsx", wb).sheet("Blad");
    assertEquals(2, t.rows().size(), "the empty row is left out");
    assertEquals(List.of("Kommunkod", "", "114", "4.5"), t.rows().get(0).cells());
    assertEquals(3, t.rows().get(1).number());
    assertEquals("sheet Blad row 3", t.rows().get(1).where());
    assertEquals(List.of("Å ä ö", "x", "", ""), t.rows().get(1).cells());
  }

  @Test
  void inlineAndRichStringsBooleansAndCellsWithoutReferencesRead() throws IOException {
    for (String ns : List.of(MAIN, STRICT)) {
      String sheet = "<worksheet xmlns='" + ns + "'><sheetData>"
          + "<row r='2'><c r='B2' t='s'><v>0</v></c><c t='s'><v>1</v></c><c t='inlineStr'><is><t>Rad</t></is></c></row>"
          + "<row><c t='b'><v>1</v></c><c r='D3'><f>1+1</f><v>2</v></c></row></sheetData></worksheet>";
      Xlsx x = Xlsx.read("h.xlsx", zip(workbook(ns, sheet)));
      assertEquals(List.of("Andra", "Första"), x.sheetNames(), "the workbook's order, not the parts'");
      Table t = x.sheet("Första");
      assertEquals(List.of("", "Kommun", "Landsbygds kommun", "Rad"), t.rows().get(0).cells(), ns);
      assertEquals(List.of("TRUE", "", "", "2"), t.rows().get(1).cells(), ns);
      assertEquals(3, t.rows().get(1).number());
    }
  }

  @Test
  void whatIsNotAWorkbookIsRefusedSayingWhatToDo() throws IOException {
    byte[] xls = {(byte) 0xD0, (byte) 0xCF, 0x11, (byte) 0xE0, (byte) 0xA1, (byte) 0xB1, 0x1A, (byte) 0xE1, 0, 0};
    ImportException e = assertThrows(ImportException.class, () -> Xlsx.read("old.xls", xls));
    assertTrue(e.getMessage().contains("is not an .xlsx workbook"), e.getMessage());
    assertTrue(e.getMessage().contains("must be saved as .xlsx first"), e.getMessage());
    ImportException noSheet = assertThrows(ImportException.class,
        () -> Xlsx.read("h.xlsx", zip(workbook(MAIN, "<worksheet/>"))).sheet("Tredje"));
    assertTrue(noSheet.getMessage().contains("no sheet 'Tredje' (sheets: Andra, Första)"), noSheet.getMessage());
  }

  @Test
  void aDocumentTypeDeclarationIsRefused() throws IOException {
    String xxe = "<?xml version='1.0'?><!DOCTYPE w [<!ENTITY x SYSTEM 'file:///etc/passwd'>]>"
        + "<worksheet xmlns='" + MAIN + "'><sheetData><row r='1'><c t='inlineStr'><is><t>&x;</t></is></c></row>"
        + "</sheetData></worksheet>";
    Xlsx x = Xlsx.read("h.xlsx", zip(workbook(MAIN, xxe)));
    ImportException e = assertThrows(ImportException.class, () -> x.sheet("Första"));
    assertTrue(e.getMessage().contains("sheet 'Första' is not readable SpreadsheetML"), e.getMessage());
  }
}
