package se.bidrag.local;

import java.net.InetSocketAddress;
import java.net.URI;
import org.elasticmq.rest.sqs.SQSRestServer;
import org.elasticmq.rest.sqs.SQSRestServerBuilder;

/** ElasticMQ: SQS (AWS JSON protocol, FIFO, dead-letter redrive) in this JVM on a free loopback port. */
final class ElasticMq implements AutoCloseable {
  static final String REGION = "eu-north-1";
  static final String ACCOUNT = "000000000000";

  private final SQSRestServer server;
  private final URI endpoint;

  private ElasticMq(SQSRestServer server, int port) {
    this.server = server;
    this.endpoint = URI.create("http://127.0.0.1:" + port);
  }

  static ElasticMq start() {
    SQSRestServer server = SQSRestServerBuilder.withInterface("127.0.0.1").withDynamicPort()
        .withAWSRegion(REGION).withAWSAccountId(ACCOUNT).start();
    InetSocketAddress address = (InetSocketAddress) server.waitUntilStarted().localAddress();
    return new ElasticMq(server, address.getPort());
  }

  URI endpoint() {
    return endpoint;
  }

  @Override
  public void close() {
    server.stopAndWait();
  }
}
