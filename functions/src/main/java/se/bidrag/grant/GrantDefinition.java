package se.bidrag.grant;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A grant, as data: its pots and their keys, the deadline, the areas money may be used for. Loaded
 * from {@code grants/<id>.json} by {@link GrantCatalog}; a new grant needs a new file, not new code.
 *
 * @param scheduledJobs whether the daily jobs (redistribution, payout, reporting, invoicing) run for it:
 *     true but for the smoke-test grant ({@code "scheduledJobs": false}), which nothing may pay out
 */
public record GrantDefinition(
    String id,
    String title,
    String regulation,
    String instructions,
    Agency agency,
    int grantYear,
    long total,
    ZoneId timeZone,
    LocalDate requisitionDeadline,
    Map<String, Measure> measures,
    Map<String, Classification> classifications,
    List<Pot> pots,
    List<Area> areas,
    Reporting reporting,
    Invoicing invoicing,
    boolean scheduledJobs) {

  public GrantDefinition {
    measures = Collections.unmodifiableMap(new LinkedHashMap<>(measures));
    classifications = Collections.unmodifiableMap(new LinkedHashMap<>(classifications));
    pots = List.copyOf(pots);
    areas = List.copyOf(areas);
  }

  /**
   * The agency that administers the grant; the creditor of its repayment invoices.
   *
   * @param postalCode the agency's postal address (e.g. {@code 106 30}); null when not given
   */
  public record Agency(String name, String orgnr, String postalCode, String city) {}

  /**
   * How repayments are invoiced: the invoice is due {@code paymentTermDays} after it is issued, and a
   * report with unspent money is told its invoice comes within about {@code invoiceWithinDays} (the
   * invoicing runs on the report's arrival and daily, so this is a promise with room to spare).
   * Grants without an {@code invoicing} section get {@link #DEFAULT}. {@code series} (0–9) is the digit
   * of the grant's own invoice number series; two grants that invoice in the same year need different ones.
   */
  public record Invoicing(int paymentTermDays, int invoiceWithinDays, int series) {
    public static final Invoicing DEFAULT = new Invoicing(30, 7, 0);
  }

  /** A per-municipality count taken from a dataset (population, care recipients, ...). */
  public record Measure(String id, String dataset, String title) {}

  /** A per-municipality class taken from a dataset, with the weight each class carries in a key. */
  public record Classification(String id, String dataset, String title, Map<String, Long> weights) {
    public Classification {
      weights = Collections.unmodifiableMap(new LinkedHashMap<>(weights));
    }
  }

  /**
   * One pot: an amount shared by the recipients of one kind in proportion to the key.
   *
   * @param breakdown {@code "municipality"} to show how a region's amount is made up of its
   *     municipalities' key values, or null
   */
  public record Pot(String id, String title, RecipientKind recipientKind, long amount, List<KeyComponent> key,
      String breakdown) {
    public Pot {
      key = List.copyOf(key);
    }
  }

  /**
   * One part of a pot's key: the recipient's share of the measure's national total, counting
   * {@code portion} parts of the whole key (portions 1 and 1 are halves). With {@code weightedBy},
   * each municipality's measure is multiplied by its class weight first.
   */
  public record KeyComponent(String measure, long portion, String weightedBy) {}

  /** One of the areas (insatsområden) the grant may be used for. */
  public record Area(int number, String title, List<String> requiresAllocationFrom) {
    public Area {
      requiresAllocationFrom = List.copyOf(requiresAllocationFrom);
    }
  }

  /**
   * When reporting happens: the web-form links go out on {@code dispatchDate}, reports are due on
   * {@code deadline}, reminders go out the given number of working days before (negative) or after
   * (positive) the deadline. The personal links are valid until the end of the deadline's day plus
   * {@code linkGraceDays} (a link sent later, e.g. a new one asked for after that, for
   * {@code linkGraceDays} from when it is sent). Null for a grant without reporting configured.
   */
  public record Reporting(LocalDate dispatchDate, LocalDate deadline, List<Integer> reminderWorkingDays,
      int linkGraceDays) {
    public Reporting {
      reminderWorkingDays = List.copyOf(reminderWorkingDays);
    }
  }

  /** The first instant at which requisitions are no longer accepted (the day after the deadline, local midnight). */
  public Instant requisitionClosesAt() {
    return requisitionDeadline.plusDays(1).atStartOfDay(timeZone).toInstant();
  }

  public boolean requisitionOpenAt(Instant instant) {
    return instant.isBefore(requisitionClosesAt());
  }

  /**
   * The first instant at which a report is late: the day after the reporting deadline, local midnight
   * (a grant with reporting).
   */
  public Instant reportsLateFrom() {
    return reporting.deadline().plusDays(1).atStartOfDay(timeZone).toInstant();
  }

  /** Whether a report made at this instant is late: after the reporting deadline, judged in the grant's time zone. */
  public boolean reportLateAt(Instant instant) {
    return !instant.isBefore(reportsLateFrom());
  }

  /**
   * Until when a personal link sent at {@code issuedAt} is valid: the end of the reporting deadline's
   * day plus the grace, or the grace from {@code issuedAt} when that is later (a grant with reporting).
   */
  public Instant reportLinkExpiresAt(Instant issuedAt) {
    Instant byDeadline = reporting.deadline().plusDays(1L + reporting.linkGraceDays()).atStartOfDay(timeZone).toInstant();
    Instant bySending = issuedAt.atZone(timeZone).toLocalDate().plusDays(1L + reporting.linkGraceDays())
        .atStartOfDay(timeZone).toInstant();
    return byDeadline.isAfter(bySending) ? byDeadline : bySending;
  }

  public Optional<Pot> pot(String potId) {
    return pots.stream().filter(p -> p.id().equals(potId)).findFirst();
  }

  public List<Pot> potsFor(RecipientKind kind) {
    return pots.stream().filter(p -> p.recipientKind() == kind).toList();
  }

  public Optional<Area> area(int number) {
    return areas.stream().filter(a -> a.number() == number).findFirst();
  }
}
