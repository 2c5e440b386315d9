package se.bidrag.platform;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import se.bidrag.util.Memo;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.ContainerCredentialsProvider;
import software.amazon.awssdk.auth.credentials.EnvironmentVariableCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.retries.StandardRetryStrategy;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.ses.SesClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * What a function runs on: its configuration (environment), its clock, and its AWS clients. On
 * Lambda, {@link #fromEnvironment()}: the process environment, the system UTC clock. Locally, the
 * local stack builds one per function with the environment from template.yaml, endpoints pointing
 * at the emulators and the clock the user controls.
 *
 * <p>Clients are built once per container, lazily, with an explicit region, credentials provider
 * and the URL-connection HTTP client: the fastest Java Lambda cold start without a framework.
 */
public final class Platform {
  private final Map<String, String> env;
  private final Clock clock;
  private final List<ExecutionInterceptor> interceptors;
  private final AwsCredentialsProvider credentials;
  private final boolean local;
  private final Memo<SdkHttpClient> http;
  private final Memo<DynamoDbClient> dynamoDb;
  private final Memo<SqsClient> sqs;
  private final Memo<SesClient> ses;

  private Platform(Map<String, String> env, Clock clock, List<ExecutionInterceptor> interceptors,
      AwsCredentialsProvider credentials, boolean local) {
    this.local = local;
    this.env = Map.copyOf(env);
    this.clock = clock;
    this.interceptors = List.copyOf(interceptors);
    this.credentials = credentials;
    this.http = new Memo<>(() -> UrlConnectionHttpClient.builder()
        .connectionTimeout(Duration.ofSeconds(2)).socketTimeout(Duration.ofSeconds(10)).build());
    this.dynamoDb = new Memo<>(() -> configure(DynamoDbClient.builder(), "AWS_ENDPOINT_URL_DYNAMODB").build());
    this.sqs = new Memo<>(() -> configure(SqsClient.builder(), "AWS_ENDPOINT_URL_SQS").build());
    this.ses = new Memo<>(() -> configure(SesClient.builder(), "AWS_ENDPOINT_URL_SES").build());
  }

  /**
   * On Lambda: the process environment and the system clock (UTC). Credentials come from the
   * container endpoint where Lambda provides one (SnapStart), else from the environment, read at
   * each use so that a restored snapshot never signs with stale keys.
   */
  public static Platform fromEnvironment() {
    Map<String, String> env = System.getenv();
    AwsCredentialsProvider credentials = env.containsKey("AWS_CONTAINER_CREDENTIALS_FULL_URI")
        ? ContainerCredentialsProvider.builder().build()
        : EnvironmentVariableCredentialsProvider.create();
    Platform platform = new Platform(env, Clock.systemUTC(), List.of(), credentials, false);
    Priming.register("AWS SDK request path", platform::prime);
    return platform;
  }

  /**
   * Makes one cheap DynamoDB read (an item that never exists), so that the SDK's request path —
   * marshalling, signing, HTTP, retries — is loaded and initialised: what a SnapStart snapshot should
   * hold. The clients a function uses are built by its constructor; the ones it never uses stay unbuilt.
   * Safe to call at any time; it changes nothing.
   */
  public void prime() {
    DynamoDbClient db = dynamoDb();
    String table = env.get("TABLE_NAME");
    if (table != null && !table.isBlank()) {
      db.getItem(b -> b.tableName(table).key(Map.of(
          "PK", software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS("PRIMING"),
          "SK", software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS("PRIMING"))));
    }
  }

  /**
   * Off AWS: the given environment (from template.yaml, with endpoints pointing at the emulators
   * and dummy credentials), the given clock, and extra SDK interceptors (fault injection in tests).
   */
  public static Platform local(Map<String, String> env, Clock clock, List<ExecutionInterceptor> interceptors) {
    return new Platform(env, clock, interceptors, StaticCredentialsProvider.create(AwsBasicCredentials.create(
        env.getOrDefault("AWS_ACCESS_KEY_ID", "local"), env.getOrDefault("AWS_SECRET_ACCESS_KEY", "local"))), true);
  }

  public Clock clock() {
    return clock;
  }

  /** A required setting; a missing one is a deployment error, named. */
  public String require(String name) {
    String v = env.get(name);
    if (v == null || v.isBlank()) {
      throw new IllegalStateException("environment variable " + name + " is not set");
    }
    return v;
  }

  public String get(String name, String fallback) {
    String v = env.get(name);
    return v == null || v.isBlank() ? fallback : v;
  }

  public Map<String, String> env() {
    return env;
  }

  public DynamoDbClient dynamoDb() {
    return dynamoDb.get();
  }

  public SqsClient sqs() {
    return sqs.get();
  }

  public SesClient ses() {
    return ses.get();
  }

  /**
   * Every call is retried by the SDK on throttling, 5xx and I/O errors: four attempts in all, with
   * exponential backoff and jitter (longer after throttling). The retry circuit breaker is off: at this
   * system's volume it would only turn a burst of failures into failed invocations, which the queues
   * and schedules would then retry anyway. Locally the same attempts are made with the waits shortened
   * (the emulators do not need them; injected faults would otherwise make the suites crawl).
   */
  static StandardRetryStrategy retryStrategy(boolean local) {
    StandardRetryStrategy.Builder b = StandardRetryStrategy.builder().maxAttempts(MAX_ATTEMPTS).circuitBreakerEnabled(false);
    if (local) {
      b.backoffStrategy(BackoffStrategy.exponentialDelay(Duration.ofMillis(2), Duration.ofMillis(50)))
          .throttlingBackoffStrategy(BackoffStrategy.exponentialDelay(Duration.ofMillis(5), Duration.ofMillis(100)));
    } else {
      b.backoffStrategy(BackoffStrategy.exponentialDelay(Duration.ofMillis(50), Duration.ofSeconds(5)))
          .throttlingBackoffStrategy(BackoffStrategy.exponentialDelay(Duration.ofMillis(500), Duration.ofSeconds(10)));
    }
    return b.build();
  }

  /** Attempts per AWS call (the first and three retries). */
  public static final int MAX_ATTEMPTS = 4;

  private <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C> B configure(B builder, String endpointVariable) {
    builder.region(Region.of(get("AWS_REGION", "eu-north-1")));
    builder.credentialsProvider(credentials);
    builder.httpClient(http.get());
    String endpoint = env.get(endpointVariable);
    if (endpoint == null) {
      endpoint = env.get("AWS_ENDPOINT_URL");
    }
    if (endpoint != null && !endpoint.isBlank()) {
      builder.endpointOverride(URI.create(endpoint));
    }
    ClientOverrideConfiguration.Builder override = ClientOverrideConfiguration.builder()
        .apiCallAttemptTimeout(Duration.ofSeconds(10))
        .apiCallTimeout(Duration.ofSeconds(30))
        .retryStrategy(retryStrategy(local));
    interceptors.forEach(override::addExecutionInterceptor);
    builder.overrideConfiguration(override.build());
    return builder;
  }
}
