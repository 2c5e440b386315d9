package se.bidrag.local;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import se.bidrag.json.Json;

/**
 * The SES emulator: npm's {@code aws-ses-v2-local}, installed by the build under
 * {@code infra/local/node_modules}, run with the machine's {@code node} as a child process on a free
 * loopback port. Its web page ({@code /}) shows the mail it received; {@code GET /store} returns it.
 * Stopping kills the process and its descendants, also when the JVM exits unexpectedly.
 */
public final class SesLocal implements Mailbox, AutoCloseable {
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  private final Process process;
  private final URI endpoint;
  private final Thread shutdownHook;

  private SesLocal(Process process, URI endpoint) {
    this.process = process;
    this.endpoint = endpoint;
    this.shutdownHook = new Thread(this::kill, "ses-local-shutdown");
    Runtime.getRuntime().addShutdownHook(shutdownHook);
  }

  static Path cli(Path root) {
    return root.resolve("infra/local/node_modules/aws-ses-v2-local/dist/cli.js");
  }

  /** How long node may take to answer: about half a second on an idle machine, far longer on a loaded one. */
  static final int START_SECONDS = 90;

  static SesLocal start(Path root) {
    Path cli = cli(root);
    if (!Files.isRegularFile(cli)) {
      throw new IllegalStateException("the SES emulator is not installed (" + cli + " is missing); "
          + "build first with `mvn -B package` (it runs npm ci in infra/local/), or run `npm ci` in infra/local/");
    }
    String node = findNode();
    int port = Ports.free();
    Process p;
    try {
      p = new ProcessBuilder(node, cli.toString(), "--host", "127.0.0.1", "--port", Integer.toString(port))
          .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    } catch (IOException e) {
      throw new UncheckedIOException("could not start the SES emulator with " + node, e);
    }
    SesLocal ses = new SesLocal(p, URI.create("http://127.0.0.1:" + port));
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(START_SECONDS);
    while (System.nanoTime() < deadline) {
      if (!p.isAlive()) {
        ses.close();
        throw new IllegalStateException("the SES emulator exited at start (exit " + p.exitValue() + ")");
      }
      if (ses.healthy()) {
        return ses;
      }
      sleep(50);
    }
    ses.close();
    throw new IllegalStateException("the SES emulator did not answer on port " + port + " within " + START_SECONDS + " s");
  }

  /** {@code node} from PATH; a clear error when Node.js is not installed. */
  static String findNode() {
    return LocalEnvironment.executable("node").map(Path::toString).orElseThrow(() -> new IllegalStateException("Node.js (`node`) is required to run the SES emulator aws-ses-v2-local, "
        + "but it is not on PATH; install Node.js 18 or newer"));
  }

  public URI endpoint() {
    return endpoint;
  }

  public long pid() {
    return process.pid();
  }

  boolean healthy() {
    try {
      return HTTP.send(HttpRequest.newBuilder(endpoint.resolve("/health-check")).timeout(Duration.ofSeconds(1)).build(),
          HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  @Override
  public List<Mail> all() {
    JsonNode store = Json.parse(new java.io.ByteArrayInputStream(get("/store")));
    List<Mail> out = new ArrayList<>();
    for (JsonNode m : store.path("emails")) {
      List<String> to = new ArrayList<>();
      m.path("destination").path("to").forEach(t -> to.add(t.asText()));
      List<Attachment> attachments = new ArrayList<>();
      m.path("attachments").forEach(a -> attachments.add(new Attachment(a.path("filename").asText(null),
          a.path("contentType").asText(), java.util.Base64.getDecoder().decode(a.path("content").asText()))));
      out.add(new Mail(m.path("messageId").asText(), m.path("from").asText(), to, m.path("subject").asText(),
          m.path("body").path("text").asText(null), m.path("body").path("html").asText(null), attachments));
    }
    return out;
  }

  @Override
  public URI page() {
    return endpoint.resolve("/");
  }

  @Override
  public void clear() {
    try {
      HTTP.send(HttpRequest.newBuilder(endpoint.resolve("/clear-store")).POST(HttpRequest.BodyPublishers.noBody())
          .build(), HttpResponse.BodyHandlers.discarding());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private byte[] get(String path) {
    try {
      return HTTP.send(HttpRequest.newBuilder(endpoint.resolve(path)).build(), HttpResponse.BodyHandlers.ofByteArray())
          .body();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private void kill() {
    process.descendants().forEach(ProcessHandle::destroy);
    process.destroy();
    try {
      if (!process.waitFor(3, TimeUnit.SECONDS)) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly().waitFor(3, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    kill();
    try {
      Runtime.getRuntime().removeShutdownHook(shutdownHook);
    } catch (IllegalStateException shuttingDown) {
      // the hook is running or has run
    }
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
