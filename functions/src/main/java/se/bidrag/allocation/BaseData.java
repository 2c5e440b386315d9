package se.bidrag.allocation;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import se.bidrag.grant.Recipient;

/**
 * The checked inputs an allocation is computed from: municipalities and regions, each
 * municipality's counts and classes, the care units (for a grant with unit pots) and their
 * measures, and where every file came from.
 *
 * @param counts dataset id → kommunkod → count (every municipality present)
 * @param classes dataset id → kommunkod → class (every municipality present)
 * @param units the care units, by id (empty for a grant without unit pots)
 * @param unitCounts dataset id → unit id → measure (every unit present)
 */
public record BaseData(List<Municipality> municipalities, List<Recipient> recipients,
    Map<String, Map<String, Long>> counts, Map<String, Map<String, String>> classes, List<Provenance> provenance,
    List<CareUnit> units, Map<String, Map<String, Long>> unitCounts) {

  public BaseData {
    municipalities = List.copyOf(municipalities);
    recipients = List.copyOf(recipients);
    counts = Collections.unmodifiableMap(new LinkedHashMap<>(counts));
    classes = Collections.unmodifiableMap(new LinkedHashMap<>(classes));
    provenance = List.copyOf(provenance);
    units = List.copyOf(units);
    unitCounts = Collections.unmodifiableMap(new LinkedHashMap<>(unitCounts));
  }

  /** Base data without care units. */
  public BaseData(List<Municipality> municipalities, List<Recipient> recipients,
      Map<String, Map<String, Long>> counts, Map<String, Map<String, String>> classes, List<Provenance> provenance) {
    this(municipalities, recipients, counts, classes, provenance, List.of(), Map.of());
  }

  public Optional<Recipient> recipient(String recipientId) {
    return recipients.stream().filter(r -> r.id().equals(recipientId)).findFirst();
  }

  public List<Municipality> municipalitiesOf(String lanCode) {
    return municipalities.stream().filter(m -> m.lanCode().equals(lanCode)).toList();
  }
}
