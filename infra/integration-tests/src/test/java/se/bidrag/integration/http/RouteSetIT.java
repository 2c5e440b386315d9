package se.bidrag.integration.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import se.bidrag.http.ApiHandler;
import se.bidrag.local.LocalFunction;
import se.bidrag.local.LocalRuntime;
import se.bidrag.local.SamTemplate;
import se.bidrag.testkit.LocalStackExtension;

/**
 * The routes template.yaml gives each function and the routes that function's handler registers are
 * the same set, both ways: a template route no handler serves would answer 404 on AWS, and a handler
 * route the template lacks would never be reached.
 */
@ExtendWith(LocalStackExtension.class)
class RouteSetIT {

  @Test
  void everyTemplateRouteIsServedAndEveryServedRouteIsInTheTemplate(LocalRuntime runtime) {
    Map<String, Set<String>> inTemplate = new TreeMap<>();
    Map<String, Set<String>> inHandlers = new TreeMap<>();
    for (LocalFunction f : runtime.functions().values()) {
      for (SamTemplate.Event e : f.definition().events()) {
        if (e.type().equals("HttpApi")) {
          inTemplate.computeIfAbsent(f.name(), k -> new TreeSet<>()).add(
              String.valueOf(e.properties().get("Method")).toUpperCase(Locale.ROOT) + " " + e.properties().get("Path"));
        }
      }
      if (f.handler() instanceof ApiHandler api) {
        inHandlers.put(f.name(), new TreeSet<>(api.routeKeys()));
      } else {
        assertFalse(inTemplate.containsKey(f.name()), f.name() + " has HttpApi events but its handler is not an ApiHandler");
      }
    }
    assertTrue(inTemplate.size() >= 8, "the template's HTTP functions: " + inTemplate.keySet());
    for (String fn : inTemplate.keySet()) {
      Set<String> missingInHandler = new TreeSet<>(inTemplate.get(fn));
      missingInHandler.removeAll(inHandlers.getOrDefault(fn, Set.of()));
      assertEquals(Set.of(), missingInHandler, fn + ": routes in template.yaml that its handler does not serve");
    }
    for (String fn : inHandlers.keySet()) {
      Set<String> missingInTemplate = new TreeSet<>(inHandlers.get(fn));
      missingInTemplate.removeAll(inTemplate.getOrDefault(fn, Set.of()));
      assertEquals(Set.of(), missingInTemplate, fn + ": routes its handler serves that template.yaml does not give it");
    }
  }
}
