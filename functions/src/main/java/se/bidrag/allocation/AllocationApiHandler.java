package se.bidrag.allocation;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.util.Map;
import se.bidrag.access.Access;
import se.bidrag.access.Caller;
import se.bidrag.access.Callers;
import se.bidrag.grant.GrantDefinition;
import se.bidrag.grant.RecipientKind;
import se.bidrag.http.ApiHandler;
import se.bidrag.http.ApiRequest;
import se.bidrag.http.ApiResponse;
import se.bidrag.http.Problem;
import se.bidrag.json.Json;
import se.bidrag.platform.Platform;

/**
 * The grant and its allocation over HTTP: publish (agency; a production stage refuses illustrative inputs,
 * 409), compare what publishing now would give with what is published (agency), read the grant, read
 * allocations. The allocation objects are the same as {@code ./bidrag allocate --format json} prints.
 */
public final class AllocationApiHandler extends ApiHandler {
  private final AllocationService service;
  private final YearSchedule schedule;
  private final java.time.Clock clock;
  private final se.bidrag.grant.GrantCatalog grants;

  public AllocationApiHandler() {
    this(Platform.fromEnvironment());
  }

  public AllocationApiHandler(Platform platform) {
    this.service = Wiring.service(platform);
    this.schedule = YearSchedule.from(platform.settings());
    this.clock = platform.clock();
    this.grants = se.bidrag.grant.GrantCatalogs.of(platform);
    route("GET /grants", this::grants);
    route("POST /grants/{grantId}/allocations:publish", this::publish);
    route("GET /grants/{grantId}/allocations:diff", this::diff);
    route("GET /grants/{grantId}", this::grant);
    route("GET /grants/{grantId}/allocations", this::list);
    route("GET /grants/{grantId}/allocations/{recipientId}", this::one);
  }

  private APIGatewayV2HTTPResponse publish(ApiRequest request) {
    Caller admin = Access.requireHandlaggare(Callers.of(request), "publishing the allocation");
    String grantId = request.pathParameter("grantId");
    AllocationService.Published published;
    try {
      published = service.publish(grantId, admin).orElseThrow(() -> AllocationService.unknownGrant(grantId));
    } catch (AllocationConflictException e) {
      throw Problem.conflict("allocation-already-published", e.getMessage());
    } catch (IllustrativeInputsException e) {
      ArrayNode inputs = Json.array();
      e.inputs().forEach(p -> inputs.addObject().put("dataset", p.dataset()).put("file", p.file())
          .put("status", p.status()).put("source", p.source()));
      throw Problem.conflict("illustrative-inputs", e.getMessage()).with("illustrativeInputs", inputs);
    }
    int status = published.outcome() == AllocationStore.Outcome.PUBLISHED ? 201 : 200;
    return ApiResponse.json(status, AllocationJson.published(grantId, published),
        Map.of("Location", "/grants/" + grantId + "/allocations"));
  }

  /**
   * Per recipient and pot, what publishing now would give against the published allocation
   * ({@code against=published}, the default) or against the inputs bundled with this version
   * ({@code against=bundled}); {@code changed=true} lists only the recipients whose amounts differ.
   */
  private APIGatewayV2HTTPResponse diff(ApiRequest request) {
    Access.requireAgency(Callers.of(request));
    GrantDefinition grant = definition(request);
    AllocationService.Against against = request.query("against").map(a -> switch (a) {
      case "published" -> AllocationService.Against.PUBLISHED;
      case "bundled" -> AllocationService.Against.BUNDLED;
      default -> throw Problem.badRequest("against", "must be published or bundled");
    }).orElse(AllocationService.Against.PUBLISHED);
    boolean changedOnly = request.query("changed").map(c -> switch (c) {
      case "true" -> true;
      case "false" -> false;
      default -> throw Problem.badRequest("changed", "must be true or false");
    }).orElse(false);
    return ApiResponse.json(200, AllocationDiffJson.diff(service.diff(grant, against), changedOnly, service.stage()));
  }

  /** The grants this deployment runs (bundled and uploaded; not the smoke-test grant), newest grant year first. */
  private APIGatewayV2HTTPResponse grants(ApiRequest request) {
    Callers.of(request);
    return ApiResponse.json(200, AllocationJson.grants(grants.scheduled()));
  }

  private APIGatewayV2HTTPResponse grant(ApiRequest request) {
    Callers.of(request);
    GrantDefinition grant = definition(request);
    return ApiResponse.json(200, AllocationJson.timeline(AllocationJson.grant(grant, service.state(grant)), grant, schedule,
        clock.instant()));
  }

  private APIGatewayV2HTTPResponse list(ApiRequest request) {
    Callers.of(request);
    GrantDefinition grant = definition(request);
    AllocationStore.PublishedGrant published = service.published(grant);
    RecipientKind kind = request.query("kind").map(k -> RecipientKind.parse(k)
        .orElseThrow(() -> Problem.badRequest("kind", "must be region, kommun or enhet"))).orElse(null);
    return ApiResponse.json(200, AllocationJson.published(grant, published, service.allocations(grant), kind));
  }

  private APIGatewayV2HTTPResponse one(ApiRequest request) {
    Callers.of(request);
    GrantDefinition grant = definition(request);
    service.published(grant);
    AllocationStore.StoredAllocation a = service.allocation(grant, request.pathParameter("recipientId"));
    return ApiResponse.rawJson(200, a.json(), Map.of());
  }

  private GrantDefinition definition(ApiRequest request) {
    return service.grant(request.pathParameter("grantId"));
  }
}
