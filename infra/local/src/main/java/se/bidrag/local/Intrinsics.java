package se.bidrag.local;

import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Resolves the CloudFormation intrinsic functions template.yaml uses (Ref, Fn::GetAtt, Fn::Sub,
 * Fn::Join) against the locally provisioned resources. Anything else is an error, not a guess.
 */
final class Intrinsics {
  private static final Pattern SUB = Pattern.compile("\\$\\{([^}]+)}");

  /** What a Ref or GetAtt of a logical id (or parameter, or pseudo parameter) is locally. */
  interface Names {
    String ref(String logicalId);

    String attribute(String logicalId, String attribute);
  }

  private final Names names;

  Intrinsics(Names names) {
    this.names = names;
  }

  String resolve(Object value, String where) {
    return dynamicReferences(resolveIntrinsics(value, where));
  }

  /**
   * Dynamic references ({{resolve:...}}) would put a secret's value into an environment variable, where
   * it does not belong: functions fetch their secrets at init (the local Secrets Manager serves them).
   */
  private String dynamicReferences(String s) {
    if (s.contains("{{resolve:")) {
      throw new IllegalStateException("template.yaml: a dynamic reference the local stack does not resolve "
          + "(fetch the secret at init instead): " + s);
    }
    return s;
  }

  private String resolveIntrinsics(Object value, String where) {
    if (value instanceof String s) {
      return s;
    }
    if (value instanceof Number || value instanceof Boolean) {
      return String.valueOf(value);
    }
    if (value instanceof Map<?, ?> m && m.size() == 1) {
      var e = m.entrySet().iterator().next();
      String fn = String.valueOf(e.getKey());
      Object arg = e.getValue();
      switch (fn) {
        case "Ref":
          return names.ref(String.valueOf(arg));
        case "Fn::GetAtt": {
          List<?> parts = arg instanceof List<?> l ? l : List.of(String.valueOf(arg).split("\\.", 2));
          return names.attribute(String.valueOf(parts.get(0)), String.valueOf(parts.get(1)));
        }
        case "Fn::Sub": {
          if (arg instanceof List<?> l) {
            @SuppressWarnings("unchecked")
            Map<String, Object> vars = (Map<String, Object>) l.get(1);
            return sub(String.valueOf(l.get(0)), vars, where);
          }
          return sub(String.valueOf(arg), Map.of(), where);
        }
        case "Fn::Join": {
          List<?> l = (List<?>) arg;
          StringBuilder sb = new StringBuilder();
          List<?> items = (List<?>) l.get(1);
          for (int i = 0; i < items.size(); i++) {
            if (i > 0) {
              sb.append(l.get(0));
            }
            sb.append(resolveIntrinsics(items.get(i), where));
          }
          return sb.toString();
        }
        default:
          break;
      }
    }
    throw new IllegalStateException("template.yaml: " + where + ": the local stack cannot resolve " + value);
  }

  private String sub(String template, Map<String, Object> vars, String where) {
    Matcher m = SUB.matcher(template);
    StringBuilder sb = new StringBuilder();
    while (m.find()) {
      String name = m.group(1);
      String value;
      if (vars.containsKey(name)) {
        value = resolveIntrinsics(vars.get(name), where);
      } else if (name.contains(".") && !name.startsWith("AWS::")) {
        String[] parts = name.split("\\.", 2);
        value = names.attribute(parts[0], parts[1]);
      } else {
        value = names.ref(name);
      }
      m.appendReplacement(sb, Matcher.quoteReplacement(value));
    }
    m.appendTail(sb);
    return sb.toString();
  }
}
