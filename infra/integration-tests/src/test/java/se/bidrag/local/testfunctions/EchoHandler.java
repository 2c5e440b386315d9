package se.bidrag.local.testfunctions;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import se.bidrag.json.Json;
import se.bidrag.platform.Platform;

/** Test function: answers with the payload-2.0 event it received, so a test can see what the local API built. */
public final class EchoHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
  private final Platform platform;

  public EchoHandler(Platform platform) {
    this.platform = platform;
  }

  @Override
  public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent e, Context context) {
    ObjectNode o = Json.object();
    o.put("version", e.getVersion());
    o.put("routeKey", e.getRouteKey());
    o.put("rawPath", e.getRawPath());
    o.put("rawQueryString", e.getRawQueryString());
    o.set("pathParameters", Json.MAPPER.valueToTree(e.getPathParameters()));
    o.set("queryStringParameters", Json.MAPPER.valueToTree(e.getQueryStringParameters()));
    o.put("header", e.getHeaders().get("x-test"));
    o.put("body", e.getBody());
    o.put("isBase64Encoded", e.getIsBase64Encoded());
    o.put("method", e.getRequestContext().getHttp().getMethod());
    o.put("table", platform.require("TABLE_NAME"));
    o.put("functionName", context.getFunctionName());
    var authorizer = e.getRequestContext().getAuthorizer();
    o.set("claims", authorizer == null ? null : Json.MAPPER.valueToTree(authorizer.getJwt().getClaims()));
    return APIGatewayV2HTTPResponse.builder().withStatusCode(200).withHeaders(Map.of("Content-Type", "application/json"))
        .withBody(Json.write(o)).build();
  }
}
