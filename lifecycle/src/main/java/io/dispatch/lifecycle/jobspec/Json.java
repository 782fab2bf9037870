package io.dispatch.lifecycle.jobspec;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.Collection;
import java.util.Map;

/** Small helpers for writing Nomad's job JSON: objects, string lists, durations in nanoseconds. */
final class Json {

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private Json() {}

  static ObjectNode object() {
    return NODES.objectNode();
  }

  static ArrayNode array() {
    return NODES.arrayNode();
  }

  static ArrayNode strings(Collection<String> values) {
    ArrayNode a = NODES.arrayNode();
    values.forEach(a::add);
    return a;
  }

  static ObjectNode strings(Map<String, String> values) {
    ObjectNode o = NODES.objectNode();
    values.forEach(o::put);
    return o;
  }

  /** Nomad's durations are integers of nanoseconds. */
  static long nanos(Duration d) {
    return d.toNanos();
  }
}
