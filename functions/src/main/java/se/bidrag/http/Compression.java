package se.bidrag.http;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.zip.GZIPOutputStream;

/**
 * Large text answers gzip-compressed when the request accepts gzip (HTTP APIs do not compress): the
 * allocation list is about 460 KB of JSON and some 40 KB gzipped. The body goes out base64-encoded with
 * {@code Content-Encoding: gzip}; API Gateway passes it on as bytes. Small or binary answers, and
 * requests that do not accept gzip, are left as they are — except a text answer too large to go out
 * uncompressed: Lambda returns at most 6 MB from a synchronous invocation (the body as a JSON string inside
 * it, quotes escaped), so over {@value #MAX_PLAIN_BYTES} bytes it is a 406 naming {@code Accept-Encoding}
 * (a 10 000-unit grant's allocation list is 11.8 MB of JSON, its 10 000-payment file 6.2 MB of XML).
 */
final class Compression {
  static final int MIN_BYTES = 8 * 1024;
  static final int MAX_PLAIN_BYTES = 5 * 1024 * 1024;

  private Compression() {}

  static APIGatewayV2HTTPResponse apply(APIGatewayV2HTTPEvent event, APIGatewayV2HTTPResponse response) {
    if (response == null || response.getIsBase64Encoded() || response.getBody() == null) {
      return response;
    }
    if (!acceptsGzip(event)) {
      if (response.getBody().length() > MAX_PLAIN_BYTES / 3 // cheap test first: a char is at most 3 bytes here
          && response.getBody().getBytes(StandardCharsets.UTF_8).length > MAX_PLAIN_BYTES) {
        throw new Problem(406, "not-acceptable", "Not acceptable", "the answer is "
            + response.getBody().getBytes(StandardCharsets.UTF_8).length + " bytes, more than one uncompressed answer "
            + "may carry (" + MAX_PLAIN_BYTES + "): ask with Accept-Encoding: gzip (every browser does; curl --compressed)",
            java.util.List.of(new Problem.FieldError("Accept-Encoding", "must accept gzip for an answer of this size")));
      }
      return response;
    }
    Map<String, String> headers = new LinkedHashMap<>(response.getHeaders() == null ? Map.of() : response.getHeaders());
    String type = headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase("Content-Type"))
        .map(Map.Entry::getValue).findFirst().orElse("").toLowerCase(Locale.ROOT);
    boolean text = type.contains("json") || type.startsWith("text/") || type.contains("xml");
    boolean encoded = headers.keySet().stream().anyMatch(k -> k.equalsIgnoreCase("Content-Encoding"));
    byte[] body = response.getBody().getBytes(StandardCharsets.UTF_8);
    if (!text || encoded || body.length < MIN_BYTES) {
      return response;
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream(body.length / 4);
    try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
      gz.write(body);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    headers.put("Content-Encoding", "gzip");
    headers.put("Vary", "Accept-Encoding");
    response.setHeaders(headers);
    response.setBody(Base64.getEncoder().encodeToString(out.toByteArray()));
    response.setIsBase64Encoded(true);
    return response;
  }

  static boolean acceptsGzip(APIGatewayV2HTTPEvent event) {
    if (event.getHeaders() == null) {
      return false;
    }
    for (Map.Entry<String, String> h : event.getHeaders().entrySet()) {
      if (h.getKey().equalsIgnoreCase("Accept-Encoding")) {
        for (String part : h.getValue().toLowerCase(Locale.ROOT).split(",")) {
          String[] p = part.trim().split(";");
          if (p[0].trim().equals("gzip") && !(p.length > 1 && p[1].replace(" ", "").matches("q=0(\\.0*)?"))) {
            return true;
          }
        }
      }
    }
    return false;
  }
}
