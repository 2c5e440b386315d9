package se.bidrag.audittrail;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import se.bidrag.access.Access;
import se.bidrag.access.Callers;
import se.bidrag.http.ApiHandler;
import se.bidrag.http.ApiRequest;
import se.bidrag.http.ApiResponse;
import se.bidrag.http.Problem;
import se.bidrag.platform.Platform;

/**
 * {@code GET /grants/{grantId}/audit} (the agency): the audit trail in time order; {@code ?recipient=}
 * (the recipient's history, with its organisation's), {@code ?entity=} (an entity or its prefix),
 * {@code ?actor=} (a person's subject), {@code ?from=} and {@code ?to=} (ISO instants, inclusive),
 * {@code ?limit=} (1–1000, default 200), {@code ?cursor=} (the previous page's {@code next}).
 */
public final class AuditTrailApiHandler extends ApiHandler {
  private final AuditTrailService service;

  public AuditTrailApiHandler() {
    this(Platform.fromEnvironment());
  }

  public AuditTrailApiHandler(Platform platform) {
    this.service = Wiring.service(platform);
    route("GET /grants/{grantId}/audit", this::read);
  }

  private APIGatewayV2HTTPResponse read(ApiRequest request) {
    Access.requireAgency(Callers.of(request));
    String grantId = request.pathParameter("grantId");
    String recipient = text(request, "recipient");
    String entity = text(request, "entity");
    String actor = text(request, "actor");
    Instant from = instant(request, "from");
    Instant to = instant(request, "to");
    int limit = limit(request);
    String after = request.query("cursor").map(AuditTrailApiHandler::position).orElse(null);
    AuditTrail.Page page = service.read(grantId, new AuditTrailService.Filter(recipient, entity, actor, from, to, after,
        limit));
    String cursor = page.next() == null ? null
        : Base64.getUrlEncoder().withoutPadding().encodeToString(page.next().getBytes(StandardCharsets.UTF_8));
    Map<String, String> query = new LinkedHashMap<>();
    for (String name : new String[] {"recipient", "entity", "actor", "from", "to", "limit"}) {
      request.query(name).ifPresent(v -> query.put(name, v));
    }
    return ApiResponse.json(200, AuditTrailJson.page(grantId, page, c -> {
      StringBuilder href = new StringBuilder("/grants/" + grantId + "/audit?");
      query.forEach((k, v) -> href.append(k).append('=').append(URLEncoder.encode(v, StandardCharsets.UTF_8)).append('&'));
      return href.append("cursor=").append(c).toString();
    }, cursor));
  }

  private static String text(ApiRequest request, String name) {
    return request.query(name).map(v -> {
      if (v.isBlank() || v.length() > 300 || v.chars().anyMatch(Character::isISOControl)) {
        throw Problem.badRequest(name, "must be 1–300 characters without control characters");
      }
      return v;
    }).orElse(null);
  }

  private static Instant instant(ApiRequest request, String name) {
    return request.query(name).map(v -> {
      try {
        return OffsetDateTime.parse(v).toInstant();
      } catch (DateTimeParseException e) {
        throw Problem.badRequest(name, "must be an ISO 8601 instant with an offset, e.g. 2025-04-18T06:00:00+02:00");
      }
    }).orElse(null);
  }

  private static int limit(ApiRequest request) {
    return request.query("limit").map(v -> {
      try {
        int n = Integer.parseInt(v);
        if (n >= 1 && n <= AuditTrailService.MAX_LIMIT) {
          return n;
        }
      } catch (NumberFormatException e) {
        // refused below
      }
      throw Problem.badRequest("limit", "must be a whole number from 1 to " + AuditTrailService.MAX_LIMIT);
    }).orElse(AuditTrailService.DEFAULT_LIMIT);
  }

  private static String position(String cursor) {
    try {
      String p = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
      if (p.length() < 20 || p.length() > 600 || p.chars().anyMatch(Character::isISOControl)) {
        throw new IllegalArgumentException(p);
      }
      return p;
    } catch (IllegalArgumentException e) {
      throw Problem.badRequest("cursor", "is not a cursor this route handed out");
    }
  }
}
