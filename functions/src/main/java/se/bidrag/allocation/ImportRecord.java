package se.bidrag.allocation;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import se.bidrag.json.Json;

/**
 * What {@code ./bidrag data import} leaves beside the file it wrote ({@code <file>.import.json}): which file it
 * wrote (and its SHA-256, so a later hand edit is caught), the agency's original file and its SHA-256, the reader
 * and the layout it found, the source and vintage read from the file, and the validation report. The loader puts
 * it into the dataset's provenance, so every allocation names it.
 */
public record ImportRecord(String dataset, String file, String sha256, String source, String vintage,
    String originalFile, String originalSha256, long originalBytes, String reader, String layout,
    List<String> checks, List<String> warnings) {

  public static final String SUFFIX = ".import.json";

  public ImportRecord {
    checks = List.copyOf(checks);
    warnings = List.copyOf(warnings);
  }

  public ObjectNode toJson() {
    ObjectNode o = Json.object();
    o.put("dataset", dataset).put("file", file).put("sha256", sha256).put("source", source).put("vintage", vintage);
    o.putObject("original").put("file", originalFile).put("sha256", originalSha256).put("bytes", originalBytes);
    o.put("reader", reader).put("layout", layout);
    ObjectNode report = o.putObject("report");
    checks.forEach(report.putArray("checks")::add);
    warnings.forEach(report.putArray("warnings")::add);
    return o;
  }

  /** Reads a record; {@code location} names it in messages. */
  public static ImportRecord parse(String location, byte[] bytes) {
    JsonNode o;
    try {
      o = Json.parse(new String(bytes, java.nio.charset.StandardCharsets.UTF_8));
    } catch (JsonProcessingException e) {
      throw new DataException(location, 0, null, "not a readable import record: " + e.getOriginalMessage());
    }
    List<String> checks = new ArrayList<>();
    o.path("report").path("checks").forEach(c -> checks.add(c.asText()));
    List<String> warnings = new ArrayList<>();
    o.path("report").path("warnings").forEach(w -> warnings.add(w.asText()));
    return new ImportRecord(text(location, o, "dataset"), text(location, o, "file"), text(location, o, "sha256"),
        text(location, o, "source"), text(location, o, "vintage"), text(location, o.path("original"), "file"),
        text(location, o.path("original"), "sha256"), o.path("original").path("bytes").asLong(),
        text(location, o, "reader"), text(location, o, "layout"), checks, warnings);
  }

  private static String text(String location, JsonNode o, String field) {
    if (!o.path(field).isTextual() || o.path(field).asText().isBlank()) {
      throw new DataException(location, 0, field, "missing from the import record");
    }
    return o.path(field).asText();
  }

  public Provenance.Import toProvenance() {
    return new Provenance.Import(originalFile, originalSha256, reader, layout, checks, warnings);
  }
}
