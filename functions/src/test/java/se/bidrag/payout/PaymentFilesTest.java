package se.bidrag.payout;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import se.bidrag.grant.GrantCatalog;

/** A run's payment file, split into parts where the run holds more orders than one file may. */
class PaymentFilesTest {
  static final String GRANT = "god-och-nara-vard-2025";
  static final String RUN = "20250418T060000-1a2b3";
  static final int LIMIT = 3;

  final InMemoryPaymentFileStore store = new InMemoryPaymentFileStore();
  final Map<String, Long> counted = new TreeMap<>();

  PaymentFiles files(int limit) {
    return new PaymentFiles(GrantCatalog.bundled(), store, "5050-1055", null,
        (metric, grant, n) -> counted.merge(metric.name(), n, Long::sum), limit);
  }

  /** n orders recorded (ids out of order on purpose), the batch approved; their total. */
  long run(int n) {
    long total = 0;
    for (int i = n; i >= 1; i--) {
      String recipient = String.format("kommun-%04d", i);
      long amount = 1_000 + 7L * i;
      store.recordOrder(new PaymentOrder(PaymentOrder.id(PaymentOrder.Kind.REQUISITION, recipient), GRANT, recipient,
          "2120000019", "Kommun " + i, PaymentOrder.Kind.REQUISITION, amount, "50501055", RUN, PaymentOrder.Status.SENT,
          Instant.parse("2025-04-18T04:00:00Z")));
      total += amount;
    }
    store.approvals.put(GRANT + "#" + RUN, new PayoutBatch.Approval("ATT-20250418-1a2b3c4d", "attestant-1",
        "2021000555/attestant/attestant-1", Instant.parse("2025-04-18T07:12:00Z")));
    return total;
  }

  static String text(PaymentFileStore.PaymentFile f) {
    return new String(f.xml(), StandardCharsets.UTF_8);
  }

  static List<String> all(String regex, String text) {
    List<String> found = new ArrayList<>();
    Matcher m = Pattern.compile(regex).matcher(text);
    while (m.find()) {
      found.add(m.group(1));
    }
    return found;
  }

  @ParameterizedTest(name = "{0} orders in files of at most 3: {1} part(s)")
  @CsvSource({"1, 1", "2, 1", "3, 1", "4, 2", "6, 2", "7, 3", "10, 4"})
  void theOrdersAreSplitIntoContiguousChunksOfTheLimit(int n, int parts) {
    long total = run(n);
    assertEquals(parts, files(LIMIT).closeParts(GRANT, RUN, n, total));
    List<PaymentFileStore.PaymentFile> written = store.files(GRANT);
    assertEquals(parts, written.size());
    List<String> inOrder = new ArrayList<>();
    long sum = 0;
    int orders = 0;
    for (int p = 1; p <= parts; p++) {
      PaymentFileStore.PaymentFile f = written.get(p - 1);
      String xml = text(f);
      assertEquals(p, f.part());
      assertEquals(parts, f.parts());
      assertEquals(p < parts ? LIMIT : n - LIMIT * (parts - 1), f.orders(), "full parts, the last one the rest");
      String msgId = parts == 1 ? RUN : RUN + "-" + p;
      assertEquals(msgId, f.messageId());
      assertEquals(List.of(msgId), all("<MsgId>([^<]+)</MsgId>", xml));
      assertEquals(List.of(msgId), all("<PmtInfId>([^<]+)</PmtInfId>", xml));
      List<String> ids = all("<EndToEndId>([^<]+)</EndToEndId>", xml);
      long ctrl = all("<InstdAmt Ccy=\"SEK\">([0-9]+)\\.00</InstdAmt>", xml).stream().mapToLong(Long::parseLong).sum();
      assertEquals(List.of(Integer.toString(f.orders()), Integer.toString(f.orders())),
          all("<NbOfTxs>([^<]+)</NbOfTxs>", xml), "the group header's and the payment information's count: the part's");
      assertEquals(List.of(ctrl + ".00", ctrl + ".00"), all("<CtrlSum>([^<]+)</CtrlSum>", xml),
          "the control sums: the part's");
      assertEquals(ctrl, f.total());
      assertEquals(ids.get(0), f.firstOrder());
      assertEquals(ids.get(ids.size() - 1), f.lastOrder());
      assertEquals(PaymentFiles.sha256(f.xml()), f.sha256());
      assertTrue(xml.contains("<Authstn><Prtry>Attest ATT-20250418-1a2b3c4d "), "every part names the approval");
      inOrder.addAll(ids);
      sum += f.total();
      orders += f.orders();
    }
    assertEquals(n, orders);
    assertEquals(total, sum, "the parts add up to the run");
    assertEquals(inOrder.stream().sorted().toList(), inOrder, "contiguous chunks in order-id order");
    assertEquals(n, inOrder.stream().distinct().count(), "every order in exactly one part");
    assertEquals(n, store.filed.size(), "every order marked filed");
    assertEquals(Map.of("PAYMENT_ORDERS_FILED", (long) n), counted, "counted once, with the parts");
  }

