package se.bidrag.account;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import se.bidrag.access.Registrations;
import se.bidrag.allocation.AllocationStore;
import se.bidrag.requisition.Requisition;
import se.bidrag.requisition.RequisitionStore;

/**
 * Where an organisation is written to about its payout account: the registry mailboxes its
 * requisitions of the grant name (Region Gotland's two recipient roles may name two), else its
 * ombud's e-mail address, else nowhere. The organisation's recipients are read from the published
 * allocation once per container (it does not change once published).
 */
public final class RegistryMailboxes {
  private final String grantId;
  private final AllocationStore allocations;
  private final RequisitionStore requisitions;
  private final Registrations registrations;
  private volatile Map<String, List<AllocationStore.StoredAllocation>> byOrgnr;

  public RegistryMailboxes(String grantId, AllocationStore allocations, RequisitionStore requisitions,
      Registrations registrations) {
    this.grantId = grantId;
    this.allocations = allocations;
    this.requisitions = requisitions;
    this.registrations = registrations;
  }

  /** The organisation's name and the addresses to write to (none when it has neither a requisition nor an ombud e-mail). */
  public record Addressees(String name, List<String> addresses) {}

  public Addressees of(String orgnr) {
    List<AllocationStore.StoredAllocation> recipients = recipients().getOrDefault(orgnr, List.of());
    String name = recipients.isEmpty() ? orgnr : recipients.get(0).name();
    Set<String> addresses = new LinkedHashSet<>();
    for (AllocationStore.StoredAllocation a : recipients) {
      requisitions.find(grantId, a.recipientId()).map(Requisition::form).map(f -> f.registryEmail())
          .filter(e -> e != null && !e.isBlank()).ifPresent(addresses::add);
    }
    if (addresses.isEmpty()) {
      registrations.ombud(orgnr).map(Registrations.Ombud::email).filter(e -> e != null && !e.isBlank())
          .ifPresent(addresses::add);
    }
    return new Addressees(name, new ArrayList<>(addresses));
  }

  private Map<String, List<AllocationStore.StoredAllocation>> recipients() {
    Map<String, List<AllocationStore.StoredAllocation>> m = byOrgnr;
    if (m == null) {
      m = new TreeMap<>();
      for (AllocationStore.StoredAllocation a : allocations.allocations(grantId)) {
        m.computeIfAbsent(a.orgnr(), k -> new ArrayList<>()).add(a);
      }
      if (!m.isEmpty()) {
        byOrgnr = m; // kept only once the allocation is published
      }
    }
    return m;
  }
}
