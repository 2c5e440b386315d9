package se.bidrag.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** template.yaml as the local stack reads it: resources, and functions with the Globals applied. */
public final class SamTemplate {
  private final Map<String, Object> root;

  private SamTemplate(Map<String, Object> root) {
    this.root = root;
  }

  public static SamTemplate load(Path file) {
    try {
      return new SamTemplate(CfnYaml.parse(Files.readString(file, StandardCharsets.UTF_8)));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public Map<String, Object> root() {
    return root;
  }

  /** A resource: its logical id, type and properties. */
  public record Resource(String logicalId, String type, Map<String, Object> properties) {}

  /** A function event source (HttpApi, SQS, ScheduleV2, ...). */
  public record Event(String name, String type, Map<String, Object> properties) {}

  /** A function with Globals.Function applied. */
  public record Function(String logicalId, String handler, Map<String, Object> environment, List<Event> events,
      Map<String, Object> properties) {
    public String handlerClass() {
      return handler.substring(0, handler.indexOf("::"));
    }

    public String handlerMethod() {
      return handler.substring(handler.indexOf("::") + 2);
    }
  }

  public Map<String, Resource> resources() {
    Map<String, Resource> out = new LinkedHashMap<>();
    map(root.get("Resources"), "Resources").forEach((id, value) -> {
      Map<String, Object> r = map(value, "Resources." + id);
      Object props = r.get("Properties");
      out.put(id, new Resource(id, (String) r.get("Type"), props == null ? Map.of() : map(props, id + ".Properties")));
    });
    return out;
  }

  public Map<String, Object> parameters() {
    Object p = root.get("Parameters");
    return p == null ? Map.of() : map(p, "Parameters");
  }

  public List<Function> functions() {
    Map<String, Object> globals = root.get("Globals") == null ? Map.of()
        : map(map(root.get("Globals"), "Globals").getOrDefault("Function", Map.of()), "Globals.Function");
    List<Function> out = new ArrayList<>();
    for (Resource r : resources().values()) {
      if (!"AWS::Serverless::Function".equals(r.type())) {
        continue;
      }
      Map<String, Object> props = new LinkedHashMap<>(globals);
      props.putAll(r.properties());
      Map<String, Object> env = new LinkedHashMap<>(variables(globals));
      env.putAll(variables(r.properties()));
      List<Event> events = new ArrayList<>();
      Object ev = r.properties().get("Events");
      if (ev != null) {
        map(ev, r.logicalId() + ".Events").forEach((name, e) -> {
          Map<String, Object> em = map(e, r.logicalId() + ".Events." + name);
          Object ep = em.get("Properties");
          events.add(new Event(name, (String) em.get("Type"), ep == null ? Map.of() : map(ep, name + ".Properties")));
        });
      }
      Object handler = props.get("Handler");
      if (!(handler instanceof String h) || !h.contains("::")) {
        throw new IllegalArgumentException(r.logicalId() + ": Handler must be 'package.Class::method', not " + handler);
      }
      out.add(new Function(r.logicalId(), h, env, events, props));
    }
    return out;
  }

  private static Map<String, Object> variables(Map<String, Object> props) {
    Object env = props.get("Environment");
    if (env == null) {
      return Map.of();
    }
    Object vars = map(env, "Environment").get("Variables");
    return vars == null ? Map.of() : map(vars, "Environment.Variables");
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> map(Object o, String where) {
    if (!(o instanceof Map)) {
      throw new IllegalArgumentException("template.yaml: " + where + " must be a mapping");
    }
    return (Map<String, Object>) o;
  }
}
