package io.dispatch.orchestrator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dispatch.lifecycle.params.Checks;
import io.dispatch.lifecycle.params.InvalidParameterException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Typed reads from one JSON object of the parameters. Absent and {@code null} read as empty; a
 * value of the wrong type is an {@link InvalidParameterException} that names the field by its full
 * path ({@code networks[0].health_check.port}) and never quotes the value.
 *
 * <p>Every read is bounded, so that every field gets the same limits: a string is one line of at
 * most {@value #MAX_STRING} characters ({@link #text} allows line breaks and {@value #MAX_TEXT}
 * characters, for commands and file contents), a list or map has at most {@value #MAX_ITEMS}
 * entries, and a number must fit a 64-bit integer before it is looked at further.
 */
final class JsonFields {

  /** The longest single-line string. */
  static final int MAX_STRING = 4096;

  /** The longest multi-line text ({@link #text}). */
  static final int MAX_TEXT = 65536;

  /** The most entries of a list or map. */
  static final int MAX_ITEMS = 100;

  private static final ObjectMapper JSON = new ObjectMapper();

  private final JsonNode node;
  private final String path;

  private JsonFields(JsonNode node, String path) {
    this.node = node;
    this.path = path;
  }

  static JsonFields root(JsonNode object) {
    return new JsonFields(object, "");
  }

  String field(String key) {
    return path.isEmpty() ? key : path + "." + key;
  }

  private JsonNode get(String key) {
    JsonNode v = node.get(key);
    return v == null || v.isNull() ? null : v;
  }

  boolean has(String key) {
    return get(key) != null;
  }

  /** Whether the value is a list (rather than absent or of another type). */
  boolean isList(String key) {
    JsonNode v = get(key);
    return v != null && v.isArray();
  }

  /** A string of one line, or {@code ""} when absent. */
  String string(String key) {
    return Checks.singleLine(bounded(key, MAX_STRING), field(key));
  }

  /**
   * A string that may span lines (a command, a file's content), or {@code ""} when absent: line
   * breaks and tabs are allowed, other control characters are not.
   */
  String text(String key) {
    return Checks.text(bounded(key, MAX_TEXT), field(key));
  }

  private String bounded(String key, int max) {
    JsonNode v = get(key);
    if (v == null) {
      return "";
    }
    if (!v.isTextual()) {
      throw new InvalidParameterException(field(key), "must be a string");
    }
    return Checks.maxLength(v.asText(), max, field(key));
  }

  /** A non-blank string. */
  String requiredString(String key) {
    String s = string(key);
    if (s.isBlank()) {
      throw new InvalidParameterException(field(key), "is required");
    }
    return s.strip();
  }

  /** A whole number given as a JSON number or a string of digits; {@code ""} and absent are 0. */
  long flexLong(String key) {
    return JsonNumbers.flexLong(get(key), field(key));
  }

  /** Like {@link #flexLong} for values that must fit an int. */
  int flexInt(String key) {
    return JsonNumbers.toInt(flexLong(key), field(key));
  }

  /** A whole number given as a JSON number only. */
  int plainInt(String key) {
    return JsonNumbers.plainInt(get(key), field(key));
  }

  /** A string, or a number written without decimals. */
  String flexString(String key) {
    JsonNode v = get(key);
    return v != null && v.isTextual() ? string(key) : JsonNumbers.flexString(v, field(key));
  }

  boolean bool(String key, boolean defaultValue) {
    Boolean b = optionalBool(key);
    return b == null ? defaultValue : b;
  }

  /** A boolean, or {@code null} when absent. */
  Boolean optionalBool(String key) {
    JsonNode v = get(key);
    if (v == null) {
      return null;
    }
    if (!v.isBoolean()) {
      throw new InvalidParameterException(field(key), "must be true or false");
    }
    return v.asBoolean();
  }

  /** A boolean, also accepted as the string {@code "true"} or {@code "false"}. */
  boolean boolOrString(String key, boolean defaultValue) {
    JsonNode v = get(key);
    if (v != null && v.isTextual()) {
      String s = v.asText().strip();
      if (s.equals("true") || s.equals("false")) {
        return Boolean.parseBoolean(s);
      }
      if (s.isEmpty()) {
        return defaultValue;
      }
    }
    return bool(key, defaultValue);
  }

  Optional<JsonFields> object(String key) {
    JsonNode v = get(key);
    if (v == null) {
      return Optional.empty();
    }
    if (!v.isObject()) {
      throw new InvalidParameterException(field(key), "must be an object");
    }
    return Optional.of(new JsonFields(v, field(key)));
  }

  /** A list of at most {@value #MAX_ITEMS} objects. */
  List<JsonFields> objects(String key) {
    return objects(key, MAX_ITEMS);
  }

  /** A list of at most {@code maxItems} objects. */
  List<JsonFields> objects(String key, int maxItems) {
    List<JsonFields> out = new ArrayList<>();
    JsonNode array = array(key, maxItems);
    for (int i = 0; i < array.size(); i++) {
      JsonNode item = array.get(i);
      String itemPath = field(key) + "[" + i + "]";
      if (!item.isObject()) {
        throw new InvalidParameterException(itemPath, "must be an object");
      }
      out.add(new JsonFields(item, itemPath));
    }
    return out;
  }

  /** A list of at most {@value #MAX_ITEMS} one-line strings. */
  List<String> strings(String key) {
    List<String> out = new ArrayList<>();
    JsonNode array = array(key, MAX_ITEMS);
    for (int i = 0; i < array.size(); i++) {
      JsonNode item = array.get(i);
      String itemPath = field(key) + "[" + i + "]";
      if (!item.isTextual()) {
        throw new InvalidParameterException(itemPath, "must be a string");
      }
      out.add(Checks.singleLine(Checks.maxLength(item.asText(), MAX_STRING, itemPath), itemPath));
    }
    return out;
  }

  /**
   * An object of at most {@value #MAX_ITEMS} entries whose values are strings (which may span
   * lines), numbers or booleans, read as strings. Keys are one line.
   */
  Map<String, String> scalarMap(String key) {
    Map<String, String> out = new LinkedHashMap<>();
    Optional<JsonFields> object = object(key);
    if (object.isEmpty()) {
      return out;
    }
    JsonFields o = object.get();
    if (o.node.size() > MAX_ITEMS) {
      throw new InvalidParameterException(
          field(key), "must have at most " + MAX_ITEMS + " entries");
    }
    for (Map.Entry<String, JsonNode> e : o.node.properties()) {
      Checks.singleLine(Checks.maxLength(e.getKey(), MAX_STRING, field(key)), field(key));
      JsonNode v = e.getValue();
      if (v.isNull()) {
        continue;
      }
      if (!v.isValueNode()) {
        throw new InvalidParameterException(
            o.field(e.getKey()), "must be a string, number or boolean");
      }
      out.put(
          e.getKey(),
          v.isTextual()
              ? o.text(e.getKey())
              : v.isNumber() ? JsonNumbers.plain(v, o.field(e.getKey())) : v.asText());
    }
    return out;
  }

  /** Any object, as plain Java maps and lists. */
  Map<String, Object> anyObject(String key) {
    return object(key)
        .map(o -> JSON.convertValue(o.node, Map.class))
        .map(JsonFields::typed)
        .orElse(Map.of());
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> typed(Map<?, ?> map) {
    return (Map<String, Object>) map;
  }

  private JsonNode array(String key, int maxItems) {
    JsonNode v = get(key);
    if (v == null) {
      return JSON.createArrayNode();
    }
    if (!v.isArray()) {
      throw new InvalidParameterException(field(key), "must be a list");
    }
    if (v.size() > maxItems) {
      throw new InvalidParameterException(field(key), "must have at most " + maxItems + " entries");
    }
    return v;
  }
}
