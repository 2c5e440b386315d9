package se.bidrag.payout;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The payment-file store in memory, with the port's rules: an order recorded once; a part written once, refused
 * with {@link PaymentFileStore.SplitChanged} when it is there with other orders or beside a file of the other split
 * (as DynamoPaymentFileStore's transaction does); orders marked filed once. {@link #failWritingPart} makes the next
 * write of that part die (as a crash would) once.
 */
final class InMemoryPaymentFileStore implements PaymentFileStore {
  final Map<String, PaymentOrder> orders = new TreeMap<>();
  final Map<String, PaymentFile> files = new TreeMap<>();
  final Map<String, PayoutBatch.Approval> approvals = new LinkedHashMap<>();
  final Map<String, Integer> filed = new TreeMap<>();
  final List<String> writes = new ArrayList<>();
  int failWritingPart;

  private static String key(String grantId, String runId) {
    return grantId + "#" + runId;
  }

  private static String fileKey(String grantId, String runId, int part, int parts) {
    return key(grantId, runId) + "/" + DynamoPaymentFileStore.fileSk(part, parts);
  }

  @Override
  public boolean recordOrder(PaymentOrder o) {
    return orders.putIfAbsent(key(o.grantId(), o.runId()) + "/" + o.orderId(), o) == null;
  }

  @Override
  public List<PaymentOrder> ordersOf(String grantId, String runId) {
    return orders.values().stream().filter(o -> o.grantId().equals(grantId) && o.runId().equals(runId)).toList();
  }

  @Override
  public boolean writeFile(PaymentFile f) {
    if (failWritingPart == f.part()) {
      failWritingPart = 0;
      throw new IllegalStateException("injected: writing part " + f.part() + " dies");
    }
    String other = fileKey(f.grantId(), f.runId(), 1, f.parts() == 1 ? 2 : 1);
    if (files.containsKey(other)) {
      throw new SplitChanged("run " + f.runId() + " was written split another way");
    }
    String k = fileKey(f.grantId(), f.runId(), f.part(), f.parts());
    PaymentFile old = files.get(k);
    if (old != null) {
      if (old.parts() != f.parts() || old.orders() != f.orders() || old.total() != f.total()
          || !old.firstOrder().equals(f.firstOrder()) || !old.lastOrder().equals(f.lastOrder())) {
        throw new SplitChanged("run " + f.runId() + " part " + f.part() + " holds other orders");
      }
      return false;
    }
    files.put(k, f);
    writes.add(f.messageId());
    return true;
  }

  @Override
  public Optional<PayoutBatch.Approval> approval(String grantId, String runId) {
    return Optional.ofNullable(approvals.get(key(grantId, runId)));
  }

  @Override
  public int markFiled(String grantId, String runId, List<PaymentOrder> list) {
    int marked = 0;
    for (PaymentOrder o : list) {
      if (filed.merge(o.orderId(), 1, Integer::sum) == 1) {
        marked++;
      }
    }
    return marked;
  }

  @Override
  public Optional<PaymentFile> file(String grantId, String runId, int part) {
    PaymentFile one = part == 1 ? files.get(fileKey(grantId, runId, 1, 1)) : null;
    return Optional.ofNullable(one != null ? one : files.get(fileKey(grantId, runId, part, 2)));
  }

  @Override
  public List<PaymentFile> files(String grantId) {
    return files.values().stream().filter(f -> f.grantId().equals(grantId))
        .sorted(Comparator.comparing(PaymentFile::runId).thenComparing(PaymentFile::part)).toList();
  }
}
