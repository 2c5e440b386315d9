package se.bidrag.grant;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Validates grant bundles and uploads them as new versions. Validation lists every problem it finds: the
 * definition's (as {@link GrantCatalog#parse} reports them, all of them), the grant's place among the
 * deployment's grants (an id a bundled grant has, an agency the deployment does not administer for, an invoice
 * series another grant of those years uses, a requisition deadline that has passed by the injected clock) and
 * the data's (the {@link DataCheck}: unknown or missing municipalities, classes, ...).
 *
 * <p>An upload of a bundle identical to the grant's latest version changes nothing and answers that version; a
 * changed bundle becomes the next version. Two uploads at once cannot both take a version: the store's put is
 * conditional, and the one that loses reads the latest version again and tries once more.
 */
public final class GrantUploads {
  /** The largest bundle accepted (the store gzips it and keeps it in at most a few items). */
  public static final long MAX_BUNDLE_BYTES = 16L * 1024 * 1024;
  /** Invoice series must differ between grants this many grant years apart or closer (their invoicing overlaps). */
  static final int SERIES_YEARS = 2;

  /** The data checks (the allocation's datasets), outside this package. */
  @FunctionalInterface
  public interface DataCheck {
    /**
     * Every problem of the bundle's data for the grant, each naming the file, line and field. {@code complete}:
     * the definition has no problem of its own (else it is as far as it could be read).
     */
    List<String> problems(GrantDefinition grant, GrantBundle bundle, boolean complete);
  }

  /** The outcome of an upload: the version served now, and whether this upload wrote it. */
  public record Outcome(GrantStore.Version version, boolean created) {}

  private final GrantStore store;
  private final GrantCatalog catalog;
  private final DataCheck data;
  private final Clock clock;

  /**
   * @param store null to validate only
   * @param catalog the grants the bundle is judged among (bundled, and with a store the uploaded ones)
   */
  public GrantUploads(GrantStore store, GrantCatalog catalog, DataCheck data, Clock clock) {
    this.store = store;
    this.catalog = catalog;
    this.data = data;
    this.clock = clock;
  }

  /** Every problem of the bundle; empty when it may be uploaded. */
  public List<String> problems(GrantBundle bundle) {
    List<String> problems = new ArrayList<>();
    if (bundle.size() > MAX_BUNDLE_BYTES) {
      problems.add("(bundle): " + bundle.size() + " bytes, more than the " + MAX_BUNDLE_BYTES + " a grant bundle may have");
    }
    // the definition's problems, and its checks against the grants and the data as far as it could be read
    GrantParser.Parsed parsed = GrantParser.gather(GrantBundle.GRANT_FILE, bundle.grantJson());
    problems.addAll(parsed.problems());
    GrantDefinition grant = parsed.partial();
    if (grant != null) {
      problems.addAll(placeAmongGrants(grant));
      try {
        problems.addAll(data.problems(grant, bundle, parsed.problems().isEmpty()));
      } catch (RuntimeException e) {
        problems.add("(data): " + e.getMessage());
      }
    }
    return problems;
  }

  private List<String> placeAmongGrants(GrantDefinition grant) {
    List<String> problems = new ArrayList<>();
    String f = GrantBundle.GRANT_FILE + ": ";
    if (catalog.isBundled(grant.id())) {
      problems.add(f + "id: '" + grant.id() + "' is a grant bundled with the deployment; an upload may not replace it"
          + " (give the grant an id of its own)");
    }
    if (!catalog.agencyOrgnrs().contains(grant.agency().orgnr())) {
      problems.add(f + "agency.orgnr: " + grant.agency().orgnr() + " is not an agency of this deployment ("
          + String.join(", ", catalog.agencyOrgnrs()) + "): its people's tokens would not be recognised");
    }
    Instant now = clock.instant();
    if (!grant.requisitionOpenAt(now)) {
      LocalDate today = now.atZone(grant.timeZone()).toLocalDate();
      problems.add(f + "requisitionDeadline: " + grant.requisitionDeadline() + " has passed (it is " + today + " in "
          + grant.timeZone() + ")");
    }
    if (grant.reporting() != null) {
      for (String other : catalog.ids()) {
        if (other.equals(grant.id())) {
          continue;
        }
        Optional<GrantDefinition> o = catalog.find(other);
        if (o.isPresent() && o.get().reporting() != null
            && o.get().invoicing().series() == grant.invoicing().series()
            && Math.abs(o.get().grantYear() - grant.grantYear()) <= SERIES_YEARS) {
          problems.add(f + "invoicing.series: " + grant.invoicing().series() + " is the invoice series of " + other
              + " (grant year " + o.get().grantYear() + "), which invoices in the same years; choose another digit");
        }
      }
    }
    return problems;
  }

  /**
   * Uploads the bundle, if it has no problem ({@link GrantDefinitionException} listing them all otherwise): the
   * latest version unchanged when the bundle is identical to it, else the next version.
   */
  public Outcome upload(GrantBundle bundle, String by) {
    List<String> problems = problems(bundle);
    if (!problems.isEmpty()) {
      throw new GrantDefinitionException(problems);
    }
    GrantDefinition grant = GrantCatalog.parse(GrantBundle.GRANT_FILE, bundle.grantJson());
    String sha = bundle.sha256();
    for (int attempt = 0; attempt < 5; attempt++) {
      Optional<GrantStore.Version> latest = store.latest(grant.id());
      if (latest.isPresent() && latest.get().sha256().equals(sha)) {
        return new Outcome(latest.get(), false);
      }
      GrantStore.Version next = new GrantStore.Version(grant.id(), latest.map(v -> v.number() + 1).orElse(1), sha,
          clock.instant(), by, grant.title());
      if (store.put(next, bundle)) {
        return new Outcome(next, true);
      }
    }
    throw new IllegalStateException("grant " + grant.id() + ": other uploads kept taking the next version; try again");
  }
}
