package se.bidrag.local;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import se.bidrag.platform.Platform;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;

/**
 * All of Bidrag on one machine: the emulators, provisioned from template.yaml; every function of
 * the template, warm; the HTTP API with its JWT authorizer; SQS event sources; schedules on a
 * clock the user controls. Used by {@code ./bidrag serve}, {@code ./bidrag demo} and the tests.
 */
public final class LocalRuntime implements AutoCloseable {
  private final Emulators stack;
  private final SamTemplate template;
  private final Provisioner provisioner;
  private final Provisioner.Provisioned resources;
  private final Map<String, LocalFunction> functions;
  private final LocalApi api;
  private final List<SqsEventSource> eventSources;
  private final LocalScheduler scheduler;
  private final LocalClock clock;
  private final LocalJwt jwt;
  private final Platform platform;
  private final BackgroundDelivery background;
  private final CallLedger calls = new CallLedger();
  private final DeadLetters deadLetters;
  private final AsyncInvoker async;
  private final QueueDelivery delivery;
  private final SecretsLocal secrets;
  private final SiteServer site;

  /** How to start. */
  public static final class Options {
    Path root = ProjectPaths.root();
    Path template;
    Instant clockStart = Instant.now();
    boolean clockRunning;
    int apiPort;
    int sitePort;
    Path siteRoot;
    LocalJwt jwt;
    List<ExecutionInterceptor> interceptors = List.of();
    Map<String, String> environment = Map.of();
    Integer sqsRetryDelaySeconds;
    List<Duration> asyncRetryDelays = List.of(Duration.ofMinutes(1), Duration.ofMinutes(2));
    java.util.function.Function<Path, Emulators> emulators = InProcessEmulators::start;
    Map<String, String> parameters = new LinkedHashMap<>(LOCAL_PARAMETERS);

    public Options root(Path root) {
      this.root = root;
      return this;
    }

    public Options template(Path template) {
      this.template = template;
      return this;
    }

    public Options clock(Instant start, boolean running) {
      this.clockStart = start;
      this.clockRunning = running;
      return this;
    }

    public Options apiPort(int port) {
      this.apiPort = port;
      return this;
    }

    /** Where the reporting form's site is served (default: a free port). */
    public Options sitePort(int port) {
      this.sitePort = port;
      return this;
    }

    /** The site's files (default: web/site/ of the project). */
    public Options siteRoot(Path siteRoot) {
      this.siteRoot = siteRoot;
      return this;
    }

    public Options jwt(LocalJwt jwt) {
      this.jwt = jwt;
      return this;
    }

    /** SDK interceptors added to every function's clients (fault injection in tests). */
    public Options interceptors(List<ExecutionInterceptor> interceptors) {
      this.interceptors = List.copyOf(interceptors);
      return this;
    }

    /** Extra environment for every function (what comes from SSM or Secrets Manager on AWS). */
    public Options environment(Map<String, String> environment) {
      this.environment = Map.copyOf(environment);
      return this;
    }

    /**
     * How long a failed SQS message stays invisible before it is retried; without this, the queue's
     * VisibilityTimeout from the template, as on AWS (tests and the demo shorten it).
     */
    public Options sqsRetryDelaySeconds(int seconds) {
      this.sqsRetryDelaySeconds = seconds;
      return this;
    }

    /**
     * Lambda's waits before the retries of a failed asynchronous invocation (a scheduled job); default as
     * on AWS, one minute then two. Tests and the demo shorten them.
     */
    public Options asyncRetryDelays(Duration... delays) {
      this.asyncRetryDelays = List.of(delays);
      return this;
    }

    /** Short waits for tests and the demo: failed SQS messages at once, Lambda's async retries after 20 and 40 ms. */
    public Options fastRetries() {
      return sqsRetryDelaySeconds(0).asyncRetryDelays(Duration.ofMillis(20), Duration.ofMillis(40));
    }

    /** A template parameter's local value (over {@link #LOCAL_PARAMETERS}). */
    public Options parameter(String name, String value) {
      this.parameters.put(name, value);
      return this;
    }

    /** Which emulators to run on (default: in-process, no Docker). */
    public Options emulators(java.util.function.Function<Path, Emulators> emulators) {
      this.emulators = emulators;
      return this;
    }

    public LocalRuntime start() {
      return new LocalRuntime(this);
    }
  }

