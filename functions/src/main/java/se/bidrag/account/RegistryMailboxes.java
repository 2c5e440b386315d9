package se.bidrag.account;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import se.bidrag.access.Registrations;
import se.bidrag.allocation.AllocationStore;
import se.bidrag.grant.GrantCatalog;
import se.bidrag.grant.GrantDefinition;
import se.bidrag.requisition.Requisition;
import se.bidrag.requisition.RequisitionStore;

/**
 * Where an organisation is written to about its payout account, which serves every grant: the registry
 * mailboxes its requisitions name in the grants the daily jobs run for (Region Gotland's two recipient
 * roles may name two, and each grant may name another), else its ombud's e-mail address, else nowhere.
 * A grant's recipients are read from its published allocation once per container (it does not change
 * once published).
 */
public final class RegistryMailboxes {
  private final GrantCatalog grants;
  private final AllocationStore allocations;
  private final RequisitionStore requisitions;
  private final Registrations registrations;
  private final Map<String, Map<String, List<AllocationStore.StoredAllocation>>> byGrant = new ConcurrentHashMap<>();

  public RegistryMailboxes(GrantCatalog grants, AllocationStore allocations, RequisitionStore requisitions,
      Registrations registrations) {
    this.grants = grants;
    this.allocations = allocations;
    this.requisitions = requisitions;
    this.registrations = registrations;
  }

  /**
   * The organisation's name, the addresses to write to (none when it has neither a requisition nor an
   * ombud e-mail) and the grants it is a recipient of.
   */
  public record Addressees(String name, List<String> addresses, List<GrantDefinition> grants) {}

  public Addressees of(String orgnr) {
    String name = orgnr;
    Set<String> addresses = new LinkedHashSet<>();
    List<GrantDefinition> of = new ArrayList<>();
    for (GrantDefinition grant : grants.scheduled()) {
      List<AllocationStore.StoredAllocation> recipients = recipients(grant.id()).getOrDefault(orgnr, List.of());
      if (recipients.isEmpty()) {
        continue;
      }
      of.add(grant);
      name = recipients.get(0).name();
      for (AllocationStore.StoredAllocation a : recipients) {
        requisitions.find(grant.id(), a.recipientId()).map(Requisition::form).map(f -> f.registryEmail())
            .filter(e -> e != null && !e.isBlank()).ifPresent(addresses::add);
      }
    }
    if (addresses.isEmpty()) {
      registrations.ombud(orgnr).map(Registrations.Ombud::email).filter(e -> e != null && !e.isBlank())
          .ifPresent(addresses::add);
    }
    return new Addressees(name, new ArrayList<>(addresses), of);
  }

  private Map<String, List<AllocationStore.StoredAllocation>> recipients(String grantId) {
    Map<String, List<AllocationStore.StoredAllocation>> m = byGrant.get(grantId);
    if (m == null) {
      m = new TreeMap<>();
      for (AllocationStore.StoredAllocation a : allocations.allocations(grantId)) {
        m.computeIfAbsent(a.orgnr(), k -> new ArrayList<>()).add(a);
      }
      if (!m.isEmpty()) {
        byGrant.put(grantId, m); // kept only once the allocation is published
      }
    }
    return m;
  }
}
