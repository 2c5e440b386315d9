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
import se.bidrag.attest.Proposal;
import se.bidrag.http.ApiHandler;
import se.bidrag.http.ApiRequest;
import se.bidrag.http.ApiResponse;
import se.bidrag.http.JsonBody;
import se.bidrag.http.Problem;
import se.bidrag.platform.Platform;

/**
 * The invoice routes: the agency lists a grant's invoices and sees who never reported; a handläggare
 * proposes to reclaim money (återkrav) or to waive an invoice (eftergift), and an attestant who did
 * not propose it approves (the invoice or credit note is issued) or rejects it; an invoice is read as
 * JSON, Peppol UBL or PDF (by Accept) by the agency or by the debtor organisation's own users.
 */
public final class InvoiceApiHandler extends ApiHandler {
  private final InvoicingService service;
  private final InvoiceDecisions decisions;

  public InvoiceApiHandler() {
    this(Platform.fromEnvironment());
    Wiring.registerPriming();
  }

  public InvoiceApiHandler(Platform platform) {
    this.service = Wiring.service(platform);
    this.decisions = Wiring.decisions(platform, service);
    route("GET /grants/{grantId}/invoices", this::list);
    route("POST /grants/{grantId}/recoveries", this::proposeRecovery);
    route("POST /grants/{grantId}/recoveries/{proposalId}/approve", r -> approve(r, Proposal.Kind.RECOVERY));
    route("POST /grants/{grantId}/recoveries/{proposalId}/reject", r -> reject(r, Proposal.Kind.RECOVERY));
    route("GET /grants/{grantId}/non-reporters", this::nonReporters);
    route("GET /invoices/{number}", this::get);
    route("POST /invoices/{number}/waivers", this::proposeWaiver);
    route("POST /invoices/{number}/waivers/{proposalId}/approve", r -> approve(r, Proposal.Kind.WAIVER));
    route("POST /invoices/{number}/waivers/{proposalId}/reject", r -> reject(r, Proposal.Kind.WAIVER));
  }

  private APIGatewayV2HTTPResponse list(ApiRequest request) {
    Access.requireAgency(Callers.of(request));
    String grantId = request.pathParameter("grantId");
    String recipient = request.query("recipientId").orElse(null);
    Creditor creditor = service.creditor(grantId);
    return ApiResponse.json(200, InvoiceJson.list(grantId, service.invoices(grantId, recipient), creditor));
  }

  private APIGatewayV2HTTPResponse proposeRecovery(ApiRequest request) {
    Caller handlaggare = Access.requireHandlaggare(Callers.of(request), "a recovery (återkrav)");
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
    return proposed(decisions.proposeRecovery(handlaggare, grantId,
        new InvoicingService.Recovery(recipientId, amount, reason, reference), key, request.requestHash(raw)));
  }

  private APIGatewayV2HTTPResponse proposeWaiver(ApiRequest request) {
    Caller handlaggare = Access.requireHandlaggare(Callers.of(request), "a waiver (eftergift)");
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
    return proposed(decisions.proposeWaiver(handlaggare, number, new InvoicingService.Waiver(amount, reason), key,
        request.requestHash(raw)));
  }

  private APIGatewayV2HTTPResponse proposed(InvoiceDecisions.Outcome o) {
    return ApiResponse.json(o.created() ? 201 : 200, decided(o), Map.of("Location", o.proposal().href()));
  }

  private APIGatewayV2HTTPResponse approve(ApiRequest request, Proposal.Kind kind) {
    Caller attestant = Access.requireAttestant(Callers.of(request));
    InvoiceDecisions.Outcome o = decisions.approve(attestant, kind, grantIdOf(request), numberOf(request),
        request.pathParameter("proposalId"));
    String location = o.invoices().isEmpty() ? o.proposal().href() : "/invoices/" + o.invoices().get(0).invoice().number();
    return ApiResponse.json(o.created() ? 201 : 200, decided(o), Map.of("Location", location));
  }

  private APIGatewayV2HTTPResponse reject(ApiRequest request, Proposal.Kind kind) {
    Caller attestant = Access.requireAttestant(Callers.of(request));
    String grantId = grantIdOf(request);
    String number = numberOf(request);
    String id = request.pathParameter("proposalId");
    JsonBody b = new JsonBody(request.jsonBody(), Set.of("reason"));
    String reason = b.text("reason", 500);
    b.check();
    return ApiResponse.json(200, decided(decisions.reject(attestant, kind, grantId, number, id, reason)));
  }

  private static String grantIdOf(ApiRequest request) {
    return request.routeKey().startsWith("POST /grants/") ? request.pathParameter("grantId") : null;
  }

  private static String numberOf(ApiRequest request) {
    return request.routeKey().startsWith("POST /invoices/") ? request.pathParameter("number") : null;
  }

  private ObjectNode decided(InvoiceDecisions.Outcome o) {
    Creditor creditor = service.creditor(o.proposal().grantId());
    ObjectNode body = InvoiceJson.issued(new InvoicingService.Result(o.created(), o.invoices()), creditor);
    body.set("proposal", InvoiceDecisions.json(o.proposal()));
    return body;
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
