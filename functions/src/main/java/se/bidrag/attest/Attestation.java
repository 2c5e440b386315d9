package se.bidrag.attest;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import se.bidrag.grant.GrantCatalog;
import se.bidrag.grant.GrantDefinition;
import se.bidrag.grant.Refusal;
import se.bidrag.grant.SwedishCalendar;

/**
 * The agency's view of what awaits attestation: every proposal of a grant, how many Swedish working
 * days it has waited, and whether that is longer than the agency allows (then it is stale: listed for
 * the agency to act on).
 */
public final class Attestation {
  private final GrantCatalog catalog;
  private final Proposals proposals;
  private final int staleAfterWorkingDays;
  private final Clock clock;

  public Attestation(GrantCatalog catalog, Proposals proposals, int staleAfterWorkingDays, Clock clock) {
    this.catalog = catalog;
    this.proposals = proposals;
    this.staleAfterWorkingDays = staleAfterWorkingDays;
    this.clock = clock;
  }

  /** Which proposals to list. */
  public enum Filter { AWAITING, DECIDED, ALL }

  /** A proposal as listed: with the working days it has waited (until decided, or until today) and whether it is stale. */
  public record Listed(Proposal proposal, int workingDaysWaiting, boolean stale) {}

  /** The listing, and the rule it was made with. */
  public record Listing(String grantId, LocalDate today, int staleAfterWorkingDays, List<Listed> proposals) {}

  public Listing list(String grantId, Filter filter, boolean staleOnly, Proposal.Kind kind) {
    GrantDefinition grant = catalog.find(grantId).orElseThrow(() -> Refusal.notFound("grantId", "no grant " + grantId));
    ZoneId zone = grant.timeZone();
    LocalDate today = clock.instant().atZone(zone).toLocalDate();
    List<Proposal> found = new ArrayList<>();
    if (filter != Filter.DECIDED) {
      found.addAll(proposals.awaiting(grantId));
    }
    if (filter != Filter.AWAITING && !staleOnly) {
      found.addAll(proposals.decided(grantId));
    }
    List<Listed> out = new ArrayList<>();
    for (Proposal p : found) {
      if (kind != null && p.kind() != kind) {
        continue;
      }
      LocalDate until = p.decision() == null ? today : p.decision().at().atZone(zone).toLocalDate();
      int waited = SwedishCalendar.workingDaysBetween(p.proposedAt().atZone(zone).toLocalDate(), until);
      boolean stale = p.awaitingAttestation() && waited > staleAfterWorkingDays;
      if (!staleOnly || stale) {
        out.add(new Listed(p, waited, stale));
      }
    }
    out.sort(java.util.Comparator.comparing((Listed l) -> l.proposal().proposedAt()));
    return new Listing(grantId, today, staleAfterWorkingDays, out);
  }
}
