package se.bidrag.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import se.bidrag.json.Json;
import se.bidrag.local.ProjectPaths;

/** Talking to a running {@code ./bidrag serve} from another command. */
final class ServeSupport {
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();

  private ServeSupport() {}

  /** Where a kept-up local stack says where it is, for ./bidrag clock and friends. */
  static Path statePath() {
    return ProjectPaths.root().resolve(".bidrag/serve.json");
  }

  /** Records the running stack's addresses in {@link #statePath()}. */
  static void writeState(se.bidrag.local.LocalRuntime runtime) throws java.io.IOException {
    var info = Json.object().put("api", runtime.api().uri().toString())
        .put("ses", runtime.emulators().mailbox().page().toString()).put("pid", ProcessHandle.current().pid())
        .put("dynamodb", runtime.emulators().dynamoDbEndpoint().toString()).put("region", runtime.emulators().region())
        .put("table", runtime.table("BidragTable"));
    java.nio.file.Files.createDirectories(statePath().getParent());
    java.nio.file.Files.writeString(statePath(), Json.pretty(info), java.nio.charset.StandardCharsets.UTF_8);
  }

  /** Removes the state file (best effort, at shutdown). */
  static void forgetState() {
    try {
      java.nio.file.Files.deleteIfExists(statePath());
    } catch (java.io.IOException ignored) {
      // best effort
    }
  }

  /**
   * Records where the running stack is (so that ./bidrag clock and token reach it), then waits for
   * Ctrl-C; on the way out forgets the state and closes {@code resources}.
   */
  static void keepUntilStopped(se.bidrag.local.LocalRuntime runtime, AutoCloseable resources) throws Exception {
    writeState(runtime);
    System.out.println("Stop with Ctrl-C.");
    System.out.flush();
    java.util.concurrent.CountDownLatch stop = new java.util.concurrent.CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      forgetState();
      try {
        resources.close();
      } catch (Exception e) {
        System.err.println("bidrag: stopping: " + e);
      }
      stop.countDown();
    }, "bidrag-stop"));
    stop.await();
  }

  /** The running server's API base URL, from .bidrag/serve.json. */
  /** The running stack's state file (see {@link #writeState}); refused when no local server runs. */
  static JsonNode state() {
    Path state = ProjectPaths.root().resolve(".bidrag/serve.json");
    if (!Files.isRegularFile(state)) {
      throw new IllegalStateException("no local server is running (start one with ./bidrag serve, or give --table for AWS)");
    }
    try {
      return Json.parse(Files.readString(state, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static URI api() {
    Path state = ProjectPaths.root().resolve(".bidrag/serve.json");
    if (!Files.isRegularFile(state)) {
      throw new IllegalStateException("no local server is running (start one with ./bidrag serve)");
    }
    try {
      JsonNode info = Json.parse(Files.readString(state, StandardCharsets.UTF_8));
      return URI.create(info.path("api").asText());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** POSTs and returns "status: body" (short bodies) for a person to read. */
  static String post(URI uri, String token, String body) {
    HttpResponse<String> r = send(HttpRequest.newBuilder(uri).timeout(Duration.ofMinutes(5))
        .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
        .POST(body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body)).build());
    try {
      JsonNode json = Json.parse(r.body());
      if (json.has("outcome")) {
        return json.path("outcome").asText() + " (" + r.statusCode() + "), total " + json.path("total").asText() + " kr";
      }
    } catch (IOException ignored) {
      // not JSON: show it as it is
    }
    return r.statusCode() + " " + r.body();
  }

  static HttpResponse<String> send(HttpRequest request) {
    try {
      return HTTP.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException("the local server at " + request.uri() + " did not answer: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
