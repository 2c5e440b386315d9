package se.bidrag.payout;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import se.bidrag.http.ApiRequest;

/** Which callers get the payment file gzipped (and so a file too large for one plain answer). */
class PaymentFileEncodingTest {
  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "gzip, deflate, br|true", "br;q=1.0, gzip;q=0.8, *;q=0.1|true", "GZIP|true", "gzip;q=1|true",
      "gzip;q=0|false", "gzip;q=0.0|false", "deflate|false", "identity|false", "x-gzip2|false", "''|false"})
  void acceptsGzipOnlyWhenTheCallerSaysSo(String acceptEncoding, boolean gzip) {
    var event = APIGatewayV2HTTPEvent.builder().withHeaders(Map.of("accept-encoding", acceptEncoding)).build();
    assertEquals(gzip, PaymentApiHandler.acceptsGzip(new ApiRequest(event)), acceptEncoding);
  }
}
