package io.dispatch.testdata;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The shape of Nomad's job API, as extracted from Nomad 2.0.6's {@code api} package into {@code
 * nomad/nomad-job-schema.json} (struct name → JSON key → Go type, and the docker driver's options).
 * Real Nomad silently drops a key it does not know, so a misspelt field is lost without a word;
 * this checks every key and the JSON type of every value, the way the project's {@code
 * check-nomad-job.py} does. A {@code null} carries nothing and is accepted anywhere.
 */
public final class NomadJobSchema {

  private static final Set<String> INTEGERS =
      Set.of(
          "int",
          "int8",
          "int16",
          "int32",
          "int64",
          "uint",
          "uint8",
          "uint16",
          "uint32",
          "uint64",
          "time.Duration",
          "byte");
  private static final Pattern MAP = Pattern.compile("map\\[(\\w+)](.+)");

  private static final NomadJobSchema INSTANCE = new NomadJobSchema();

  private final Map<String, Map<String, String>> structs = new HashMap<>();
  private final Map<String, List<String>> embedded = new HashMap<>();
  private final Set<String> dockerOptions;

  private NomadJobSchema() {
    JsonNode schema = NomadFixtures.read("nomad-job-schema.json");
    for (Map.Entry<String, JsonNode> struct : schema.get("structs").properties()) {
      Map<String, String> fields = new LinkedHashMap<>();
      List<String> embeds = new ArrayList<>();
      struct
          .getValue()
          .properties()
          .forEach(
              f -> {
                if (f.getKey().equals("$embed")) {
                  f.getValue().forEach(e -> embeds.add(e.asText()));
                } else {
                  fields.put(f.getKey(), f.getValue().asText());
                }
              });
      structs.put(struct.getKey(), fields);
      embedded.put(struct.getKey(), embeds);
    }
    List<String> options = new ArrayList<>();
    schema.get("docker_task_config").fieldNames().forEachRemaining(options::add);
    dockerOptions = Set.copyOf(options);
  }

  /**
   * What is wrong with {@code document} (a register body {@code {"Job": …}} or a bare job), one
   * line per problem with its JSON path; empty when it fits.
   */
  public static List<String> problems(JsonNode document) {
    List<String> problems = new ArrayList<>();
    if (document != null && document.isObject() && document.path("Job").isObject()) {
      INSTANCE.check(document, "JobRegisterRequest", "$", problems);
    } else {
      INSTANCE.check(document, "Job", "$", problems);
    }
    return problems;
  }

  private Map<String, String> fields(String struct) {
    Map<String, String> out = new LinkedHashMap<>(structs.getOrDefault(struct, Map.of()));
    for (String e : embedded.getOrDefault(struct, List.of())) {
      out.putAll(fields(e));
    }
    return out;
  }

  private void check(JsonNode value, String goType, String path, List<String> problems) {
    if (value == null || value.isNull()) {
      return;
    }
    String t = goType.replaceFirst("^\\*+", "");
    if (t.startsWith("[]")) {
      if (t.equals("[]byte") && value.isTextual()) {
        return;
      }
      if (!value.isArray()) {
        problems.add(path + ": want a list (" + goType + "), got " + kind(value));
        return;
      }
      for (int i = 0; i < value.size(); i++) {
        check(value.get(i), t.substring(2), path + "[" + i + "]", problems);
      }
      return;
    }
    Matcher m = MAP.matcher(t);
    if (m.matches()) {
      if (!value.isObject()) {
        problems.add(path + ": want an object (" + goType + "), got " + kind(value));
        return;
      }
      value
          .properties()
          .forEach(f -> check(f.getValue(), m.group(2), path + "." + f.getKey(), problems));
      return;
    }
    if (t.equals("any") || t.equals("interface{}")) {
      return;
    }
    if (t.equals("string")) {
      expect(value.isTextual(), path, "a string", value, problems);
      return;
    }
    if (t.equals("bool")) {
      expect(value.isBoolean(), path, "true/false", value, problems);
      return;
    }
    if (INTEGERS.contains(t)) {
      expect(value.isIntegralNumber(), path, "an integer (" + goType + ")", value, problems);
      return;
    }
    if (t.equals("float32") || t.equals("float64")) {
      expect(value.isNumber(), path, "a number", value, problems);
      return;
    }
    String name = t.substring(t.lastIndexOf('.') + 1);
    if (!structs.containsKey(name)) {
      return; // a named scalar type, e.g. a string enum
    }
    if (!value.isObject()) {
      problems.add(path + ": want an object (" + name + "), got " + kind(value));
      return;
    }
    Map<String, String> known = fields(name);
    value
        .properties()
        .forEach(
            f -> {
              String key = f.getKey();
              JsonNode v = f.getValue();
              if (!known.containsKey(key)) {
                if (!v.isNull()) {
                  problems.add(path + "." + key + ": Nomad's " + name + " has no such field");
                }
              } else if (name.equals("Task")
                  && key.equals("Config")
                  && "docker".equals(value.path("Driver").asText())
                  && v.isObject()) {
                v.fieldNames()
                    .forEachRemaining(
                        option -> {
                          if (!dockerOptions.contains(option)) {
                            problems.add(
                                path
                                    + ".Config."
                                    + option
                                    + ": the docker driver has no such option");
                          }
                        });
              } else {
                check(v, known.get(key), path + "." + key, problems);
              }
            });
  }

  private static void expect(
      boolean ok, String path, String want, JsonNode value, List<String> problems) {
    if (!ok) {
      String got = value.toString();
      problems.add(
          path + ": want " + want + ", got " + (got.length() > 40 ? got.substring(0, 40) : got));
    }
  }

  private static String kind(JsonNode value) {
    return value.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
  }
}
