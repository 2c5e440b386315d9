package se.bidrag.datatools;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * The cell values of an Excel workbook (.xlsx: Office Open XML SpreadsheetML, a ZIP of XML parts), read with the
 * JDK alone: {@code xl/workbook.xml} lists the sheets and their relationship ids, {@code
 * xl/_rels/workbook.xml.rels} maps those ids to the sheet parts, {@code xl/sharedStrings.xml} holds the strings
 * that cells with {@code t="s"} point at, and each sheet's {@code <sheetData>} has {@code <row r>} of {@code <c r
 * t>} cells with a {@code <v>} value or an {@code <is>} inline string. Elements are matched by local name, so the
 * transitional and the strict namespaces both read. Values come as the workbook stores them (numbers as written
 * in {@code <v>}, e.g. {@code 114} or {@code 4.0}); formats, styles and formulas are not evaluated (a formula's
 * cached result is its value). DTDs and external entities are refused; parts are limited in size.
 */
final class Xlsx {
  private static final long MAX_PART_BYTES = 64L * 1024 * 1024;
  private static final long MAX_TOTAL_BYTES = 256L * 1024 * 1024;

  private final String file;
  private final Map<String, byte[]> parts;
  private final List<String> sharedStrings;
  private final Map<String, String> sheetParts = new LinkedHashMap<>();

  private Xlsx(String file, Map<String, byte[]> parts) {
    this.file = file;
    this.parts = parts;
    this.sharedStrings = parts.containsKey("xl/sharedStrings.xml") ? sharedStrings(part("xl/sharedStrings.xml")) : List.of();
    Map<String, String> targets = relationships(part("xl/_rels/workbook.xml.rels"));
    for (Map.Entry<String, String> sheet : sheets(part("xl/workbook.xml")).entrySet()) {
      String target = targets.get(sheet.getValue());
      if (target == null) {
        throw new ImportException(file, "sheet '" + sheet.getKey() + "' has no part (relationship " + sheet.getValue() + ")");
      }
      sheetParts.put(sheet.getKey(), target.startsWith("/") ? target.substring(1) : "xl/" + target);
    }
  }

  /**
   * Reads the parts through the ZIP's central directory ({@link ZipFile}, on a temporary copy): workbooks written
   * as a stream carry sizes in data descriptors that {@code ZipInputStream} cannot read.
   */
  static Xlsx read(String file, byte[] bytes) {
    Map<String, byte[]> parts = new HashMap<>();
    Path copy = null;
    try {
      copy = Files.createTempFile("bidrag-import-", ".xlsx");
      Files.write(copy, bytes);
      long total = 0;
      try (ZipFile zip = new ZipFile(copy.toFile())) {
        for (ZipEntry e : java.util.Collections.list(zip.entries())) {
          if (e.isDirectory()) {
            continue;
          }
          byte[] content;
          try (InputStream in = zip.getInputStream(e)) {
            content = limited(file, e.getName(), in);
          }
          total += content.length;
          if (total > MAX_TOTAL_BYTES) {
            throw new ImportException(file, "the workbook unpacks to more than " + MAX_TOTAL_BYTES + " bytes");
          }
          parts.put(e.getName().startsWith("/") ? e.getName().substring(1) : e.getName(), content);
        }
      }
    } catch (ZipException e) {
      throw notAWorkbook(file);
    } catch (IOException e) {
      throw new ImportException(file, "cannot be read: " + e.getMessage());
    } finally {
      if (copy != null) {
        try {
          Files.deleteIfExists(copy);
        } catch (IOException e) {
          copy.toFile().deleteOnExit();
        }
      }
    }
    if (!parts.containsKey("xl/workbook.xml")) {
      throw notAWorkbook(file);
    }
    return new Xlsx(file, parts);
  }

  private static ImportException notAWorkbook(String file) {
    return new ImportException(file, "is not an .xlsx workbook (Office Open XML, a ZIP with xl/workbook.xml); "
        + "an .xls (Excel 97-2003) or .ods file must be saved as .xlsx first");
  }

