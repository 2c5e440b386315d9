package se.bidrag.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import se.bidrag.access.Caller;
import se.bidrag.json.Json;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;

/**
 * No code path updates or deletes an audit entry: {@code AUDIT#} keys are built in one class, which
 * only puts, and only on the condition that the entry does not exist (template.yaml's IAM Deny is
 * proven by the template's own test).
 */
class AuditIsAppendOnlyTest {
  private static final Path MAIN = Path.of("src/main/java");

  private static List<Path> sources() throws IOException {
    try (Stream<Path> files = Files.walk(MAIN)) {
      return files.filter(p -> p.toString().endsWith(".java")).toList();
    }
  }

  private static String read(Path p) {
    try {
      return Files.readString(p);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Test
  void onlyAuditItemsAddressesAuditKeys() throws IOException {
    List<String> addressing = sources().stream().filter(p -> read(p).contains("\"AUDIT#"))
        .map(p -> MAIN.relativize(p).toString().replace('\\', '/')).sorted().toList();
    assertEquals(List.of("se/bidrag/audit/AuditItems.java"), addressing);
  }

  @Test
  void auditItemsOnlyPutsAndOnlyWhatIsNotThere() throws IOException {
    String audit = read(MAIN.resolve("se/bidrag/audit/AuditItems.java"));
    assertTrue(!Pattern.compile("Update\\.builder|Delete\\.builder|updateItem|deleteItem|BatchWrite|PartiQL|executeStatement")
        .matcher(audit).find(), "AuditItems writes nothing but puts");
    AuditEntry e = new AuditEntry("g", "requisition/g/kommun-0114", 3, java.time.Instant.parse("2025-04-18T06:00:00Z"),
        Caller.system("test"), "requisition.paid", null, Json.object().put("recipientId", "kommun-0114"));
    TransactWriteItem put = AuditItems.put("t", e);
    assertEquals("attribute_not_exists(PK)", put.put().conditionExpression());
    assertEquals("AUDIT#requisition/g/kommun-0114", put.put().item().get("PK").s());
    assertEquals("kommun-0114", put.put().item().get("recipientId").s());
    assertEquals("2025-04-18T06:00:00.000000000Z#requisition/g/kommun-0114#000000000003",
        put.put().item().get("GSI1SK").s(), "sorts as time does");
  }
}
