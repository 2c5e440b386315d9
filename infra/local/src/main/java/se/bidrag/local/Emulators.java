package se.bidrag.local;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The AWS services Bidrag uses, emulated: DynamoDB, SQS and SES endpoints and a way to read the
 * mail that was sent. {@link InProcessEmulators} (no Docker) by default; LocalStack through
 * Testcontainers where Docker exists (the {@code -Plocalstack} profile).
 */
public interface Emulators extends AutoCloseable {
  URI dynamoDbEndpoint();

  URI sqsEndpoint();

  URI sesEndpoint();

  String region();

  Mailbox mailbox();

  /** Lets {@code address} send mail (LocalStack wants verified identities; the in-process emulator does not). */
  default void allowSender(String address) {}

  @Override
  void close();

  /** What any AWS SDK client needs to talk to the emulators: region, dummy credentials, endpoints. */
  default Map<String, String> awsEnvironment() {
    Map<String, String> env = new LinkedHashMap<>();
    env.put("AWS_REGION", region());
    env.put("AWS_ACCESS_KEY_ID", "local");
    env.put("AWS_SECRET_ACCESS_KEY", "local");
    env.put("AWS_ENDPOINT_URL_DYNAMODB", dynamoDbEndpoint().toString());
    env.put("AWS_ENDPOINT_URL_SQS", sqsEndpoint().toString());
    env.put("AWS_ENDPOINT_URL_SES", sesEndpoint().toString());
    return env;
  }
}
