package se.bidrag.local;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.zip.GZIPOutputStream;

/**
 * The reporting form's site on this machine, as CloudFront serves it on AWS: the files of
 * {@code web/site/} ({@code /folder/} → {@code /folder/index.html}, as the template's index function
 * does), gzip-compressed when the browser accepts it, with the security headers of the template's
 * response headers policy ({@link #headersFrom}), and a {@code config.js} written for this run that
 * points the pages at the local API. GET and HEAD only.
 */
public final class SiteServer implements AutoCloseable {
  private static final Map<String, String> TYPES = Map.of(".html", "text/html; charset=utf-8",
      ".css", "text/css; charset=utf-8", ".js", "text/javascript; charset=utf-8", ".json", "application/json",
      ".png", "image/png", ".svg", "image/svg+xml", ".txt", "text/plain; charset=utf-8", ".ico", "image/x-icon");

  private final HttpServer server;
  private final ExecutorService executor;
  private final Path root;
  private volatile Map<String, String> headers = Map.of();
  private volatile String configJs = "window.BIDRAG_CONFIG = { apiBase: '' };\n";
  private volatile String consoleConfigJs;

  SiteServer(Path root, int port) {
    this.root = root.toAbsolutePath().normalize();
    if (!Files.isRegularFile(this.root.resolve("rapport/index.html"))) {
      throw new IllegalStateException("the reporting form's site is missing: " + this.root.resolve("rapport/index.html"));
    }
    try {
      server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 128);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot listen on 127.0.0.1:" + port, e);
    }
    executor = Executors.newFixedThreadPool(8, r -> {
      Thread t = new Thread(r, "local-site");
      t.setDaemon(true);
      return t;
    });
    server.setExecutor(executor);
    server.createContext("/", this::handle);
    server.start();
  }

  /** The site's origin, e.g. http://127.0.0.1:41234 (what SiteOrigin is locally). */
  public URI origin() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  /** The form's address, where the e-mails' links point. */
  public URI formUrl() {
    return origin().resolve("/rapport/");
  }

  /** The headers every answer carries, and the API the pages call (config.js). */
  void configure(Map<String, String> securityHeaders, URI api) {
    this.headers = Map.copyOf(securityHeaders);
    this.configJs = "// written by the local stack for this run\nwindow.BIDRAG_CONFIG = { apiBase: '" + api.toString()
        .replaceAll("/+$", "") + "' };\n";
  }

  /** The console's {@code /konsol/config.js} for this run: the local OpenID provider and the grant it opens. */
  void configureConsole(String issuer, String clientId, String grantId) {
    this.consoleConfigJs = "// written by the local stack for this run\nwindow.BIDRAG_KONSOL = {\n  issuer: " + js(issuer)
        + ",\n  clientId: " + js(clientId) + ",\n  grantId: " + js(grantId) + ",\n  scope: \"openid profile\",\n"
        + "  authorizeParams: {},\n  environment: \"Lokal miljö\",\n};\n";
  }

  Path root() {
    return root;
  }

  /** The console's address. */
  public URI consoleUrl() {
    return origin().resolve("/konsol/");
  }

  private static String js(String s) {
    return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }

  /**
   * The security headers of an {@code AWS::CloudFront::ResponseHeadersPolicy}'s
   * {@code SecurityHeadersConfig} (already resolved), as CloudFront sends them, with the CSP's
   * {@code connect-src} pointed at {@code api} (on AWS it names the API Gateway origin).
   */
  static Map<String, String> headersFrom(Map<String, Object> securityHeadersConfig, String csp, URI api) {
    Map<String, String> h = new LinkedHashMap<>();
    if (csp != null) {
      String origin = api.getScheme() + "://" + api.getRawAuthority();
      h.put("Content-Security-Policy", csp.replaceAll("connect-src [^;]+", "connect-src " + origin));
    }
    if (securityHeadersConfig.get("StrictTransportSecurity") instanceof Map<?, ?> hsts) {
      StringBuilder v = new StringBuilder("max-age=" + hsts.get("AccessControlMaxAgeSec"));
      if (Boolean.parseBoolean(String.valueOf(hsts.get("IncludeSubdomains")))) {
        v.append("; includeSubDomains");
      }
      if (Boolean.parseBoolean(String.valueOf(hsts.get("Preload")))) {
        v.append("; preload");
      }
      h.put("Strict-Transport-Security", v.toString());
    }
    if (securityHeadersConfig.get("ReferrerPolicy") instanceof Map<?, ?> rp) {
      h.put("Referrer-Policy", String.valueOf(rp.get("ReferrerPolicy")));
    }
    if (securityHeadersConfig.containsKey("ContentTypeOptions")) {
      h.put("X-Content-Type-Options", "nosniff");
    }
    if (securityHeadersConfig.get("FrameOptions") instanceof Map<?, ?> fo) {
      h.put("X-Frame-Options", String.valueOf(fo.get("FrameOption")));
    }
    return h;
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String method = exchange.getRequestMethod().toUpperCase(Locale.ROOT);
      headers.forEach((k, v) -> exchange.getResponseHeaders().set(k, v));
      if (!method.equals("GET") && !method.equals("HEAD")) {
        exchange.getResponseHeaders().set("Allow", "GET, HEAD");
        exchange.sendResponseHeaders(405, -1);
        return;
      }
      String path = URLDecoder.decode(exchange.getRequestURI().getRawPath(), StandardCharsets.UTF_8);
      byte[] body;
      String type;
      String console = consoleConfigJs;
      if (path.equals("/config.js") || (path.equals("/konsol/config.js") && console != null)) {
        body = (path.equals("/config.js") ? configJs : console).getBytes(StandardCharsets.UTF_8);
        type = TYPES.get(".js");
      } else {
        Path file = root.resolve("." + (path.endsWith("/") ? path + "index.html" : path)).normalize();
        if (!file.startsWith(root) || !Files.isRegularFile(file)) {
          if (!path.endsWith("/") && file.startsWith(root) && Files.isRegularFile(file.resolve("index.html"))) {
            String query = exchange.getRequestURI().getRawQuery();
            exchange.getResponseHeaders().set("Location", path + "/" + (query == null ? "" : "?" + query));
            exchange.sendResponseHeaders(301, -1);
            return;
          }
          send(exchange, method, 404, "text/plain; charset=utf-8", "Sidan finns inte.".getBytes(StandardCharsets.UTF_8));
          return;
        }
        body = Files.readAllBytes(file);
        String name = file.getFileName().toString();
        type = TYPES.getOrDefault(name.contains(".") ? name.substring(name.lastIndexOf('.')) : "", "application/octet-stream");
      }
      exchange.getResponseHeaders().set("Cache-Control", "no-cache");
      exchange.getResponseHeaders().set("Vary", "Accept-Encoding");
      String accept = String.valueOf(exchange.getRequestHeaders().getFirst("Accept-Encoding"));
      if (accept.contains("gzip") && body.length > 0) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
          gz.write(body);
        }
        body = out.toByteArray();
        exchange.getResponseHeaders().set("Content-Encoding", "gzip");
      }
      send(exchange, method, 200, type, body);
    }
  }

  private static void send(HttpExchange exchange, String method, int status, String type, byte[] body) throws IOException {
    exchange.getResponseHeaders().set("Content-Type", type);
    if (method.equals("HEAD")) {
      exchange.getResponseHeaders().set("Content-Length", Integer.toString(body.length));
      exchange.sendResponseHeaders(status, -1);
      return;
    }
    exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
    if (body.length > 0) {
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    }
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
