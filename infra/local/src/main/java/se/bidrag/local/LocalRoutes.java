package se.bidrag.local;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.function.Function;
import se.bidrag.json.Json;

/**
 * The local stack's own routes beside the template's, under {@code /_local}: health, the JWKS the
 * local authorizer trusts, the clock (read it; move it with an agency token, which fires the
 * schedules that come due), and the operator's failure queues (list them; redrive them), both with an
 * agency token since the messages carry personal data. Shapes: infra/local/README.md.
 */
final class LocalRoutes {
  private LocalRoutes() {}

  static void register(LocalApi api, LocalJwt jwt, LocalClock clock, Function<Instant, List<LocalScheduler.Fired>> setClock,
      DeadLetters deadLetters, SiteServer site) {
    LocalOidc oidc = new LocalOidc(jwt, api.uri(), site.origin(),
        se.bidrag.grant.GrantCatalog.bundled().agencyOrgnrs().iterator().next(), site.root().resolve("assets/bidrag.css"));
    api.mount(LocalOidc.PATH, oidc::handle); // the console's sign-in (the agency's identity provider, locally)
    api.local("GET /_local/health", r -> new LocalApi.LocalResponse(200, "application/json", "{\"status\":\"ok\"}"));
    api.local("GET /_local/jwks.json", r -> new LocalApi.LocalResponse(200, "application/json", jwt.jwks()));
    api.local("GET /_local/clock", r -> new LocalApi.LocalResponse(200, "application/json",
        Json.write(clockJson(clock, List.of()))));
    api.local("POST /_local/clock", r -> {
      if (r.claims() == null || !LocalJwt.scopes(r.claims()).contains(se.bidrag.access.Access.AGENCY_SCOPE)) {
        return new LocalApi.LocalResponse(r.claims() == null ? 401 : 403, "application/json",
            "{\"message\":\"the clock is set with an agency token (./bidrag token --role handlaggare)\"}");
      }
      Instant to;
      try {
        to = LocalRuntime.parseInstant(Json.parse(r.body()).path("instant").asText());
      } catch (Exception e) {
        return new LocalApi.LocalResponse(400, "application/json",
            "{\"message\":\"body must be {\\\"instant\\\": \\\"2025-04-18T02:00+02:00\\\"}\"}");
      }
      return new LocalApi.LocalResponse(200, "application/json", Json.write(clockJson(clock, setClock.apply(to))));
    });
    api.local("GET /_local/dead-letters", r -> {
      LocalApi.LocalResponse refused = refuseUnlessAgency(r, "the failure queues are read with an agency token");
      return refused != null ? refused : new LocalApi.LocalResponse(200, "application/json",
          Json.write(deadLetters.view()));
    });
    api.local("POST /_local/dead-letters:redrive", r -> {
      LocalApi.LocalResponse refused = refuseUnlessAgency(r, "the failure queues are redriven with an agency token");
      if (refused != null) {
        return refused;
      }
      String only = null;
      if (r.body() != null && !r.body().isBlank()) {
        try {
          only = Json.parse(r.body()).path("queue").asText(null);
        } catch (Exception e) {
          return new LocalApi.LocalResponse(400, "application/json", Json.write(Json.object().put("message",
              "body must be empty (every queue) or {\"queue\": \"<logical id>\"}")));
        }
        String named = only;
        if (only == null || deadLetters.failureQueues().stream().noneMatch(q -> q.logicalId().equals(named))) {
          return new LocalApi.LocalResponse(404, "application/json",
              Json.write(Json.object().put("message", "no failure queue " + only)));
        }
      }
      int redriven = deadLetters.redrive(only);
      ObjectNode o = Json.object().put("redriven", redriven);
      ObjectNode remaining = o.putObject("remaining");
      java.util.Map<String, Long> depths = deadLetters.depths();
      deadLetters.failureQueues().forEach(q -> remaining.put(q.logicalId(), depths.getOrDefault(q.logicalId(), 0L)));
      return new LocalApi.LocalResponse(200, "application/json", Json.write(o));
    });
  }

  private static LocalApi.LocalResponse refuseUnlessAgency(LocalApi.LocalRequest r, String message) {
    if (r.claims() != null && LocalJwt.scopes(r.claims()).contains(se.bidrag.access.Access.AGENCY_SCOPE)) {
      return null;
    }
    return new LocalApi.LocalResponse(r.claims() == null ? 401 : 403, "application/json",
        Json.write(Json.object().put("message", message)));
  }

  private static ObjectNode clockJson(LocalClock clock, List<LocalScheduler.Fired> fired) {
    ObjectNode o = Json.object().put("instant", clock.instant().toString())
        .put("stockholm", clock.instant().atZone(ZoneId.of("Europe/Stockholm")).toOffsetDateTime().toString())
        .put("running", clock.running());
    ArrayNode list = o.putArray("fired");
    for (LocalScheduler.Fired f : fired) {
      list.addObject().put("schedule", f.schedule()).put("occurrence", f.occurrence().toString())
          .put("requestId", f.requestId()).put("attempts", f.attempts()).put("succeeded", f.succeeded())
          .put("settled", f.settled()).put("result", f.result());
    }
    return o;
  }
}