  private static byte[] limited(String file, String name, InputStream in) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] buffer = new byte[65536];
    int n;
    while ((n = in.read(buffer)) > 0) {
      out.write(buffer, 0, n);
      if (out.size() > MAX_PART_BYTES) {
        throw new ImportException(file, "part " + name + " unpacks to more than " + MAX_PART_BYTES + " bytes");
      }
    }
    return out.toByteArray();
  }

  /** The sheets' names, in the workbook's order. */
  List<String> sheetNames() {
    return List.copyOf(sheetParts.keySet());
  }

  /** A sheet's rows (empty rows left out), cells by column from A = 0; every row as wide as the widest. */
  Table sheet(String name) {
    String partName = sheetParts.get(name);
    if (partName == null || !parts.containsKey(partName)) {
      throw new ImportException(file, "no sheet '" + name + "' (sheets: " + String.join(", ", sheetNames()) + ")");
    }
    TreeMap<Integer, TreeMap<Integer, String>> rows = new TreeMap<>();
    XMLStreamReader x = xml(partName, parts.get(partName));
    try {
      int rowNumber = 0;
      int column = -1;
      String type = null;
      String value = null;
      TreeMap<Integer, String> row = null;
      while (x.hasNext()) {
        int event = x.next();
        if (event == XMLStreamConstants.START_ELEMENT) {
          switch (x.getLocalName()) {
            case "row" -> {
              String r = attribute(x, "r");
              rowNumber = r != null ? Integer.parseInt(r) : rowNumber + 1;
              row = rows.computeIfAbsent(rowNumber, k -> new TreeMap<>());
              column = -1;
            }
            case "c" -> {
              String ref = attribute(x, "r");
              column = ref != null ? column(ref) : column + 1;
              type = attribute(x, "t");
              value = null;
            }
            case "v" -> value = x.getElementText();
            case "is" -> value = text(x, "is");
            default -> { }
          }
        } else if (event == XMLStreamConstants.END_ELEMENT && x.getLocalName().equals("c") && row != null) {
          String v = cellValue(type, value, rowNumber, column);
          if (!v.isEmpty()) {
            row.put(column, v);
          }
        }
      }
    } catch (XMLStreamException | NumberFormatException e) {
      throw new ImportException(file, "sheet '" + name + "' is not readable SpreadsheetML: " + e.getMessage());
    }
    int width = rows.values().stream().filter(r -> !r.isEmpty()).mapToInt(r -> r.lastKey() + 1).max().orElse(0);
    List<Table.Row> out = new ArrayList<>();
    rows.forEach((number, cells) -> {
      if (!cells.isEmpty()) {
        List<String> list = new ArrayList<>();
        for (int c = 0; c < width; c++) {
          list.add(cells.getOrDefault(c, "").strip());
        }
        out.add(new Table.Row(number, "sheet " + name + " row " + number, list));
      }
    });
    return new Table(file + " (sheet " + name + ")", out);
  }

  private String cellValue(String type, String value, int row, int column) {
    if (value == null) {
      return "";
    }
    if ("s".equals(type)) {
      int i = Integer.parseInt(value.strip());
      if (i < 0 || i >= sharedStrings.size()) {
        throw new ImportException(file, "row " + row + " column " + (column + 1) + " points at shared string " + i
            + " of " + sharedStrings.size());
      }
      return sharedStrings.get(i);
    }
    if ("b".equals(type)) {
      return "1".equals(value.strip()) ? "TRUE" : "FALSE";
    }
    return value;
  }

  /** "AB12" is column 27 (A = 0). */
  static int column(String ref) {
    int c = 0;
    int i = 0;
    while (i < ref.length() && Character.isLetter(ref.charAt(i))) {
      c = c * 26 + (Character.toUpperCase(ref.charAt(i)) - 'A' + 1);
      i++;
    }
    if (i == 0) {
      throw new NumberFormatException("cell reference '" + ref + "' has no column");
    }
    return c - 1;
  }

  private byte[] part(String name) {
    byte[] b = parts.get(name);
    if (b == null) {
      throw new ImportException(file, "the workbook has no " + name);
    }
    return b;
  }

  private XMLStreamReader xml(String name, byte[] bytes) {
    XMLInputFactory f = XMLInputFactory.newFactory();
    f.setProperty(XMLInputFactory.SUPPORT_DTD, false);
    f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
    f.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, true);
    try {
      return f.createXMLStreamReader(new ByteArrayInputStream(bytes));
    } catch (XMLStreamException e) {
      throw new ImportException(file, name + " is not XML: " + e.getMessage());
    }
  }

  /** Sheet name → relationship id, in order. */
  private Map<String, String> sheets(byte[] workbook) {
    Map<String, String> out = new LinkedHashMap<>();
    XMLStreamReader x = xml("xl/workbook.xml", workbook);
    try {
      while (x.hasNext()) {
        if (x.next() == XMLStreamConstants.START_ELEMENT && x.getLocalName().equals("sheet")) {
          String id = null;
          for (int i = 0; i < x.getAttributeCount(); i++) {
            String ns = x.getAttributeNamespace(i);
            if (x.getAttributeLocalName(i).equals("id") && ns != null && !ns.isEmpty()) {
              id = x.getAttributeValue(i);
            }
          }
          out.put(attribute(x, "name"), id);
        }
      }
    } catch (XMLStreamException e) {
      throw new ImportException(file, "xl/workbook.xml is not readable: " + e.getMessage());
    }
    return out;
  }

  private Map<String, String> relationships(byte[] rels) {
    Map<String, String> out = new HashMap<>();
    XMLStreamReader x = xml("xl/_rels/workbook.xml.rels", rels);
    try {
      while (x.hasNext()) {
        if (x.next() == XMLStreamConstants.START_ELEMENT && x.getLocalName().equals("Relationship")) {
          out.put(attribute(x, "Id"), attribute(x, "Target"));
        }
      }
    } catch (XMLStreamException e) {
      throw new ImportException(file, "xl/_rels/workbook.xml.rels is not readable: " + e.getMessage());
    }
    return out;
  }

  private List<String> sharedStrings(byte[] bytes) {
    List<String> out = new ArrayList<>();
    XMLStreamReader x = xml("xl/sharedStrings.xml", bytes);
    try {
      while (x.hasNext()) {
        if (x.next() == XMLStreamConstants.START_ELEMENT && x.getLocalName().equals("si")) {
          out.add(text(x, "si"));
        }
      }
    } catch (XMLStreamException e) {
      throw new ImportException(file, "xl/sharedStrings.xml is not readable: " + e.getMessage());
    }
    return out;
  }

  /** The text of the {@code <t>} elements under the current element (rich-text runs joined; phonetic runs left out). */
  private static String text(XMLStreamReader x, String element) throws XMLStreamException {
    StringBuilder sb = new StringBuilder();
    int phonetic = 0;
    while (x.hasNext()) {
      int event = x.next();
      if (event == XMLStreamConstants.START_ELEMENT) {
        if (x.getLocalName().equals("rPh")) {
          phonetic++;
        } else if (x.getLocalName().equals("t") && phonetic == 0) {
          sb.append(x.getElementText());
        }
      } else if (event == XMLStreamConstants.END_ELEMENT) {
        if (x.getLocalName().equals("rPh")) {
          phonetic--;
        } else if (x.getLocalName().equals(element)) {
          break;
        }
      }
    }
    return sb.toString();
  }

  private static String attribute(XMLStreamReader x, String localName) {
    for (int i = 0; i < x.getAttributeCount(); i++) {
      String ns = x.getAttributeNamespace(i);
      if (x.getAttributeLocalName(i).equals(localName) && (ns == null || ns.isEmpty())) {
        return x.getAttributeValue(i);
      }
    }
    return null;
  }
}
