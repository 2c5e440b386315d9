package se.bidrag.integration.template;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import se.bidrag.local.CfnYaml;
import se.bidrag.local.ProjectPaths;
import se.bidrag.local.SamTemplate;

/** template.yaml parses faithfully, and every Handler it names exists in the built deployment jar. */
class TemplateIT {

  @Test
  void shortFormTagsBecomeIntrinsicFunctions() {
    SamTemplate t = SamTemplate.load(ProjectPaths.template());
    Map<String, Object> env = t.functions().get(0).environment();
    assertEquals(Map.of("Ref", "BidragTable"), env.get("TABLE_NAME"));
    Map<String, Object> parsed = CfnYaml.parse("A: !GetAtt T.Arn\nB: !Sub 'x-${Y}'\nC: !Join [',', [a, b]]\n");
    assertEquals(Map.of("Fn::GetAtt", List.of("T", "Arn")), parsed.get("A"));
    assertEquals(Map.of("Fn::Sub", "x-${Y}"), parsed.get("B"));
    assertEquals(Map.of("Fn::Join", List.of(",", List.of("a", "b"))), parsed.get("C"));
  }

  @Test
  void everyHandlerResolvesToAClassAndMethodInTheBuiltJar() throws Exception {
    var jar = ProjectPaths.lambdaJar();
    assertTrue(Files.isRegularFile(jar), "the deployment jar is built first: " + jar);
    SamTemplate t = SamTemplate.load(ProjectPaths.template());
    assertFalse(t.functions().isEmpty());
    assertEquals("functions/target/bidrag-functions-lambda.jar", t.functions().get(0).properties().get("CodeUri"));
    try (URLClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL()}, ClassLoader.getPlatformClassLoader())) {
      for (SamTemplate.Function f : t.functions()) {
        Class<?> c = Class.forName(f.handlerClass(), false, loader);
        assertTrue(Modifier.isPublic(c.getModifiers()) && !Modifier.isAbstract(c.getModifiers()), f.handler());
        c.getConstructor(); // Lambda instantiates it with the public no-argument constructor
        Method m = null;
        for (Method candidate : c.getMethods()) {
          if (candidate.getName().equals(f.handlerMethod()) && candidate.getParameterCount() == 2
              && candidate.getParameterTypes()[1].getName().equals("com.amazonaws.services.lambda.runtime.Context")) {
            m = candidate;
          }
        }
        if (m == null) {
          fail(f.logicalId() + ": " + f.handler() + " has no public " + f.handlerMethod() + "(input, Context)");
        }
      }
    }
  }

  /**
   * cfn-lint validates the template offline. It is on every machine of this project's kind, CI's included;
   * where it is missing the test fails, saying how to install it (a check that can skip cannot fail).
   */
  @Test
  void cfnLintFindsNoErrors() throws IOException, InterruptedException {
    Process p;
    try {
      p = new ProcessBuilder("cfn-lint", ProjectPaths.template().toString()).redirectErrorStream(true).start();
    } catch (IOException e) {
      fail("cfn-lint is not installed on this machine, so template.yaml cannot be linted: install it with "
          + "`pip install cfn-lint==1.51.0` (it needs aws-sam-translator for the SAM transform)");
      return;
    }
    if (!p.waitFor(120, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      fail("cfn-lint did not finish in 120 s");
    }
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(0, p.exitValue(), out);
  }
}