  @Test
  void aRunAtTheLimitIsTheOneFileItWasBeforeRunsWereSplit() {
    long total = run(LIMIT);
    files(LIMIT).close(GRANT, RUN, LIMIT, total);
    PaymentFileStore.PaymentFile f = store.file(GRANT, RUN).orElseThrow();
    assertEquals(1, f.parts());
    assertEquals("pain001-" + RUN + ".xml", f.fileName());
    assertEquals(List.of(RUN + "/FILE"), store.files.keySet().stream().map(k -> k.substring(k.indexOf('#') + 1)).toList());
    byte[] unsplit = f.xml();
    InMemoryPaymentFileStore other = new InMemoryPaymentFileStore();
    other.orders.putAll(store.orders);
    other.approvals.putAll(store.approvals);
    new PaymentFiles(GrantCatalog.bundled(), other, "5050-1055", null, (m, g, n) -> { }).close(GRANT, RUN, LIMIT, total);
    assertArrayEquals(unsplit, other.file(GRANT, RUN).orElseThrow().xml(),
        "the same bytes as with the default limit: a run under the limit is written as it always was");
  }

  @Test
  void closingAgainWritesNothingAndTheBytesStayTheSame() {
    long total = run(10);
    assertEquals(4, files(LIMIT).closeParts(GRANT, RUN, 10, total));
    Map<String, PaymentFileStore.PaymentFile> first = new TreeMap<>(store.files);
    assertEquals(0, files(LIMIT).closeParts(GRANT, RUN, 10, total));
    assertEquals(first, store.files, "nothing new written");
    assertEquals(4, store.writes.size());
    assertEquals(Map.of("PAYMENT_ORDERS_FILED", 10L), counted, "not counted twice");
    // built again they are the same bytes
    InMemoryPaymentFileStore other = new InMemoryPaymentFileStore();
    other.orders.putAll(store.orders);
    other.approvals.putAll(store.approvals);
    new PaymentFiles(GrantCatalog.bundled(), other, "5050-1055", null, (m, g, n) -> { }, LIMIT).close(GRANT, RUN, 10, total);
    for (int p = 1; p <= 4; p++) {
      assertArrayEquals(store.file(GRANT, RUN, p).orElseThrow().xml(), other.file(GRANT, RUN, p).orElseThrow().xml());
    }
  }

  @Test
  void aRetryAfterDyingPartWayWritesOnlyTheMissingParts() {
    long total = run(10);
    store.failWritingPart = 3;
    assertThrows(IllegalStateException.class, () -> files(LIMIT).close(GRANT, RUN, 10, total));
    assertEquals(List.of(RUN + "-1", RUN + "-2"), store.writes);
    assertTrue(store.filed.isEmpty(), "nothing marked filed before every part is written");
    assertEquals(2, files(LIMIT).closeParts(GRANT, RUN, 10, total));
    assertEquals(List.of(RUN + "-1", RUN + "-2", RUN + "-3", RUN + "-4"), store.writes, "each part written once");
    assertEquals(10, store.filed.size());
    assertEquals(Map.of("PAYMENT_ORDERS_FILED", 10L), counted);
  }

  @Test
  void aLimitChangedBetweenTwoTriesWritesNothingMore() {
    long total = run(10);
    store.failWritingPart = 3;
    assertThrows(IllegalStateException.class, () -> files(LIMIT).close(GRANT, RUN, 10, total));
    assertThrows(PaymentFileStore.SplitChanged.class, () -> files(4).close(GRANT, RUN, 10, total),
        "parts of 4 would pay orders 4 to 6 twice and lose 7 to 10");
    assertThrows(PaymentFileStore.SplitChanged.class, () -> files(100).close(GRANT, RUN, 10, total),
        "one file beside the parts would pay them twice");
    assertEquals(2, store.files.size());
    assertTrue(store.filed.isEmpty());
  }

  @Test
  void aRunWrittenInOneFileIsNotWrittenAgainInParts() {
    long total = run(10);
    files(100).close(GRANT, RUN, 10, total);
    assertThrows(PaymentFileStore.SplitChanged.class, () -> files(LIMIT).close(GRANT, RUN, 10, total));
    assertEquals(1, store.files.size());
  }

  @Test
  void theLimitIsAtLeastOne() {
    assertThrows(IllegalArgumentException.class, () -> files(0));
    assertEquals(List.of(), PaymentFiles.split(List.of(), LIMIT));
  }
}
