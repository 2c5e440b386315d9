package se.bidrag.demo;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** The allocation as the demo writes it to {@code allocation.csv}: one row per recipient role, a column per pot. */
final class AllocationCsv {
  private AllocationCsv() {}

  static byte[] of(JsonNode allocations, List<String> potIds) {
    StringBuilder csv = new StringBuilder("recipientId,kind,name,orgnr");
    potIds.forEach(p -> csv.append(',').append(p));
    csv.append(",total\n");
    for (JsonNode a : allocations.path("allocations")) {
      csv.append(a.path("recipientId").asText()).append(',').append(a.path("kind").asText()).append(',')
          .append(quote(a.path("name").asText())).append(',').append(a.path("orgnr").asText());
      potIds.forEach(p -> csv.append(',').append(a.path("pots").path(p).asLong()));
      csv.append(',').append(a.path("total").asLong()).append('\n');
    }
    return csv.toString().getBytes(StandardCharsets.UTF_8);
  }

  private static String quote(String s) {
    return s.contains(",") || s.contains("\"") ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
  }
}
