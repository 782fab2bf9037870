package io.dispatch.lifecycle.nomad;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;

/** Compares JSON documents the way Nomad reads them: a {@code null} member is an absent one. */
final class JsonAssert {

  static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private JsonAssert() {}

  static JsonNode parse(String text) {
    try {
      return JSON.readTree(text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A test resource under {@code nomad/}. */
  static JsonNode resource(String name) {
    try (InputStream in = JsonAssert.class.getResourceAsStream("/nomad/" + name)) {
      if (in == null) {
        throw new IllegalArgumentException("no test resource nomad/" + name);
      }
      return JSON.readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Asserts that {@code actual}, without its null members, equals {@code expected}. */
  static void assertJsonEquals(JsonNode expected, JsonNode actual) {
    JsonNode stripped = withoutNulls(actual);
    if (!stripped.equals(expected)) {
      assertThat(pretty(stripped)).isEqualTo(pretty(expected));
    }
  }

  static JsonNode withoutNulls(JsonNode node) {
    if (node instanceof ObjectNode object) {
      ObjectNode copy = JSON.createObjectNode();
      for (Map.Entry<String, JsonNode> field : object.properties()) {
        if (!field.getValue().isNull()) {
          copy.set(field.getKey(), withoutNulls(field.getValue()));
        }
      }
      return copy;
    }
    if (node instanceof ArrayNode array) {
      ArrayNode copy = JSON.createArrayNode();
      array.forEach(element -> copy.add(withoutNulls(element)));
      return copy;
    }
    return node;
  }

  static String pretty(JsonNode node) {
    try {
      return JSON.writeValueAsString(node);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
