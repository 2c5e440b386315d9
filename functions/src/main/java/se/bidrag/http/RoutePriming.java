package se.bidrag.http;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import se.bidrag.grant.GrantCatalog;

/**
 * SnapStart priming through a handler's own request path: each of its GET routes is invoked once with a
 * synthetic event (an agency token's claims, the bundled grant, {@code priming} for every other path
 * value), as API Gateway would send it: routing, the caller, the reads, the JSON or problem+json answer.
 * GET routes read only (the HTTP fuzz test proves the table unchanged after every GET), so this is harmless
 * on the deployed table; the answers (mostly 404 for the {@code priming} values) are thrown away.
 */
final class RoutePriming {
  private static final Pattern PARAM = Pattern.compile("\\{(\\w+)}");
  /** The agency's scope ({@code Access.AGENCY_SCOPE}), spelled here so the kit imports no capability. */
  private static final String AGENCY_SCOPE = "bidrag/agency";
  /** Each route a few times: the code it runs is then compiled (C1) as well as loaded, and the snapshot keeps both. */
  static final int ROUNDS = 3;

  private RoutePriming() {}

  static void prime(ApiHandler handler) {
    GrantCatalog catalog = GrantCatalog.bundled();
    String grantId = catalog.ids().get(0);
    String agency = catalog.agencyOrgnrs().iterator().next();
    for (int round = 0; round < ROUNDS; round++) {
      for (String routeKey : handler.routeKeys()) {
        if (routeKey.startsWith("GET ")) {
          handler.handleRequest(event(routeKey, grantId, agency), null);
        }
      }
    }
  }

  static APIGatewayV2HTTPEvent event(String routeKey, String grantId, String agencyOrgnr) {
    String method = routeKey.substring(0, routeKey.indexOf(' '));
    String template = routeKey.substring(routeKey.indexOf(' ') + 1);
    Map<String, String> params = new LinkedHashMap<>();
    String path = template;
    Matcher m = PARAM.matcher(template);
    while (m.find()) {
      String value = m.group(1).equals("grantId") ? grantId : "priming";
      params.put(m.group(1), value);
      path = path.replace(m.group(), value);
    }
    Map<String, String> claims = Map.of("sub", "priming", "orgnr", agencyOrgnr, "roles", "[handlaggare attestant]",
        "scope", AGENCY_SCOPE, "name", "Priming");
    var context = APIGatewayV2HTTPEvent.RequestContext.builder().withRouteKey(routeKey).withRequestId("priming")
        .withStage("$default").withTimeEpoch(System.currentTimeMillis())
        .withHttp(APIGatewayV2HTTPEvent.RequestContext.Http.builder().withMethod(method).withPath(path)
            .withProtocol("HTTP/1.1").withSourceIp("127.0.0.1").withUserAgent("priming").build())
        .withAuthorizer(APIGatewayV2HTTPEvent.RequestContext.Authorizer.builder()
            .withJwt(APIGatewayV2HTTPEvent.RequestContext.Authorizer.JWT.builder().withClaims(claims)
                .withScopes(List.of()).build()).build())
        .build();
    return APIGatewayV2HTTPEvent.builder().withVersion("2.0").withRouteKey(routeKey).withRawPath(path)
        .withRawQueryString("").withHeaders(Map.of("accept", "application/json", "host", "priming"))
        .withPathParameters(params.isEmpty() ? null : params).withRequestContext(context).withIsBase64Encoded(false)
        .build();
  }
}
