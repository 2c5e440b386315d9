package se.bidrag.invoicing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.LocalDate;
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
