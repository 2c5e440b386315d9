package se.bidrag.invoicing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;
import se.bidrag.json.Json;

/** Invoices as JSON: as stored (the issued document) and as the API shows them. */
public final class InvoiceJson {
  private InvoiceJson() {}

  /** Everything the invoice says, as issued. */
  public static ObjectNode document(Invoice inv) {
    ObjectNode o = Json.object().put("number", inv.number()).put("type", inv.type().code())
        .put("grantId", inv.grantId()).put("grantTitle", inv.grantTitle()).put("recipientId", inv.recipientId());
    o.putObject("debtor").put("name", inv.debtor().name()).put("orgnr", inv.debtor().orgnr())
        .put("email", inv.debtor().email());
    o.put("reason", inv.reason().code()).put("description", inv.description()).put("amount", inv.amount())
        .put("currency", "SEK").put("issueDate", inv.issueDate().toString())
        .put("dueDate", inv.dueDate() == null ? null : inv.dueDate().toString()).put("ocr", inv.ocr())
        .put("buyerReference", inv.buyerReference()).put("credits", inv.credits()).put("source", inv.source())
        .put("createdAt", inv.createdAt().toString());
    return o;
  }

  public static Invoice parseDocument(JsonNode o) {
    JsonNode d = o.path("debtor");
    return new Invoice(o.path("number").asText(), Invoice.Type.parse(o.path("type").asText()),
        o.path("grantId").asText(), o.path("grantTitle").asText(), o.path("recipientId").asText(),
        new Invoice.Debtor(d.path("name").asText(), d.path("orgnr").asText(), d.path("email").asText()),
        Invoice.Reason.parse(o.path("reason").asText()), o.path("description").asText(), o.path("amount").asLong(),
        LocalDate.parse(o.path("issueDate").asText()), text(o, "dueDate") == null ? null : LocalDate.parse(text(o, "dueDate")),
        text(o, "ocr"), o.path("buyerReference").asText(), text(o, "credits"), o.path("source").asText(),
        Instant.parse(o.path("createdAt").asText()));
  }

  private static String text(JsonNode o, String name) {
    return o.hasNonNull(name) ? o.get(name).asText() : null;
  }

  /** A grant's invoices and credit notes as the API lists them, with their totals. */
  public static ObjectNode list(String grantId, InvoicingService.Invoices invoices, Creditor creditor) {
    ObjectNode body = Json.object().put("grant", grantId);
    ArrayNode list = body.putArray("invoices");
    invoices.documents().forEach(s -> list.add(api(s, creditor)));
    InvoiceTotals t = invoices.totals();
    body.putObject("totals").put("invoices", t.invoices()).put("invoiced", t.invoiced()).put("creditNotes", t.creditNotes())
        .put("credited", t.credited()).put("net", t.net()).put("outstanding", t.outstanding());
    return body;
  }

  /** What a recovery or a waiver issued (or had issued before: {@code created} false). */
  public static ObjectNode issued(InvoicingService.Result r, Creditor creditor) {
    ObjectNode body = Json.object().put("created", r.created());
    ArrayNode list = body.putArray("invoices");
    r.invoices().forEach(s -> list.add(api(s, creditor)));
    return body;
  }

  /** The recipients that never reported, as the daily run listed them after the deadline (or that it has not yet). */
  public static ObjectNode nonReporters(String grantId, Optional<InvoiceStore.NonReporters> listed) {
    ObjectNode body = Json.object().put("grant", grantId);
    if (listed.isEmpty()) {
      body.put("listed", false).put("detail", "the list is made by the daily invoicing run after the reporting deadline");
      body.putArray("recipients");
      return body;
    }
    InvoiceStore.NonReporters list = listed.get();
    body.put("listed", true).put("deadline", list.deadline().toString()).put("listedAt", list.listedAt().toString());
    ArrayNode out = body.putArray("recipients");
    for (InvoiceStore.NonReporters.Entry e : list.recipients()) {
      out.addObject().put("recipientId", e.recipientId()).put("name", e.name()).put("orgnr", e.orgnr())
          .put("received", e.received()).put("invoiced", e.invoiced());
    }
    body.putObject("totals").put("recipients", list.recipients().size()).put("received", list.received());
    return body;
  }

  /** The invoice as the API shows it: the document, what is credited and outstanding, and where its files are. */
  public static ObjectNode api(StoredInvoice s, Creditor creditor) {
    ObjectNode o = document(s.invoice());
    o.remove("source");
    o.put("credited", s.credited()).put("outstanding", s.outstanding()).put("status", s.status())
        .put("mailed", s.mailed());
    if (creditor != null && !s.invoice().isCreditNote()) {
      o.putObject("payTo").put("bankgiro", creditor.bankgiro()).put("reference", s.invoice().ocr());
    }
    String href = "/invoices/" + s.invoice().number();
    o.putObject("links").put("self", href).put("pdf", href + " (Accept: application/pdf)")
        .put("ubl", href + " (Accept: application/xml)");
    return o;
  }
}
