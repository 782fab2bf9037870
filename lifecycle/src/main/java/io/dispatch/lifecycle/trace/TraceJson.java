package io.dispatch.lifecycle.trace;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The run's trace as JSON, for machines: the same tree the log shows, with times and attributes.
 */
public final class TraceJson {

  private static final ObjectMapper JSON = new ObjectMapper();

  private TraceJson() {}

  public static ObjectNode toJson(Trace trace) {
    ObjectNode o = JSON.createObjectNode();
    o.put("traceId", trace.traceId());
    if (!trace.parentSpanId().isEmpty()) {
      o.put("parentSpanId", trace.parentSpanId());
    }
    o.set("root", span(trace.root()));
    return o;
  }

  private static ObjectNode span(Span s) {
    ObjectNode o = JSON.createObjectNode();
    o.put("name", s.name());
    o.put("spanId", s.spanId());
    o.put("status", s.status().wire());
    o.put("start", s.start().toString());
    o.put("durationMs", s.duration().toMillis());
    if (!s.reason().isEmpty()) {
      o.put("reason", s.reason());
    }
    if (!s.attributes().isEmpty()) {
      ObjectNode attributes = o.putObject("attributes");
      s.attributes().forEach(attributes::put);
    }
    ArrayNode children = o.putArray("children");
    for (Span child : s.children()) {
      children.add(span(child));
    }
    return o;
  }
}
