package se.bidrag.local;

import java.net.ConnectException;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.ses.model.SesException;
import software.amazon.awssdk.services.sqs.model.SqsException;

/**
 * Fails a share of the functions' DynamoDB, SQS and SES calls, the way those services fail: throttling
 * (400, a throttling error code), server errors (500 / 503) and connection timeouts, each before the
 * request reaches the service. Seeded, so a run can be repeated; counts what it injected.
 */
public final class RandomFaults implements Faults.Rule {
  /** The kinds of failure, in the proportions they are drawn. */
  public enum Kind { THROTTLING, SERVER_ERROR, UNAVAILABLE, TIMEOUT }

  private final double rate;
  private final Random random;
  private final Map<String, AtomicLong> calls = new TreeMap<>();
  private final Map<String, AtomicLong> injected = new TreeMap<>();

  private final double lostAnswerRate;

  public RandomFaults(double rate, long seed) {
    this(rate, 0, seed);
  }

  /**
   * @param lostAnswerRate the share of DynamoDB and SQS calls whose answer is lost after they took effect
   *     (SES is left out: a lost answer to a send makes a second e-mail unavoidable, for any sender)
   */
  public RandomFaults(double rate, double lostAnswerRate, long seed) {
    if (rate < 0 || rate >= 1 || lostAnswerRate < 0 || lostAnswerRate >= 1) {
      throw new IllegalArgumentException("fault rates are in [0, 1), not " + rate + " / " + lostAnswerRate);
    }
    this.rate = rate;
    this.lostAnswerRate = lostAnswerRate;
    this.random = new Random(seed);
  }

  @Override
  public synchronized RuntimeException afterService(String service, String operation, SdkRequest request) {
    String s = service == null ? "?" : service;
    if (lostAnswerRate == 0 || s.equalsIgnoreCase("Ses") || random.nextDouble() >= lostAnswerRate) {
      return null;
    }
    injected.computeIfAbsent(s + " lost_answer", k -> new AtomicLong()).incrementAndGet();
    return SdkClientException.builder().message("Unable to execute HTTP request: Read timed out (injected)")
        .cause(new java.net.SocketTimeoutException("Read timed out (injected)")).build();
  }

  public double rate() {
    return rate;
  }

  @Override
  public synchronized RuntimeException apply(String service, String operation, SdkRequest request) {
    String s = service == null ? "?" : service;
    calls.computeIfAbsent(s, k -> new AtomicLong()).incrementAndGet();
    if (random.nextDouble() >= rate) {
      return null;
    }
    Kind kind = Kind.values()[random.nextInt(Kind.values().length)];
    injected.computeIfAbsent(s + " " + kind.name().toLowerCase(java.util.Locale.ROOT), k -> new AtomicLong())
        .incrementAndGet();
    return switch (kind) {
      case THROTTLING -> service(s, 400, s.equalsIgnoreCase("DynamoDB") ? "ProvisionedThroughputExceededException"
          : "Throttling", "Rate exceeded (injected)");
      case SERVER_ERROR -> service(s, 500, "InternalFailure", "Internal server error (injected)");
      case UNAVAILABLE -> service(s, 503, "ServiceUnavailable", "Service unavailable (injected)");
      case TIMEOUT -> SdkClientException.builder().message("Unable to execute HTTP request: connect timed out (injected)")
          .cause(new ConnectException("connect timed out (injected)")).build();
    };
  }

  private static AwsServiceException service(String service, int status, String code, String message) {
    AwsErrorDetails details = AwsErrorDetails.builder().errorCode(code).errorMessage(message).serviceName(service).build();
    AwsServiceException.Builder b = switch (service.toLowerCase(java.util.Locale.ROOT)) {
      case "dynamodb" -> DynamoDbException.builder();
      case "sqs" -> SqsException.builder();
      case "ses" -> SesException.builder();
      default -> AwsServiceException.builder();
    };
    return b.statusCode(status).awsErrorDetails(details).message(message).build();
  }

  /** Calls seen per service. */
  public synchronized Map<String, Long> calls() {
    Map<String, Long> out = new TreeMap<>();
    calls.forEach((k, v) -> out.put(k, v.get()));
    return out;
  }

  /** Failures injected per service and kind. */
  public synchronized Map<String, Long> injected() {
    Map<String, Long> out = new TreeMap<>();
    injected.forEach((k, v) -> out.put(k, v.get()));
    return out;
  }

  public synchronized long injectedTotal() {
    return injected.values().stream().mapToLong(AtomicLong::get).sum();
  }
}
