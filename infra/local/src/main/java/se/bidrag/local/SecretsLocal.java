package se.bidrag.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import se.bidrag.json.Json;

/**
 * A small Secrets Manager emulator: {@code GetSecretValue} over the AWS JSON 1.1 protocol
 * ({@code X-Amz-Target: secretsmanager.GetSecretValue}) for the secrets template.yaml declares, with
 * values generated for this run the way CloudFormation generates them ({@code GenerateSecretString}:
 * a random password of the given length, put under {@code GenerateStringKey} of
 * {@code SecretStringTemplate}). The functions fetch them at init through the SDK, pointed here by
 * {@code AWS_ENDPOINT_URL_SECRETS_MANAGER}. Tests may put a new value (a key rotation).
 */
public final class SecretsLocal implements AutoCloseable {
  private static final String LETTERS_AND_DIGITS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
  private static final SecureRandom RANDOM = new SecureRandom();

  private final HttpServer server;
  private final Map<String, String> initial = new LinkedHashMap<>(); // ARN → value generated at start
  private final Map<String, String> values = new ConcurrentHashMap<>();
  private final Map<String, String> arnByLogicalId = new LinkedHashMap<>();

  SecretsLocal() {
    try {
      server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.createContext("/", this::handle);
    server.start();
  }

  public URI endpoint() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  /** Declares a template secret (by logical id and ARN) and generates its value as CloudFormation would. */
  void declare(String logicalId, String arn, Map<String, Object> properties) {
    String value;
    if (properties.get("SecretString") != null) {
      value = String.valueOf(properties.get("SecretString"));
    } else {
      Map<String, Object> g = SamTemplate.map(properties.getOrDefault("GenerateSecretString", Map.of()),
          logicalId + ".GenerateSecretString");
      int length = Integer.parseInt(String.valueOf(g.getOrDefault("PasswordLength", 32)));
      boolean letters = Boolean.parseBoolean(String.valueOf(g.getOrDefault("ExcludePunctuation", "false")));
      String password = password(length, letters);
      Object template = g.get("SecretStringTemplate");
      if (template != null) {
        ObjectNode o;
        try {
          o = (ObjectNode) Json.parse(String.valueOf(template));
        } catch (IOException | ClassCastException e) {
          throw new IllegalStateException("template.yaml: " + logicalId + ".GenerateSecretString.SecretStringTemplate is not a JSON object");
        }
        o.put(String.valueOf(g.get("GenerateStringKey")), password);
        value = Json.write(o);
      } else {
        value = password;
      }
    }
    initial.put(arn, value);
    values.put(arn, value);
    arnByLogicalId.put(logicalId, arn);
  }

  private static String password(int length, boolean lettersAndDigitsOnly) {
    String alphabet = lettersAndDigitsOnly ? LETTERS_AND_DIGITS : LETTERS_AND_DIGITS + "!#$%&()*+,-.:;<=>?@[]^_{|}~";
    StringBuilder sb = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      sb.append(alphabet.charAt(RANDOM.nextInt(alphabet.length())));
    }
    return sb.toString();
  }

  /** The current value of a template secret, by logical id. */
  public String value(String logicalId) {
    return values.get(arn(logicalId));
  }

  /** Puts a new value (what {@code PutSecretValue} or a rotation does); functions see it when they initialise again. */
  public void put(String logicalId, String value) {
    values.put(arn(logicalId), value);
  }

  public String arn(String logicalId) {
    String arn = arnByLogicalId.get(logicalId);
    if (arn == null) {
      throw new IllegalArgumentException("template.yaml declares no secret " + logicalId);
    }
    return arn;
  }

  /** Back to the values generated at start; true if any had changed. */
  boolean restore() {
    boolean changed = !values.equals(initial);
    values.putAll(initial);
    return changed;
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
      JsonNode body;
      try {
        body = Json.parse(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
      } catch (IOException e) {
        body = null;
      }
      if (!"POST".equals(exchange.getRequestMethod()) || !"secretsmanager.GetSecretValue".equals(target) || body == null) {
        send(exchange, 400, Json.object().put("__type", "UnsupportedOperation")
            .put("message", "the local Secrets Manager answers GetSecretValue only, not " + target));
        return;
      }
      String id = body.path("SecretId").asText("");
      String arn = values.containsKey(id) ? id : arnByLogicalId.getOrDefault(id, id);
      String value = values.get(arn);
      if (value == null) {
        send(exchange, 400, Json.object().put("__type", "ResourceNotFoundException")
            .put("message", "Secrets Manager can't find the specified secret."));
        return;
      }
      send(exchange, 200, Json.object().put("ARN", arn).put("Name", arn.substring(arn.lastIndexOf(':') + 1))
          .put("VersionId", UUID.nameUUIDFromBytes(value.getBytes(StandardCharsets.UTF_8)).toString())
          .put("SecretString", value).put("CreatedDate", System.currentTimeMillis() / 1000.0)
          .set("VersionStages", Json.MAPPER.createArrayNode().add("AWSCURRENT")));
    }
  }

  private static void send(HttpExchange exchange, int status, JsonNode body) throws IOException {
    byte[] bytes = Json.write(body).getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "application/x-amz-json-1.1");
    exchange.getResponseHeaders().set("x-amzn-RequestId", UUID.randomUUID().toString());
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
