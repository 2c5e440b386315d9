package se.bidrag.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;

class CompressionTest {
  static final String BIG = "{\"a\":\"" + "x".repeat(20_000) + "\"}";

  static APIGatewayV2HTTPEvent request(String acceptEncoding) {
    return APIGatewayV2HTTPEvent.builder().withHeaders(acceptEncoding == null ? Map.of()
        : Map.of("accept-encoding", acceptEncoding)).build();
  }

  static APIGatewayV2HTTPResponse json(String body) {
    return APIGatewayV2HTTPResponse.builder().withStatusCode(200).withHeaders(Map.of("Content-Type", "application/json"))
        .withBody(body).build();
  }

  @Test
  void aLargeJsonAnswerIsGzippedWhenAcceptedAndReadsBackTheSame() throws Exception {
    APIGatewayV2HTTPResponse r = Compression.apply(request("gzip, deflate, br"), json(BIG));
    assertTrue(r.getIsBase64Encoded());
    assertEquals("gzip", r.getHeaders().get("Content-Encoding"));
    byte[] zipped = Base64.getDecoder().decode(r.getBody());
    assertTrue(zipped.length < BIG.length() / 10, "compressed: " + zipped.length);
    try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(zipped))) {
      assertEquals(BIG, new String(in.readAllBytes(), StandardCharsets.UTF_8));
    }
  }

  @Test
  void smallAnswersAndRequestsWithoutGzipAreLeftAlone() {
    assertFalse(Compression.apply(request(null), json(BIG)).getIsBase64Encoded());
    assertFalse(Compression.apply(request("gzip;q=0, br"), json(BIG)).getIsBase64Encoded());
    assertFalse(Compression.apply(request("identity"), json(BIG)).getIsBase64Encoded());
    APIGatewayV2HTTPResponse small = Compression.apply(request("gzip"), json("{\"a\":1}"));
    assertFalse(small.getIsBase64Encoded());
    assertNull(small.getHeaders().get("Content-Encoding"));
  }

  @Test
  void anAnswerTooLargeToGoOutPlainIs406NamingAcceptEncodingUnlessGzipIsAccepted() {
    String huge = "{\"a\":\"" + "x".repeat(Compression.MAX_PLAIN_BYTES) + "\"}";
    Problem p = org.junit.jupiter.api.Assertions.assertThrows(Problem.class, () -> Compression.apply(request(null),
        json(huge)));
    assertEquals(406, p.status());
    assertTrue(p.getMessage().contains("Accept-Encoding: gzip"), p.getMessage());
    assertFalse(Compression.apply(request("identity"), json(BIG)).getIsBase64Encoded(), "a smaller one goes out plain");
    assertTrue(Compression.apply(request("gzip"), json(huge)).getIsBase64Encoded());
  }
}
