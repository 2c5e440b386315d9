package se.bidrag.reporting;

import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/** The report links' keys, fetched from AWS Secrets Manager once, when the function initialises. */
final class SecretsManagerLinkKeys {
  private SecretsManagerLinkKeys() {}

  static LinkKeys fetch(SecretsManagerClient client, String secretId) {
    String value = client.getSecretValue(r -> r.secretId(secretId)).secretString();
    if (value == null) {
      throw new IllegalStateException("the secret " + secretId + " has no string value");
    }
    return LinkKeys.parse(value);
  }
}
