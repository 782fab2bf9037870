package io.dispatch.orchestrator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dispatch.lifecycle.params.InvalidParameterException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Typed reads from one JSON object of the parameters. Absent and {@code null} read as empty; a
 * value of the wrong type is an {@link InvalidParameterException} that names the field by its full
 * path ({@code networks[0].health_check.port}) and never quotes the value.
 */
final class JsonFields {

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

  /** A string, or {@code ""} when absent. */
  String string(String key) {
    JsonNode v = get(key);
    if (v == null) {
      return "";
    }
    if (!v.isTextual()) {
      throw new InvalidParameterException(field(key), "must be a string");
    }
    return v.asText();
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
    JsonNode v = get(key);
    if (v == null) {
      return 0;
    }
    String problem = "must be a whole number or a string of digits";
    if (v.isNumber()) {
      return wholeNumber(v.decimalValue(), key, problem);
    }
    if (v.isTextual()) {
      String s = v.asText().strip();
      if (s.isEmpty()) {
        return 0;
      }
      if (s.matches("-?\\d{1,18}")) {
        return Long.parseLong(s);
      }
    }
    throw new InvalidParameterException(field(key), problem);
  }

  /** Like {@link #flexLong} for values that must fit an int. */
  int flexInt(String key) {
    return toInt(flexLong(key), key);
  }

  /** A whole number given as a JSON number only. */
  int plainInt(String key) {
    JsonNode v = get(key);
    if (v == null) {
      return 0;
    }
    if (!v.isNumber()) {
      throw new InvalidParameterException(field(key), "must be a whole number");
    }
    return toInt(wholeNumber(v.decimalValue(), key, "must be a whole number"), key);
  }

  /** A string, or a number written without decimals. */
  String flexString(String key) {
    JsonNode v = get(key);
    if (v == null) {
      return "";
    }
    if (v.isTextual()) {
      return v.asText();
    }
    if (v.isNumber()) {
      return v.decimalValue().setScale(0, java.math.RoundingMode.DOWN).toPlainString();
    }
    throw new InvalidParameterException(field(key), "must be a string or a number");
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

  List<JsonFields> objects(String key) {
    List<JsonFields> out = new ArrayList<>();
    JsonNode array = array(key);
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

  List<String> strings(String key) {
    List<String> out = new ArrayList<>();
    JsonNode array = array(key);
    for (int i = 0; i < array.size(); i++) {
      JsonNode item = array.get(i);
      if (!item.isTextual()) {
        throw new InvalidParameterException(field(key) + "[" + i + "]", "must be a string");
      }
      out.add(item.asText());
    }
    return out;
  }

  /** An object whose values are strings, numbers or booleans, read as strings. */
  Map<String, String> scalarMap(String key) {
    Map<String, String> out = new LinkedHashMap<>();
    Optional<JsonFields> object = object(key);
    if (object.isEmpty()) {
      return out;
    }
    JsonFields o = object.get();
    for (Map.Entry<String, JsonNode> e : o.node.properties()) {
      JsonNode v = e.getValue();
      if (v.isNull()) {
        continue;
      }
      if (!v.isValueNode()) {
        throw new InvalidParameterException(
            o.field(e.getKey()), "must be a string, number or boolean");
      }
      out.put(e.getKey(), v.asText());
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

  private JsonNode array(String key) {
    JsonNode v = get(key);
    if (v == null) {
      return JSON.createArrayNode();
    }
    if (!v.isArray()) {
      throw new InvalidParameterException(field(key), "must be a list");
    }
    return v;
  }

  private long wholeNumber(BigDecimal value, String key, String problem) {
    try {
      return value.stripTrailingZeros().scale() > 0 ? fail(key, problem) : value.longValueExact();
    } catch (ArithmeticException e) {
      throw new InvalidParameterException(field(key), "is too large");
    }
  }

  private long fail(String key, String problem) {
    throw new InvalidParameterException(field(key), problem);
  }

  private int toInt(long value, String key) {
    if (value > Integer.MAX_VALUE || value < Integer.MIN_VALUE) {
      throw new InvalidParameterException(field(key), "is too large");
    }
    return (int) value;
  }
}
