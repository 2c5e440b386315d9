package se.bidrag.allocation;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import se.bidrag.grant.Recipient;

/**
 * The checked inputs an allocation is computed from: municipalities and regions, each
 * municipality's counts and classes, and where every file came from.
 *
 * @param counts dataset id → kommunkod → count (every municipality present)
 * @param classes dataset id → kommunkod → class (every municipality present)
 */
public record BaseData(List<Municipality> municipalities, List<Recipient> recipients,
    Map<String, Map<String, Long>> counts, Map<String, Map<String, String>> classes, List<Provenance> provenance) {

  public BaseData {
    municipalities = List.copyOf(municipalities);
    recipients = List.copyOf(recipients);
    counts = Collections.unmodifiableMap(new LinkedHashMap<>(counts));
    classes = Collections.unmodifiableMap(new LinkedHashMap<>(classes));
    provenance = List.copyOf(provenance);
  }

  public Optional<Recipient> recipient(String recipientId) {
    return recipients.stream().filter(r -> r.id().equals(recipientId)).findFirst();
  }

  public List<Municipality> municipalitiesOf(String lanCode) {
    return municipalities.stream().filter(m -> m.lanCode().equals(lanCode)).toList();
  }
}
