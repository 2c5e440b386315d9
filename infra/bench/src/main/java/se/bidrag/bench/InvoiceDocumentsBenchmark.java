package se.bidrag.bench;

import java.time.Instant;
import java.time.LocalDate;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import se.bidrag.grant.GrantDefinition;
import se.bidrag.invoicing.Creditor;
import se.bidrag.invoicing.Invoice;
import se.bidrag.invoicing.InvoiceNumber;
import se.bidrag.invoicing.InvoicePdf;
import se.bidrag.invoicing.PeppolUbl;

/**
 * Rendering one invoice, warm: the Peppol UBL document and the PDF (what every issuing does once,
 * inside its retry loop). Run: {@code ./bidrag bench documents}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class InvoiceDocumentsBenchmark {
  private final Creditor creditor = Creditor.of(
      new GrantDefinition.Agency("Socialstyrelsen", "2021000555", "106 30", "Stockholm"), "5050-1055");
  private final Invoice invoice = new Invoice(InvoiceNumber.of(2026, 1), Invoice.Type.INVOICE, "god-och-nara-vard-2025",
      "Statsbidrag för utveckling av en god och nära vård 2025", "region-18",
      new Invoice.Debtor("Region Örebro län", "2321000164", "registrator@example.se"), Invoice.Reason.UNSPENT,
      "Återbetalning av ej förbrukade medel enligt återrapport version 1, lämnad 2026-03-20.", 1_234_567,
      LocalDate.of(2026, 3, 20), LocalDate.of(2026, 4, 19), InvoiceNumber.ocr(InvoiceNumber.of(2026, 1)),
      "Anna Andersson", null, "report:region-18:v1", Instant.parse("2026-03-20T09:00:00Z"));

  @Benchmark
  public byte[] peppolUbl() {
    return PeppolUbl.write(invoice, creditor);
  }

  @Benchmark
  public byte[] pdf() {
    return InvoicePdf.render(invoice, creditor);
  }
}
