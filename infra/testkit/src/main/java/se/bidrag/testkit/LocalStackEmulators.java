package se.bidrag.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.opentest4j.TestAbortedException;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.localstack.LocalStackContainer;
import org.testcontainers.utility.DockerImageName;
import se.bidrag.json.Json;
import se.bidrag.local.Emulators;
import se.bidrag.local.Mailbox;
import se.bidrag.platform.Platform;

/**
 * The emulators as LocalStack provides them, in Docker through Testcontainers ({@code -Plocalstack}).
 * Without Docker, tests that need them are skipped with the reason. The image is pinned to a
 * community release; newer LocalStack images need {@code LOCALSTACK_AUTH_TOKEN}, passed on when set.
 */
final class LocalStackEmulators implements Emulators {
  static final DockerImageName IMAGE = DockerImageName.parse("localstack/localstack:3.8.1");
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private final LocalStackContainer container;

  private LocalStackEmulators(LocalStackContainer container) {
    this.container = container;
  }

  static LocalStackEmulators start() {
    if (!DockerClientFactory.instance().isDockerAvailable()) {
      throw new TestAbortedException("-Plocalstack: Docker is not available on this machine, so the LocalStack "
          + "integration tests are skipped (the default profile runs them on the in-process emulators)");
    }
    LocalStackContainer c = new LocalStackContainer(IMAGE).withServices("dynamodb", "sqs", "ses");
    String token = System.getenv("LOCALSTACK_AUTH_TOKEN");
    if (token != null && !token.isBlank()) {
      c.withEnv("LOCALSTACK_AUTH_TOKEN", token);
    }
    c.start();
    return new LocalStackEmulators(c);
  }

  @Override
  public URI dynamoDbEndpoint() {
    return container.getEndpoint();
  }

  @Override
  public URI sqsEndpoint() {
    return container.getEndpoint();
  }

  @Override
  public URI sesEndpoint() {
    return container.getEndpoint();
  }

  @Override
  public String region() {
    return container.getRegion();
  }

  @Override
  public void allowSender(String address) {
    Platform.local(awsEnvironment(), java.time.Clock.systemUTC(), List.of()).ses()
        .verifyEmailIdentity(v -> v.emailAddress(address));
  }

  @Override
  public Mailbox mailbox() {
    URI store = container.getEndpoint().resolve("/_aws/ses");
    return new Mailbox() {
      @Override
      public List<Mail> all() {
        JsonNode root = Json.parse(new java.io.ByteArrayInputStream(send(HttpRequest.newBuilder(store).GET().build())));
        List<Mail> out = new ArrayList<>();
        for (JsonNode m : root.path("messages")) {
          List<String> to = new ArrayList<>();
          m.path("Destination").path("ToAddresses").forEach(t -> to.add(t.asText()));
          if (m.hasNonNull("RawData")) {
            out.add(RawMail.parse(m.path("Id").asText(), m.path("RawData").asText()));
          } else {
            out.add(new Mail(m.path("Id").asText(), m.path("Source").asText(), to, m.path("Subject").asText(),
                m.path("Body").path("text_part").asText(null), m.path("Body").path("html_part").asText(null), List.of()));
          }
        }
        return out;
      }

      @Override
      public void clear() {
        send(HttpRequest.newBuilder(store).DELETE().build());
      }

      @Override
      public URI page() {
        return store;
      }
    };
  }

  private static byte[] send(HttpRequest request) {
    try {
      return HTTP.send(request, HttpResponse.BodyHandlers.ofByteArray()).body();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    container.stop();
  }

  /** A raw MIME message (SendRawEmail) read back into the common shape. */
  static final class RawMail {
    private RawMail() {}

    static Mailbox.Mail parse(String id, String raw) {
      String[] parts = raw.split("\r?\n\r?\n", 2);
      String from = header(parts[0], "From");
      String to = header(parts[0], "To");
      return new Mailbox.Mail(id, from, to == null ? List.of() : List.of(to.split(",\\s*")), header(parts[0], "Subject"),
          parts.length > 1 ? new String(parts[1].getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8) : "", null,
          List.of());
    }

    private static String header(String headers, String name) {
      for (String line : headers.split("\r?\n")) {
        if (line.regionMatches(true, 0, name + ":", 0, name.length() + 1)) {
          return line.substring(name.length() + 1).trim();
        }
      }
      return null;
    }
  }
}
