package se.bidrag.attest;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.util.Locale;
import se.bidrag.access.Access;
import se.bidrag.access.Callers;
import se.bidrag.http.ApiHandler;
import se.bidrag.http.ApiRequest;
import se.bidrag.http.ApiResponse;
import se.bidrag.http.Problem;
import se.bidrag.platform.Platform;

/**
 * The agency's list of proposals: {@code GET /grants/{grantId}/proposals}, by default those awaiting
 * attestation; {@code ?state=decided|all}, {@code ?stale=true} (only those that have waited longer
 * than the configured number of working days), {@code ?kind=payout-batch|recovery|waiver|payout-account}.
 */
public final class ProposalApiHandler extends ApiHandler {
  private final Attestation attestation;

  public ProposalApiHandler() {
    this(Platform.fromEnvironment());
  }

  public ProposalApiHandler(Platform platform) {
    this.attestation = Wiring.attestation(platform);
    route("GET /grants/{grantId}/proposals", this::list);
  }

  private APIGatewayV2HTTPResponse list(ApiRequest request) {
    Access.requireAgency(Callers.of(request));
    String grantId = request.pathParameter("grantId");
    Attestation.Filter filter = switch (request.query("state").orElse("awaiting")) {
      case "awaiting", "awaiting-attestation" -> Attestation.Filter.AWAITING;
      case "decided" -> Attestation.Filter.DECIDED;
      case "all" -> Attestation.Filter.ALL;
      default -> throw Problem.badRequest("state", "must be awaiting, decided or all");
    };
    boolean stale = switch (request.query("stale").orElse("false").toLowerCase(Locale.ROOT)) {
      case "true" -> true;
      case "false" -> false;
      default -> throw Problem.badRequest("stale", "must be true or false");
    };
    Proposal.Kind kind = request.query("kind").map(k -> {
      for (Proposal.Kind candidate : Proposal.Kind.values()) {
        if (candidate.code().equals(k)) {
          return candidate;
        }
      }
      throw Problem.badRequest("kind", "must be payout-batch, recovery, waiver or payout-account");
    }).orElse(null);
    return ApiResponse.json(200, ProposalJson.listing(attestation.list(grantId, filter, stale, kind)));
  }
}
