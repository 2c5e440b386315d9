package se.bidrag.local;

import java.net.URI;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/** The emulators without Docker: DynamoDB Local and ElasticMQ in this JVM, the SES emulator as a child process. */
public final class InProcessEmulators implements Emulators {
  private final DynamoDbLocal dynamoDb;
  private final ElasticMq sqs;
  private final SesLocal ses;

  private InProcessEmulators(DynamoDbLocal dynamoDb, ElasticMq sqs, SesLocal ses) {
    this.dynamoDb = dynamoDb;
    this.sqs = sqs;
    this.ses = ses;
  }

  /** Starts all three at once; if one fails, the others are stopped again. */
  public static InProcessEmulators start(Path root) {
    var dynamo = CompletableFuture.supplyAsync(DynamoDbLocal::start);
    var sqs = CompletableFuture.supplyAsync(ElasticMq::start);
    var ses = CompletableFuture.supplyAsync(() -> SesLocal.start(root));
    try {
      CompletableFuture.allOf(dynamo, sqs, ses).join();
      return new InProcessEmulators(dynamo.join(), sqs.join(), ses.join());
    } catch (CompletionException e) {
      dynamo.thenAccept(DynamoDbLocal::close);
      sqs.thenAccept(ElasticMq::close);
      ses.thenAccept(SesLocal::close);
      throw e.getCause() instanceof RuntimeException r ? r : e;
    }
  }

  @Override
  public URI dynamoDbEndpoint() {
    return dynamoDb.endpoint();
  }

  @Override
  public URI sqsEndpoint() {
    return sqs.endpoint();
  }

  @Override
  public URI sesEndpoint() {
    return ses.endpoint();
  }

  @Override
  public String region() {
    return ElasticMq.REGION;
  }

  @Override
  public Mailbox mailbox() {
    return ses;
  }

  /** The SES emulator's child process. */
  public long sesPid() {
    return ses.pid();
  }

  @Override
  public void close() {
    RuntimeException failure = null;
    for (AutoCloseable c : new AutoCloseable[] {ses, sqs, dynamoDb}) {
      try {
        c.close();
      } catch (Exception e) {
        if (failure == null) {
          failure = new IllegalStateException("stopping the local stack", e);
        } else {
          failure.addSuppressed(e);
        }
      }
    }
    if (failure != null) {
      throw failure;
    }
  }
}
