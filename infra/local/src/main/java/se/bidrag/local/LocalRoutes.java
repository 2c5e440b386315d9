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
 * local authorizer trusts, and the clock (read it; move it with an agency token, which fires the
 * schedules that come due).
 */
final class LocalRoutes {
  private LocalRoutes() {}

  static void register(LocalApi api, LocalJwt jwt, LocalClock clock, Function<Instant, List<LocalScheduler.Fired>> setClock) {
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
  }

  private static ObjectNode clockJson(LocalClock clock, List<LocalScheduler.Fired> fired) {
    ObjectNode o = Json.object().put("instant", clock.instant().toString())
        .put("stockholm", clock.instant().atZone(ZoneId.of("Europe/Stockholm")).toOffsetDateTime().toString())
        .put("running", clock.running());
    ArrayNode list = o.putArray("fired");
    for (LocalScheduler.Fired f : fired) {
      list.addObject().put("schedule", f.schedule()).put("occurrence", f.occurrence().toString())
          .put("attempts", f.attempts()).put("succeeded", f.succeeded()).put("result", f.result());
    }
    return o;
  }
}