  /**
   * Local values of template.yaml's parameters that have no default: the local JWT issuer, a clearly
   * local sender address, and Bankgirot's documentation example number as the agency's bankgiro (a
   * local test value, not Socialstyrelsen's account), a local address for the alarms (which only AWS
   * evaluates). SES rate high enough for quick local runs. The local stack is a test stage: it may
   * publish the illustrative inputs (and its figures say so).
   */
  public static final Map<String, String> LOCAL_PARAMETERS = Map.of("JwtIssuer", LocalJwt.ISSUER,
      "JwtAudience", LocalJwt.AUDIENCE, "AgencyBankgiro", "5050-1055", "MailFrom", "statsbidrag@bidrag.localhost",
      "SesMaxSendRate", "100", "Stage", "test", "AlarmEmail", "drift@bidrag.localhost");

  public static Options options() {
    return new Options();
  }

  private LocalRuntime(Options o) {
    this.clock = new LocalClock(o.clockStart, o.clockRunning);
    this.jwt = o.jwt != null ? o.jwt : LocalJwt.ephemeral();
    this.template = SamTemplate.load(o.template != null ? o.template : o.root.resolve("template.yaml"));
    this.stack = o.emulators.apply(o.root);
    int apiPort = o.apiPort != 0 ? o.apiPort : Ports.free();
    URI apiUri = URI.create("http://127.0.0.1:" + apiPort);
    Map<String, String> parameters = new LinkedHashMap<>(o.parameters);
    this.secrets = new SecretsLocal();
    try {
      this.site = new SiteServer(o.siteRoot != null ? o.siteRoot : o.root.resolve("web/site"), o.sitePort);
    } catch (RuntimeException e) {
      secrets.close();
      stack.close();
      throw e;
    }
    parameters.putIfAbsent("SiteOrigin", site.origin().toString());
    parameters.putIfAbsent("SiteCertificateArn", "arn:aws:acm:us-east-1:000000000000:certificate/local-not-used");
    parameters.putIfAbsent("ConsoleIssuer", LocalOidc.issuer(apiUri)); // the console's sign-in: the local provider
    try {
      Map<String, String> awsEnv = new LinkedHashMap<>(stack.awsEnvironment());
      awsEnv.put("AWS_ENDPOINT_URL_SECRETS_MANAGER", secrets.endpoint().toString());
      this.platform = Platform.local(awsEnv, clock, List.of()); // the tests' own clients: never faulted
      this.provisioner = new Provisioner(template, platform.dynamoDb(), platform.sqs(), parameters, stack.region());
      this.resources = provisioner.provision();
      resources.secretArns().forEach((id, arn) -> secrets.declare(id, arn, template.resources().get(id).properties()));
      if (parameters.containsKey("MailFrom")) {
        stack.allowSender(parameters.get("MailFrom"));
      }
      Intrinsics intrinsics = new Intrinsics(resources);
      site.configure(WebSettings.siteHeaders(template, intrinsics, apiUri), apiUri);
      site.configureConsole(LocalOidc.issuer(apiUri), LocalOidc.CLIENT_ID,
          se.bidrag.grant.GrantCatalogs.of(platform).scheduled().get(0).id());

      this.functions = new LinkedHashMap<>();
      for (SamTemplate.Function f : template.functions()) {
        Map<String, String> env = new LinkedHashMap<>();
        f.environment().forEach((k, v) -> env.put(k, intrinsics.resolve(v, f.logicalId() + ".Environment." + k)));
        env.putAll(awsEnv);
        env.put("AWS_LAMBDA_FUNCTION_NAME", f.logicalId());
        env.putAll(o.environment);
        List<ExecutionInterceptor> interceptors = new ArrayList<>();
        interceptors.add(calls);
        interceptors.addAll(o.interceptors);
        functions.put(f.logicalId(), new LocalFunction(f, env, () -> Platform.local(env, clock, interceptors), calls));
      }

      Triggers triggers = Triggers.read(functions.values(), intrinsics, resources, platform.sqs(),
          o.sqsRetryDelaySeconds, clock.instant());
      this.async = new AsyncInvoker(triggers.asyncConfigs, clock, platform.sqs(), o.asyncRetryDelays, stack.region());
      this.eventSources = List.copyOf(triggers.sources);
      this.scheduler = new LocalScheduler(List.copyOf(triggers.schedules), clock, async);
      this.api = new LocalApi(apiPort, triggers.routes, jwt);
      api.cors(WebSettings.cors(template, intrinsics));
      this.deadLetters = new DeadLetters(platform.sqs(), resources, scheduler, async, functions);
      LocalRoutes.register(api, jwt, clock, this::setClock, deadLetters, site);
      this.background = new BackgroundDelivery(eventSources, scheduler, async);
      this.delivery = new QueueDelivery(eventSources, async, deadLetters);
    } catch (RuntimeException e) {
      site.close();
      secrets.close();
      stack.close();
      throw e;
    }
  }

