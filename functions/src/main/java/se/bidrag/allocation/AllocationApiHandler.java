package se.bidrag.allocation;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
 * The grant and its allocation over HTTP: publish (admin), read the grant, read allocations. The
 * allocation objects are the same as {@code ./bidrag allocate --format json} prints.
 */
public final class AllocationApiHandler extends ApiHandler {
  private final AllocationService service;

  public AllocationApiHandler() {
    this(Platform.fromEnvironment());
  }

  public AllocationApiHandler(Platform platform) {
    this.service = Wiring.service(platform);
    route("POST /grants/{grantId}/allocations:publish", this::publish);
    route("GET /grants/{grantId}", this::grant);
    route("GET /grants/{grantId}/allocations", this::list);
    route("GET /grants/{grantId}/allocations/{recipientId}", this::one);
  }

  private APIGatewayV2HTTPResponse publish(ApiRequest request) {
    Caller admin = Access.requireAgency(Callers.of(request));
    String grantId = request.pathParameter("grantId");
    AllocationService.Published published;
    try {
      published = service.publish(grantId, admin).orElseThrow(() -> AllocationService.unknownGrant(grantId));
    } catch (AllocationConflictException e) {
      throw Problem.conflict("allocation-already-published", e.getMessage());
    }
    ObjectNode body = Json.object();
    body.put("grant", grantId);
    body.put("outcome", published.outcome() == AllocationStore.Outcome.PUBLISHED ? "published" : "already-published");
    body.put("allocationHash", published.allocationHash());
    body.put("total", published.allocation().total());
    body.put("recipients", published.allocation().allocations().size());
    body.set("pots", AllocationJson.pots(published.allocation()));
    body.set("inputs", AllocationJson.inputs(published.allocation()));
    int status = published.outcome() == AllocationStore.Outcome.PUBLISHED ? 201 : 200;
    return ApiResponse.json(status, body, Map.of("Location", "/grants/" + grantId + "/allocations"));
  }

  private APIGatewayV2HTTPResponse grant(ApiRequest request) {
    Callers.of(request);
    GrantDefinition grant = definition(request);
    ObjectNode body = Json.object();
    body.put("id", grant.id());
    body.put("title", grant.title());
    body.put("regulation", grant.regulation());
    body.put("grantYear", grant.grantYear());
    body.put("total", grant.total());
    body.put("timeZone", grant.timeZone().getId());
    body.put("requisitionDeadline", grant.requisitionDeadline().toString());
    body.put("requisitionClosesAt", grant.requisitionClosesAt().toString());
    ArrayNode pots = body.putArray("pots");
    grant.pots().forEach(p -> pots.addObject().put("id", p.id()).put("title", p.title())
        .put("recipientKind", p.recipientKind().code()).put("amount", p.amount()));
    ArrayNode areas = body.putArray("areas");
    for (GrantDefinition.Area a : grant.areas()) {
      ObjectNode o = areas.addObject().put("number", a.number()).put("title", a.title());
      if (!a.requiresAllocationFrom().isEmpty()) {
        ArrayNode req = o.putArray("requiresAllocationFrom");
        a.requiresAllocationFrom().forEach(req::add);
      }
    }
    var state = service.state(grant);
    body.put("state", state.map(AllocationStore.PublishedGrant::state).orElse("NOT_PUBLISHED"));
    state.ifPresent(s -> {
      if (s.publishedAt() != null) {
        body.put("publishedAt", s.publishedAt().toString());
      }
      body.put("allocationHash", s.allocationHash());
    });
    return ApiResponse.json(200, body);
  }

  private APIGatewayV2HTTPResponse list(ApiRequest request) {
    Callers.of(request);
    GrantDefinition grant = definition(request);
    AllocationStore.PublishedGrant published = service.published(grant);
    RecipientKind kind = request.query("kind").map(k -> RecipientKind.parse(k)
        .orElseThrow(() -> Problem.badRequest("kind", "must be region or kommun"))).orElse(null);
    JsonNode summary = parse(published.attributes().get("summary"));
    ObjectNode body = Json.object();
    body.put("grant", grant.id());
    body.put("title", grant.title());
    body.put("total", grant.total());
    body.put("allocationHash", published.allocationHash());
    body.set("pots", summary.path("pots"));
    body.set("inputs", summary.path("inputs"));
    ArrayNode list = body.putArray("allocations");
    for (AllocationStore.StoredAllocation a : service.allocations(grant)) {
      if (kind == null || a.kind() == kind) {
        list.add(parse(a.json()));
      }
    }
    return ApiResponse.json(200, body);
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

  private static JsonNode parse(String json) {
    try {
      return Json.parse(json);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException("stored JSON is not readable", e);
    }
  }
}
