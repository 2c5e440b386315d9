package se.bidrag.invoicing;

import java.time.Instant;
import java.time.LocalDate;
import se.bidrag.grant.GrantDefinition;

/** Invoices as the service would issue them, for document tests. */
final class Samples {
  private Samples() {}

  static final Creditor CREDITOR = Creditor.of(
      new GrantDefinition.Agency("Socialstyrelsen", "2021000555", "106 30", "Stockholm"), "5050-1055");
  static final Invoice.Debtor OREBRO = new Invoice.Debtor("Region Örebro län", "2321000164", "registrator@regionorebrolan.se");

  static Invoice invoice(long amount) {
    String number = InvoiceNumber.of(2026, 1);
    return new Invoice(number, Invoice.Type.INVOICE, "god-och-nara-vard-2025",
        "Statsbidrag för utveckling av en god och nära vård 2025", "region-18", OREBRO, Invoice.Reason.UNSPENT,
        "Återbetalning av ej förbrukade medel enligt återrapport version 1, lämnad 2026-03-20.", amount,
        LocalDate.of(2026, 3, 20), LocalDate.of(2026, 4, 19), InvoiceNumber.ocr(number), "Anna Andersson", null,
        "report:region-18:v1", Instant.parse("2026-03-20T09:00:00Z"));
  }

  static Invoice creditNote(long amount) {
    String number = InvoiceNumber.of(2026, 2);
    return new Invoice(number, Invoice.Type.CREDIT_NOTE, "god-och-nara-vard-2025",
        "Statsbidrag för utveckling av en god och nära vård 2025", "region-18", OREBRO, Invoice.Reason.WAIVER,
        "Eftergift enligt beslut 2026-05-04: kostnaderna avsåg bidragsåret.", amount, LocalDate.of(2026, 5, 4), null,
        null, "Anna Andersson", InvoiceNumber.of(2026, 1), "waiver:2026000001:k1", Instant.parse("2026-05-04T09:00:00Z"));
  }
}