  /** Accepts 2025-04-18T02:00+02:00, 2025-04-18T02:00:00Z, or a date (midnight, Europe/Stockholm). */
  public static Instant parseInstant(String text) {
    try {
      return java.time.OffsetDateTime.parse(text).toInstant();
    } catch (java.time.format.DateTimeParseException e) {
      try {
        return Instant.parse(text);
      } catch (java.time.format.DateTimeParseException e2) {
        return java.time.LocalDate.parse(text).atStartOfDay(ZoneId.of("Europe/Stockholm")).toInstant();
      }
    }
  }

  /** Sets the clock and fires the schedules that have come due, in order. */
  public List<LocalScheduler.Fired> setClock(Instant instant) {
    clock.set(instant);
    return scheduler.fireDue();
  }

  /**
   * Lets everything queued run until nothing is left (or the time is up): the SQS event sources, each with
   * as many concurrent pollers as its MaximumConcurrency, and Lambda's asynchronous retries as they come due.
   */
  public void deliverQueues(Duration timeout) {
    delivery.untilEmpty(timeout);
  }

  /**
   * What an operator does when a dead-letter or on-failure alarm fires, once the cause is mended: every
   * dead letter back to its queue, every failed asynchronous invocation (a scheduled job) invoked again
   * with its payload (see {@link DeadLetters#redriveAll()}).
   */
  public int redriveDeadLetters() {
    return deadLetters.redriveAll();
  }

  /** The failure queues as the operator sees them ({@code GET /_local/dead-letters}). */
  public DeadLetters deadLetters() {
    return deadLetters;
  }

  /** Lambda's asynchronous invocations (the scheduled jobs' path): invoke, and see what waits for a retry. */
  public AsyncInvoker async() {
    return async;
  }

  /** Messages waiting in every queue (visible and in flight), by logical id; empty queues left out. */
  public Map<String, Long> queueDepths() {
    return deadLetters.depths();
  }

  /** ./bidrag serve: poll every event-source queue and check the schedules every second, in the background. */
  public void startBackgroundDelivery() {
    background.start();
  }

  /** Back to a clean state: empty tables, empty queues, no mail, the clock at {@code clockStart}. */
  public void reset(Instant clockStart) {
    provisioner.recreateTables(resources);
    for (String url : resources.queueUrls().values()) {
      platform.sqs().purgeQueue(p -> p.queueUrl(url));
    }
    stack.mailbox().clear();
    async.clear();
    calls.clear();
    if (secrets.restore()) {
      functions.values().forEach(LocalFunction::reinitialise);
    }
    clock.set(clockStart);
    scheduler.restartFrom(clockStart);
  }

  /** The AWS calls every function invocation made, by trigger, with DynamoDB's consumed capacity. */
  public CallLedger calls() {
    return calls;
  }

  public LocalClock clock() {
    return clock;
  }

  public LocalJwt jwt() {
    return jwt;
  }

  /** Clients to the emulators, built exactly as the functions build theirs. */
  public Platform platform() {
    return platform;
  }

  public LocalApi api() {
    return api;
  }

  public Emulators emulators() {
    return stack;
  }

  public Provisioner.Provisioned resources() {
    return resources;
  }

  public Map<String, LocalFunction> functions() {
    return functions;
  }

  public LocalFunction function(String logicalId) {
    LocalFunction f = functions.get(logicalId);
    if (f == null) {
      throw new IllegalArgumentException("template.yaml has no function " + logicalId);
    }
    return f;
  }

  public List<SqsEventSource> eventSources() {
    return eventSources;
  }

  public LocalScheduler scheduler() {
    return scheduler;
  }

  /** The physical name of a table by logical id. */
  public String table(String logicalId) {
    return resources.ref(logicalId);
  }

  /** The URL of a queue by logical id. */
  public String queueUrl(String logicalId) {
    return resources.ref(logicalId);
  }

  /** The local Secrets Manager: the template's secrets, generated for this run. */
  public SecretsLocal secrets() {
    return secrets;
  }

  /** The reporting form's site (web/site/ with CloudFront's headers and this run's config.js). */
  public SiteServer site() {
    return site;
  }

  /**
   * Starts the named functions again (a new Lambda environment: its init runs again and, e.g., fetches
   * its secrets anew). Requests in flight finish on the old instance.
   */
  public void reinitialise(String... logicalIds) {
    for (String id : logicalIds) {
      function(id).reinitialise();
    }
  }

  @Override
  public void close() {
    background.close();
    delivery.close();
    try {
      api.close();
      site.close();
      secrets.close();
    } finally {
      stack.close();
    }
  }

  static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
