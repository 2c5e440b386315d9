package se.bidrag.local;

import java.net.URI;
import java.util.List;
import java.util.Map;

/** What template.yaml says about the web side: the HTTP API's CORS, the site's security headers. */
final class WebSettings {
  private WebSettings() {}

  /** The HTTP API's CorsConfiguration from template.yaml, resolved (AllowOrigins: SiteOrigin, the local site). */
  static LocalApi.Cors cors(SamTemplate template, Intrinsics intrinsics) {
    for (SamTemplate.Resource r : template.resources().values()) {
      if ("AWS::Serverless::HttpApi".equals(r.type()) && r.properties().get("CorsConfiguration") instanceof Map<?, ?> c) {
        String where = r.logicalId() + ".CorsConfiguration";
        java.util.function.Function<String, List<String>> list = key -> c.get(key) instanceof List<?> l
            ? l.stream().map(v -> intrinsics.resolve(v, where + "." + key)).toList() : List.of();
        int maxAge = c.get("MaxAge") == null ? 0 : Integer.parseInt(String.valueOf(c.get("MaxAge")));
        return new LocalApi.Cors(list.apply("AllowOrigins"), list.apply("AllowMethods"), list.apply("AllowHeaders"),
            list.apply("ExposeHeaders"), maxAge);
      }
    }
    return null;
  }

  /** The site's security headers: the template's CloudFront response headers policy, connect-src at the local API. */
  static Map<String, String> siteHeaders(SamTemplate template, Intrinsics intrinsics, URI api) {
    for (SamTemplate.Resource r : template.resources().values()) {
      if ("AWS::CloudFront::ResponseHeadersPolicy".equals(r.type())) {
        Map<String, Object> config = SamTemplate.map(r.properties().get("ResponseHeadersPolicyConfig"),
            r.logicalId() + ".ResponseHeadersPolicyConfig");
        Map<String, Object> security = SamTemplate.map(config.getOrDefault("SecurityHeadersConfig", Map.of()),
            r.logicalId() + ".SecurityHeadersConfig");
        String csp = null;
        if (security.get("ContentSecurityPolicy") instanceof Map<?, ?> c) {
          csp = intrinsics.resolve(c.get("ContentSecurityPolicy"), r.logicalId() + ".ContentSecurityPolicy");
        }
        return SiteServer.headersFrom(security, csp, api);
      }
    }
    return Map.of();
  }
}
