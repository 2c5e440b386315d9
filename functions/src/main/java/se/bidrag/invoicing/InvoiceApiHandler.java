package se.bidrag.invoicing;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import se.bidrag.access.Access;
import se.bidrag.access.Caller;
import se.bidrag.access.Callers;
import se.bidrag.http.ApiHandler;
import se.bidrag.http.ApiRequest;
import se.bidrag.http.ApiResponse;
import se.bidrag.http.JsonBody;
import se.bidrag.http.Problem;
import se.bidrag.platform.Platform;

/**
 * The invoice routes: the agency lists a grant's invoices, reclaims money (återkrav), waives invoices
 * (eftergift) and sees who never reported; an invoice is read as JSON, Peppol UBL or PDF (by Accept)
 * by the agency or by the debtor organisation's own users.
 */
public final class InvoiceApiHandler extends ApiHandler {
  private final InvoicingService service;

  public InvoiceApiHandler() {
    this(Platform.fromEnvironment());
    Wiring.registerPriming();
  }

  public InvoiceApiHandler(Platform platform) {
    this.service = Wiring.service(platform);
    route("GET /grants/{grantId}/invoices", this::list);
    route("POST /grants/{grantId}/recoveries", this::recover);
    route("GET /grants/{grantId}/non-reporters", this::nonReporters);
    route("GET /invoices/{number}", this::get);
    route("POST /invoices/{number}/waivers", this::waive);
  }

  private APIGatewayV2HTTPResponse list(ApiRequest request) {
    Access.requireAgency(Callers.of(request));
    String grantId = request.pathParameter("grantId");
    String recipient = request.query("recipientId").orElse(null);
    Creditor creditor = service.creditor(grantId);
    return ApiResponse.json(200, InvoiceJson.list(grantId, service.invoices(grantId, recipient), creditor));
  }

  private APIGatewayV2HTTPResponse recover(ApiRequest request) {
    Caller admin = Access.requireAgency(Callers.of(request));
    String grantId = request.pathParameter("grantId");
    String key = request.requiredIdempotencyKey();
    byte[] raw = request.bodyBytes();
    JsonBody b = new JsonBody(request.jsonBody(), Set.of("recipientId", "amount", "reason", "buyerReference"));
    String recipientId = b.text("recipientId", 64);
    Long amount = b.wholeKronor("amount");
    if (amount != null && amount < 1) {
      b.ruleError("amount", "must be at least 1 kr");
    }
    String reason = b.text("reason", 500);
    String reference = b.optionalText("buyerReference", 100).orElse(null);
    b.check();
    InvoicingService.Result r = service.recover(admin, grantId,
        new InvoicingService.Recovery(recipientId, amount, reason, reference), key, request.requestHash(raw));
    return issued(r, grantId);
  }

  private APIGatewayV2HTTPResponse waive(ApiRequest request) {
    Caller admin = Access.requireAgency(Callers.of(request));
    String number = request.pathParameter("number");
    String key = request.requiredIdempotencyKey();
    byte[] raw = request.bodyBytes();
    JsonBody b = new JsonBody(request.jsonBody(), Set.of("amount", "reason"));
    Long amount = b.node().hasNonNull("amount") ? b.wholeKronor("amount") : null;
    if (amount != null && amount < 1) {
      b.ruleError("amount", "must be at least 1 kr");
    }
    String reason = b.text("reason", 500);
    b.check();
    InvoicingService.Result r = service.waive(admin, number, new InvoicingService.Waiver(amount, reason), key,
        request.requestHash(raw));
    return issued(r, r.invoices().isEmpty() ? null : r.invoices().get(0).invoice().grantId());
  }

  private APIGatewayV2HTTPResponse issued(InvoicingService.Result r, String grantId) {
    Creditor creditor = grantId == null ? null : service.creditor(grantId);
    ObjectNode body = InvoiceJson.issued(r, creditor);
    String location = r.invoices().isEmpty() ? null : "/invoices/" + r.invoices().get(0).invoice().number();
    return ApiResponse.json(r.created() ? 201 : 200, body, location == null ? Map.of() : Map.of("Location", location));
  }

  private APIGatewayV2HTTPResponse nonReporters(ApiRequest request) {
    Access.requireAgency(Callers.of(request));
    String grantId = request.pathParameter("grantId");
    return ApiResponse.json(200, InvoiceJson.nonReporters(grantId, service.nonReporters(grantId)));
  }

  private APIGatewayV2HTTPResponse get(ApiRequest request) {
    Caller caller = Callers.of(request);
    String number = request.pathParameter("number");
    String type = accepted(request);
    StoredInvoice s = service.find(number, caller);
    String file = (s.invoice().isCreditNote() ? "kreditfaktura-" : "faktura-") + number;
    return switch (type) {
      case "application/pdf" -> ApiResponse.binary(200, "application/pdf",
          service.document(number, InvoiceStore.Format.PDF),
          Map.of("Content-Disposition", "inline; filename=\"" + file + ".pdf\""));
      case "application/xml" -> ApiResponse.text(200, "application/xml; charset=utf-8",
          new String(service.document(number, InvoiceStore.Format.UBL), StandardCharsets.UTF_8),
          Map.of("Content-Disposition", "attachment; filename=\"" + file + ".xml\""));
      default -> ApiResponse.json(200, InvoiceJson.api(s, service.creditor(s.invoice().grantId())));
    };
  }

  private static final List<String> OFFERED = List.of("application/json", "application/xml", "application/pdf");

  /** The representation the Accept header prefers: JSON, the UBL XML or the PDF (406 for anything else). */
  static String accepted(ApiRequest request) {
    String accept = request.header("Accept").orElse("").trim();
    if (accept.isEmpty()) {
      return "application/json";
    }
    record Range(String type, double q, int order) {}
    List<Range> ranges = new ArrayList<>();
    String[] parts = accept.split(",");
    for (int i = 0; i < parts.length; i++) {
      String[] p = parts[i].trim().split(";");
      double q = 1;
      for (int j = 1; j < p.length; j++) {
        String param = p[j].trim();
        if (param.startsWith("q=")) {
          try {
            q = Double.parseDouble(param.substring(2));
          } catch (NumberFormatException e) {
            q = 0;
          }
        }
      }
      ranges.add(new Range(p[0].trim().toLowerCase(Locale.ROOT), q, i));
    }
    ranges.sort(Comparator.comparingDouble((Range r) -> -r.q()).thenComparingInt(Range::order));
    for (Range r : ranges) {
      if (r.q() <= 0) {
        continue;
      }
      String t = r.type().equals("text/xml") ? "application/xml" : r.type();
      if (OFFERED.contains(t)) {
        return t;
      }
      if (t.equals("*/*") || t.equals("application/*")) {
        return "application/json";
      }
    }
    throw new Problem(406, "not-acceptable", "Not acceptable", "an invoice is offered as " + String.join(", ", OFFERED)
        + "; the Accept header asks for " + accept, List.of(new Problem.FieldError("Accept", "must accept one of "
        + String.join(", ", OFFERED))));
  }
}
