package se.bidrag.demo;

import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import se.bidrag.local.Http;
import se.bidrag.local.LocalRuntime;

/**
 * The callers of the API in the demo — the e-service (for the recipients' ombud), the agency's two
 * people (a handläggare who also attests, and an attestant) and the reporting web form — over real
 * HTTP. Like any careful client it retries a request that got no answer or a 5xx/429, with the same
 * Idempotency-Key and If-Match, so a retry cannot act twice.
 */
final class EService {
  static final String AGENCY = "2021000555";
  private static final int ATTEMPTS = 12;

  private final LocalRuntime runtime;
  private final Http http;
  private final Map<String, String> tokens = new ConcurrentHashMap<>();
  /** Maria: handläggare, and attestant too (so the rule that nobody attests their own proposal is played). */
  final String handlaggare;
  /** Johan: attestant. */
  final String attestant;
  final AtomicLong requests = new AtomicLong();
  final AtomicLong retries = new AtomicLong();

  EService(LocalRuntime runtime) {
    this.runtime = runtime;
    this.http = new Http(runtime.api().uri(), true); // as a browser or curl --compressed: gzip
    this.handlaggare = runtime.jwt().mintAgency("handlaggare-maria", AGENCY, List.of("handlaggare", "attestant"),
        People.HANDLAGGARE, Duration.ofHours(4));
    this.attestant = runtime.jwt().mintAgency("attestant-johan", AGENCY, List.of("attestant"), People.ATTESTANT,
        Duration.ofHours(4));
  }

  /** The organisation's ombud's token (the e-service's session), minted once. */
  String ombud(String orgnr) {
    return tokens.computeIfAbsent(orgnr, o -> runtime.jwt().mint("ombud-" + o, o, "ombud", People.ombud(o),
        Duration.ofHours(4)));
  }

  Http.Response get(String path, String token) {
    return send("GET", path, token, null, Map.of());
  }

  Http.Response send(String method, String path, String token, String body, Map<String, String> headers) {
    Map<String, String> h = new LinkedHashMap<>(headers);
    for (int attempt = 1; ; attempt++) {
      requests.incrementAndGet();
      boolean throttled = false;
      try {
        Http.Response r = http.send(method, path, token, body, h);
        if ((r.status() < 500 && r.status() != 429) || attempt == ATTEMPTS) {
          return r;
        }
        throttled = r.status() == 429;
      } catch (UncheckedIOException e) {
        if (attempt == ATTEMPTS) {
          throw e;
        }
      }
      retries.incrementAndGet();
      pause(attempt, throttled);
    }
  }

  /**
   * Backs off: briefly after a failure; after a 429 long enough, with jitter, that the demo's clients together
   * stay under the route's rate (the report routes allow 20 a second, the clients would send ten times that).
   */
  private static void pause(int attempt, boolean throttled) {
    long millis = throttled ? Math.min(2_000, 150L * attempt) + ThreadLocalRandom.current().nextLong(250)
        : Math.min(500, 10L * attempt * attempt);
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
