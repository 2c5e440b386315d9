package se.bidrag;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The domain reads like the grant's rules and has no AWS types: only handlers (the Lambda entry
 * points), adapters (Dynamo*, Sqs*, Ses*, SecretsManager*), and the platform and http plumbing may import AWS.
 */
class DomainHasNoAwsTypesTest {
  private static final Pattern AWS = Pattern.compile("^import (static )?(software\\.amazon|com\\.amazonaws)\\.", Pattern.MULTILINE);
  private static final Pattern ALLOWED = Pattern.compile(
      ".*/(platform|http)/.*|.*/(Dynamo|Sqs|Ses|SecretsManager)[A-Za-z]*\\.java|.*Handler\\.java|.*/audit/AuditItems\\.java");

  @Test
  void domainClassesImportNoAwsTypes() throws IOException {
    Path main = Path.of("src/main/java");
    List<String> offenders;
    List<Path> domain;
    try (Stream<Path> files = Files.walk(main)) {
      domain = files.filter(p -> p.toString().endsWith(".java"))
          .filter(p -> !ALLOWED.matcher(p.toString().replace('\\', '/')).matches()).toList();
    }
    org.junit.jupiter.api.Assertions.assertTrue(domain.size() > 10, "scanned " + domain);
    try (Stream<Path> files = domain.stream()) {
      offenders = files
          .filter(p -> {
            try {
              return AWS.matcher(Files.readString(p)).find();
            } catch (IOException e) {
              throw new java.io.UncheckedIOException(e);
            }
          }).map(Path::toString).sorted().toList();
    }
    assertEquals(List.of(), offenders);
  }
}
