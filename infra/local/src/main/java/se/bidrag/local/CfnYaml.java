package se.bidrag.local;

import java.util.List;
import java.util.Map;
import org.snakeyaml.engine.v2.api.ConstructNode;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.constructor.StandardConstructor;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.nodes.Tag;

/**
 * Reads CloudFormation YAML faithfully: the short-form tags ({@code !Ref X}, {@code !GetAtt A.B},
 * {@code !Sub ...}, ...) become their long forms ({@code {"Ref": "X"}}, {@code {"Fn::GetAtt": ["A", "B"]}},
 * {@code {"Fn::Sub": ...}}) instead of silently turning into plain strings.
 */
public final class CfnYaml {
  private static final List<String> FUNCTIONS = List.of("Ref", "Condition", "GetAtt", "Sub", "Join", "Select",
      "Split", "If", "Equals", "Not", "And", "Or", "FindInMap", "Base64", "Cidr", "GetAZs", "ImportValue",
      "Transform", "ToJsonString", "Length");

  private CfnYaml() {}

  @SuppressWarnings("unchecked")
  public static Map<String, Object> parse(String yaml) {
    LoadSettings settings = LoadSettings.builder().setLabel("template.yaml").setAllowDuplicateKeys(false).build();
    Object root = new Load(settings, new Constructor(settings)).loadFromString(yaml);
    if (!(root instanceof Map)) {
      throw new IllegalArgumentException("template.yaml: the document is not a mapping");
    }
    return (Map<String, Object>) root;
  }

  private static final class Constructor extends StandardConstructor {
    Constructor(LoadSettings settings) {
      super(settings);
      for (String fn : FUNCTIONS) {
        tagConstructors.put(new Tag("!" + fn), new Intrinsic(fn));
      }
    }

    private final class Intrinsic implements ConstructNode {
      private final String function;

      Intrinsic(String function) {
        this.function = function;
      }

      @Override
      public Object construct(Node node) {
        Object value;
        if (node instanceof ScalarNode scalar) {
          value = constructScalar(scalar);
        } else if (node instanceof SequenceNode seq) {
          value = constructSequence(seq);
        } else {
          value = constructMapping((MappingNode) node);
        }
        return switch (function) {
          case "Ref", "Condition" -> Map.of(function, value);
          case "GetAtt" -> {
            if (value instanceof String s) {
              int dot = s.indexOf('.');
              yield Map.of("Fn::GetAtt", List.of(s.substring(0, dot), s.substring(dot + 1)));
            }
            yield Map.of("Fn::GetAtt", value);
          }
          default -> Map.of("Fn::" + function, value);
        };
      }
    }
  }
}
