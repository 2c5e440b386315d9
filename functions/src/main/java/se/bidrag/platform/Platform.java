package se.bidrag.platform;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
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
  private final Settings settings;
  private final Region region;
  private final Optional<URI> dynamoDbEndpoint;
  private final Optional<URI> sqsEndpoint;
  private final Optional<URI> sesEndpoint;
  private final Optional<URI> secretsManagerEndpoint;
  private final Optional<String> primingTable;
  private final Clock clock;
  private final List<ExecutionInterceptor> interceptors;
  private final AwsCredentialsProvider credentials;
  private final boolean local;
  private final boolean dry;
  private final Memo<SdkHttpClient> http;
  private final Memo<DynamoDbClient> dynamoDb;
  private final Memo<SqsClient> sqs;
  private final Memo<SesClient> ses;
  private final Memo<SecretsManagerClient> secretsManager;

  private Platform(Settings settings, Clock clock, List<ExecutionInterceptor> interceptors,
      AwsCredentialsProvider credentials, boolean local) {
    this(settings, clock, interceptors, credentials, local, false);
  }

  private Platform(Settings settings, Clock clock, List<ExecutionInterceptor> interceptors,
      AwsCredentialsProvider credentials, boolean local, boolean dry) {
    this.local = local;
    this.dry = dry;
    this.settings = settings;
    this.region = Region.of(settings.optional("AWS_REGION", "eu-north-1"));
    this.dynamoDbEndpoint = endpoint(settings, "AWS_ENDPOINT_URL_DYNAMODB");
    this.sqsEndpoint = endpoint(settings, "AWS_ENDPOINT_URL_SQS");
    this.sesEndpoint = endpoint(settings, "AWS_ENDPOINT_URL_SES");
    this.secretsManagerEndpoint = endpoint(settings, "AWS_ENDPOINT_URL_SECRETS_MANAGER");
    this.primingTable = settings.optional("TABLE_NAME");
    this.clock = clock;
    this.interceptors = List.copyOf(interceptors);
    this.credentials = credentials;
    this.http = new Memo<>(() -> {
      SdkHttpClient client = UrlConnectionHttpClient.builder()
          .connectionTimeout(Duration.ofSeconds(2)).socketTimeout(Duration.ofSeconds(10)).build();
      return dry ? DryRun.httpClient(client) : client;
    });
    this.dynamoDb = new Memo<>(() -> configure(DynamoDbClient.builder(), dynamoDbEndpoint).build());
    this.sqs = new Memo<>(() -> configure(SqsClient.builder(), sqsEndpoint).build());
    this.ses = new Memo<>(() -> configure(SesClient.builder(), sesEndpoint).build());
    this.secretsManager = new Memo<>(() -> configure(SecretsManagerClient.builder(), secretsManagerEndpoint).build());
  }

  /**
   * On Lambda: the process environment and the system clock (UTC). Credentials come from the
   * container endpoint where Lambda provides one (SnapStart), else from the environment, read at
   * each use so that a restored snapshot never signs with stale keys.
   */
  public static Platform fromEnvironment() {
    Settings settings = Settings.of(System.getenv());
    AwsCredentialsProvider credentials = settings.isDefined("AWS_CONTAINER_CREDENTIALS_FULL_URI")
        ? ContainerCredentialsProvider.builder().build()
        : EnvironmentVariableCredentialsProvider.create();
    Platform platform = new Platform(settings, Clock.systemUTC(), List.of(), credentials, false);
    Priming.arm();
    Priming.register("AWS SDK request path", platform::prime);
    return platform;
  }

  /**
   * Before a snapshot: runs the SDK's request path for the operations the functions use, with calls that
   * read or that a condition stops (nothing is ever written): marshalling, signing, HTTP, the response
   * and error unmarshallers, retries. See {@link SdkPriming}. Only the clients the function's init built
   * are primed; the ones it never uses stay unbuilt. Safe to call at any time; it changes nothing.
   */
  public void prime() {
    primingTable.ifPresent(table -> SdkPriming.dynamoDb(dynamoDb(), table));
    if (sqs.isComputed()) {
      settings.asMap().forEach((name, url) -> {
        if (name.endsWith("_QUEUE_URL")) {
          SdkPriming.sqs(sqs(), url);
        }
      });
    }
    if (ses.isComputed()) {
      SdkPriming.ses(ses());
    }
  }

  /**
   * The same function environment, run dry (SnapStart priming of a job's or a queue consumer's first
   * invocation): its own SDK clients, on which only reads are made ({@link DryRun} answers every other call
   * in the process, never sending it), no business metrics, and {@code clock}. Handlers wired on it run their
   * real code, their writes answered as if made.
   */
  public Platform dryRun(Clock clock) {
    List<ExecutionInterceptor> withDryRun = new java.util.ArrayList<>(interceptors);
    withDryRun.add(new DryRun());
    return new Platform(settings, clock, withDryRun, credentials, local, true);
  }

  /** Whether this is a dry platform ({@link #dryRun}). */
  public boolean isDry() {
    return dry;
  }

  /**
   * Off AWS: the given environment (from template.yaml, with endpoints pointing at the emulators
   * and dummy credentials), the given clock, and extra SDK interceptors (fault injection in tests).
   */
  public static Platform local(Map<String, String> env, Clock clock, List<ExecutionInterceptor> interceptors) {
    Settings settings = Settings.of(env);
    return new Platform(settings, clock, interceptors, StaticCredentialsProvider.create(AwsBasicCredentials.create(
        settings.optional("AWS_ACCESS_KEY_ID", "local"), settings.optional("AWS_SECRET_ACCESS_KEY", "local"))), true);
  }

  public Clock clock() {
    return clock;
  }

  /** Business metrics: CloudWatch embedded metric format lines in the function's log. */
  public se.bidrag.metrics.BusinessMetrics metrics() {
    return dry ? se.bidrag.metrics.BusinessMetrics.NONE : new EmfMetrics(clock);
  }

  /**
   * The function's environment, for its configuration record to read (each capability's
   * {@code Wiring} reads it once, at init); handlers and services never read it themselves.
   */
  public Settings settings() {
    return settings;
  }

  /** A required setting; a missing one is a deployment error, named (for the local stack's test functions). */
  public String require(String name) {
    return settings.require(name);
  }

  /** The environment as given (the local stack and the benchmarks look at it). */
  public Map<String, String> env() {
    return settings.asMap();
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

  /** For secrets a function fetches once, at init (its configuration names the secret, never holds it). */
  public SecretsManagerClient secretsManager() {
    return secretsManager.get();
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

  /** The service's own endpoint variable if it is present (blank: none), else the general one. */
  private static Optional<URI> endpoint(Settings settings, String variable) {
    return settings.isDefined(variable) ? settings.optionalUrl(variable) : settings.optionalUrl("AWS_ENDPOINT_URL");
  }

  private <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C> B configure(B builder, Optional<URI> endpoint) {
    builder.region(region);
    builder.credentialsProvider(credentials);
    builder.httpClient(http.get());
    endpoint.ifPresent(builder::endpointOverride);
    ClientOverrideConfiguration.Builder override = ClientOverrideConfiguration.builder()
        .apiCallAttemptTimeout(Duration.ofSeconds(10))
        .apiCallTimeout(Duration.ofSeconds(30))
        .retryStrategy(retryStrategy(local));
    interceptors.forEach(override::addExecutionInterceptor);
    builder.overrideConfiguration(override.build());
    return builder;
  }
}
