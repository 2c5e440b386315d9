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
    int sqsRetryDelaySeconds;
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

    /** How long a failed SQS message stays invisible before it is retried (AWS: the visibility timeout). */
    public Options sqsRetryDelaySeconds(int seconds) {
      this.sqsRetryDelaySeconds = seconds;
      return this;
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
   * local test value, not Socialstyrelsen's account). SES rate high enough for quick local runs. The local
   * stack is a test stage: it may publish the illustrative inputs (and its figures say so).
   */
  public static final Map<String, String> LOCAL_PARAMETERS = Map.of("JwtIssuer", LocalJwt.ISSUER,
      "JwtAudience", LocalJwt.AUDIENCE, "AgencyBankgiro", "5050-1055", "MailFrom", "statsbidrag@bidrag.localhost",
      "SesMaxSendRate", "100", "Stage", "test");

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
    // the reporting form's site: its origin is SiteOrigin (the e-mails link to it; the API's CORS allows it)
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
      site.configure(siteHeaders(intrinsics, apiUri), apiUri);

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

      List<LocalApi.Route> routes = new ArrayList<>();
      List<SqsEventSource> sources = new ArrayList<>();
      List<LocalScheduler.Schedule> schedules = new ArrayList<>();
      for (LocalFunction fn : functions.values()) {
        for (SamTemplate.Event e : fn.definition().events()) {
          String where = fn.name() + ".Events." + e.name();
          switch (e.type()) {
            case "HttpApi" -> routes.add(route(fn, e, where));
            case "SQS" -> sources.add(sqsSource(fn, e, o.sqsRetryDelaySeconds, intrinsics, where));
            case "ScheduleV2" -> schedules.add(schedule(fn, e, intrinsics, where));
            default -> throw new IllegalStateException("template.yaml: " + where + ": event type " + e.type()
                + " is not run by the local stack");
          }
        }
      }
      this.eventSources = List.copyOf(sources);
      this.scheduler = new LocalScheduler(List.copyOf(schedules), clock, platform.sqs());
      this.api = new LocalApi(apiPort, routes, jwt);
      api.cors(cors(intrinsics));
      LocalRoutes.register(api, jwt, clock, this::setClock);
      this.background = new BackgroundDelivery(eventSources, scheduler);
      this.deadLetters = new DeadLetters(platform.sqs(), resources, scheduler);
    } catch (RuntimeException e) {
      site.close();
      secrets.close();
      stack.close();
      throw e;
    }
  }

  /** The HTTP API's CorsConfiguration from template.yaml, resolved (AllowOrigins: SiteOrigin, the local site). */
  private LocalApi.Cors cors(Intrinsics intrinsics) {
    for (SamTemplate.Resource r : template.resources().values()) {
      if ("AWS::Serverless::HttpApi".equals(r.type()) && r.properties().get("CorsConfiguration") instanceof Map<?, ?> c) {
        String where = r.logicalId() + ".CorsConfiguration";
        java.util.function.Function<String, List<String>> list = key -> c.get(key) instanceof List<?> l
            ? l.stream().map(v -> intrinsics.resolve(v, where + "." + key)).toList() : List.of();
        int maxAge = c.get("MaxAge") == null ? 0 : Integer.parseInt(String.valueOf(c.get("MaxAge")));
        return new LocalApi.Cors(list.apply("AllowOrigins"), list.apply("AllowMethods"), list.apply("AllowHeaders"),
            list.apply("ExposeHeaders"), maxAge);
      }
    }
    return null;
  }

  /** The site's security headers: the template's CloudFront response headers policy, connect-src at the local API. */
  private Map<String, String> siteHeaders(Intrinsics intrinsics, URI api) {
    for (SamTemplate.Resource r : template.resources().values()) {
      if ("AWS::CloudFront::ResponseHeadersPolicy".equals(r.type())) {
        Map<String, Object> config = SamTemplate.map(r.properties().get("ResponseHeadersPolicyConfig"),
            r.logicalId() + ".ResponseHeadersPolicyConfig");
        Map<String, Object> security = SamTemplate.map(config.getOrDefault("SecurityHeadersConfig", Map.of()),
            r.logicalId() + ".SecurityHeadersConfig");
        String csp = null;
        if (security.get("ContentSecurityPolicy") instanceof Map<?, ?> c) {
          csp = intrinsics.resolve(c.get("ContentSecurityPolicy"), r.logicalId() + ".ContentSecurityPolicy");
        }
        return SiteServer.headersFrom(security, csp, api);
      }
    }
    return Map.of();
  }

  private LocalApi.Route route(LocalFunction fn, SamTemplate.Event e, String where) {
    String path = String.valueOf(e.properties().get("Path"));
    String method = String.valueOf(e.properties().getOrDefault("Method", "ANY")).toUpperCase(java.util.Locale.ROOT);
    boolean authorized = true;
    List<String> scopes = List.of();
    Object auth = e.properties().get("Auth");
    if (auth != null) {
      Map<String, Object> a = SamTemplate.map(auth, where + ".Auth");
      authorized = !"NONE".equals(a.get("Authorizer"));
      if (a.get("AuthorizationScopes") instanceof List<?> list) {
        scopes = list.stream().map(String::valueOf).toList();
      }
    }
    LocalApi.Throttle throttle = null;
    if (e.properties().get("RouteSettings") instanceof Map<?, ?> rs && rs.get("ThrottlingRateLimit") != null) {
      throttle = new LocalApi.Throttle(Double.parseDouble(String.valueOf(rs.get("ThrottlingRateLimit"))),
          Integer.parseInt(String.valueOf(rs.get("ThrottlingBurstLimit") == null ? rs.get("ThrottlingRateLimit")
              : rs.get("ThrottlingBurstLimit"))));
    }
    return new LocalApi.Route(method, path, LocalApi.segments(path), fn, authorized, scopes, throttle);
  }

  private SqsEventSource sqsSource(LocalFunction fn, SamTemplate.Event e, int retryDelay, Intrinsics intrinsics,
      String where) {
    String arn = intrinsics.resolve(e.properties().get("Queue"), where + ".Queue");
    int batchSize = Integer.parseInt(String.valueOf(e.properties().getOrDefault("BatchSize", 10)));
    Object types = e.properties().get("FunctionResponseTypes");
    boolean partial = types instanceof List<?> l && l.contains("ReportBatchItemFailures");
    return new SqsEventSource(fn, platform.sqs(), resources.queueUrlByArn(arn), arn, batchSize, partial, retryDelay);
  }

  private LocalScheduler.Schedule schedule(LocalFunction fn, SamTemplate.Event e, Intrinsics intrinsics, String where) {
    Map<String, Object> p = e.properties();
    String expression = intrinsics.resolve(p.get("ScheduleExpression"), where + ".ScheduleExpression");
    ZoneId zone = ZoneId.of(String.valueOf(p.getOrDefault("ScheduleExpressionTimezone", "UTC")));
    int retries = 185; // EventBridge Scheduler's default
    if (p.get("RetryPolicy") instanceof Map<?, ?> rp && rp.get("MaximumRetryAttempts") != null) {
      retries = Integer.parseInt(String.valueOf(rp.get("MaximumRetryAttempts")));
    }
    String dlq = null;
    if (p.get("DeadLetterConfig") instanceof Map<?, ?> dl && dl.get("Arn") != null) {
      dlq = resources.queueUrlByArn(intrinsics.resolve(dl.get("Arn"), where + ".DeadLetterConfig.Arn"));
    }
    String input = p.get("Input") == null ? "{}" : intrinsics.resolve(p.get("Input"), where + ".Input");
    boolean enabled = !"DISABLED".equals(String.valueOf(p.getOrDefault("State", "ENABLED")));
    return new LocalScheduler.Schedule(fn.name() + "." + e.name(), fn,
        ScheduleExpression.parse(expression, zone, clock.instant()), expression, input, retries, dlq, enabled,
        clock.instant());
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

  /** Delivers queued messages to their functions until every event-source queue is empty (or the time is up). */
  public void deliverQueues(Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      int delivered = 0;
      for (SqsEventSource s : eventSources) {
        delivered += s.pollOnce(0);
      }
      if (delivered == 0 && eventSources.stream().allMatch(s -> s.pending() == 0)) {
        return;
      }
      if (delivered == 0) {
        sleep(20); // messages in flight or delayed: wait for them to become visible
      }
    }
    throw new IllegalStateException("event-source queues did not empty within " + timeout);
  }

  /**
   * What an operator does when a dead-letter alarm fires, once the cause is mended: every dead letter
   * back to its queue, every failed scheduled run again (see {@link DeadLetters#redriveAll()}).
   */
  public int redriveDeadLetters() {
    return deadLetters.redriveAll();
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
