package se.bidrag.local;

import com.amazonaws.services.dynamodbv2.local.main.ServerRunner;
import com.amazonaws.services.dynamodbv2.local.server.DynamoDBProxyServer;
import java.net.URI;

/** AWS's DynamoDB Local, in memory, in this JVM, on a free loopback port (clients talk HTTP to it as to AWS). */
final class DynamoDbLocal implements AutoCloseable {
  private final DynamoDBProxyServer server;
  private final URI endpoint;

  private DynamoDbLocal(DynamoDBProxyServer server, int port) {
    this.server = server;
    this.endpoint = URI.create("http://127.0.0.1:" + port);
  }

  static DynamoDbLocal start() {
    Exception last = null;
    for (int attempt = 0; attempt < 5; attempt++) {
      int port = Ports.free();
      try {
        DynamoDBProxyServer server = quietly(() -> ServerRunner.createServerFromCommandLineArgs(new String[] {
            "-inMemory", "-sharedDb", "-port", Integer.toString(port), "-disableTelemetry"}));
        server.start();
        return new DynamoDbLocal(server, port);
      } catch (Exception e) {
        last = e; // the port was taken between probing and binding: try another
      }
    }
    throw new IllegalStateException("DynamoDB Local did not start", last);
  }

  private interface Creation {
    DynamoDBProxyServer create() throws Exception;
  }

  /** DynamoDB Local prints its configuration banner to stdout; keep the command line's output readable. */
  private static synchronized DynamoDBProxyServer quietly(Creation creation) throws Exception {
    java.io.PrintStream out = System.out;
    System.setOut(new java.io.PrintStream(java.io.OutputStream.nullOutputStream()));
    try {
      return creation.create();
    } finally {
      System.setOut(out);
    }
  }

  URI endpoint() {
    return endpoint;
  }

  @Override
  public void close() {
    try {
      server.stop();
    } catch (Exception e) {
      throw new IllegalStateException("DynamoDB Local did not stop", e);
    }
  }
}
