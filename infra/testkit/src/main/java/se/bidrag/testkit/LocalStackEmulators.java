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
    se.bidrag.local.LocalEnvironment.localStackAuthToken().ifPresent(token -> c.withEnv("LOCALSTACK_AUTH_TOKEN", token));
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

  /** A raw MIME message (SendRawEmail) read back into the common shape with Apache James mime4j. */
  static final class RawMail {
    private RawMail() {}

    static Mailbox.Mail parse(String id, String raw) {
      org.apache.james.mime4j.dom.Message m;
      try {
        m = new org.apache.james.mime4j.message.DefaultMessageBuilder()
            .parseMessage(new java.io.ByteArrayInputStream(raw.getBytes(StandardCharsets.UTF_8)));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      String from = m.getFrom() == null || m.getFrom().isEmpty() ? null : m.getFrom().get(0).getAddress();
      List<String> to = new ArrayList<>();
      if (m.getTo() != null) {
        m.getTo().flatten().forEach(b -> to.add(b.getAddress()));
      }
      String[] bodies = new String[2];
      List<Mailbox.Attachment> attachments = new ArrayList<>();
      walk(m, bodies, attachments);
      return new Mailbox.Mail(id, from, to, m.getSubject(), bodies[0], bodies[1], attachments);
    }

    private static void walk(org.apache.james.mime4j.dom.Entity e, String[] bodies, List<Mailbox.Attachment> out) {
      org.apache.james.mime4j.dom.Body body = e.getBody();
      try {
        if (body instanceof org.apache.james.mime4j.dom.Multipart mp) {
          for (org.apache.james.mime4j.dom.Entity part : mp.getBodyParts()) {
            walk(part, bodies, out);
          }
        } else if ("attachment".equals(e.getDispositionType())) {
          try (var in = ((org.apache.james.mime4j.dom.SingleBody) body).getInputStream()) {
            out.add(new Mailbox.Attachment(e.getFilename(), e.getMimeType(), in.readAllBytes()));
          }
        } else if (body instanceof org.apache.james.mime4j.dom.TextBody text) {
          try (var reader = text.getReader()) {
            String content = new String(readAll(reader)).replace("\r\n", "\n");
            bodies["text/html".equals(e.getMimeType()) ? 1 : 0] = content;
          }
        }
      } catch (IOException ex) {
        throw new UncheckedIOException(ex);
      }
    }

    private static char[] readAll(java.io.Reader reader) throws IOException {
      java.io.CharArrayWriter w = new java.io.CharArrayWriter();
      reader.transferTo(w);
      return w.toCharArray();
    }
  }
}
