package io.dispatch.orchestrator;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where the run's trace goes and what it continues.
 *
 * @param file {@code TRACE_FILE}: write the trace there as JSON, or empty
 * @param otlpEndpoint {@code OTEL_EXPORTER_OTLP_ENDPOINT}: export it over OTLP/HTTP, or empty
 * @param parentTraceId the trace this run continues (from a W3C {@code traceparent}), or empty
 * @param parentSpanId the caller's span, or empty
 * @param problem why a given {@code traceparent} was not used, or empty
 */
record TraceOptions(
    String file, String otlpEndpoint, String parentTraceId, String parentSpanId, String problem) {

  private static final Pattern TRACEPARENT =
      Pattern.compile("([0-9a-f]{2})-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})");

  /**
   * Reads the options; the {@code traceparent} of the parameters wins over {@code TRACEPARENT}. A
   * malformed one is not fatal: the run starts a new trace and says why.
   */
  static TraceOptions from(Map<String, String> env, String paramsTraceparent) {
    String file = env.getOrDefault("TRACE_FILE", "").strip();
    String otlp = env.getOrDefault("OTEL_EXPORTER_OTLP_ENDPOINT", "").strip();
    String source = paramsTraceparent.isBlank() ? "TRACEPARENT" : "traceparent";
    String value =
        paramsTraceparent.isBlank()
            ? env.getOrDefault("TRACEPARENT", "").strip()
            : paramsTraceparent.strip();
    if (value.isEmpty()) {
      return new TraceOptions(file, otlp, "", "", "");
    }
    Matcher m = TRACEPARENT.matcher(value);
    if (!m.matches()
        || m.group(1).equals("ff")
        || m.group(2).matches("0+")
        || m.group(3).matches("0+")) {
      return new TraceOptions(
          file, otlp, "", "", source + " is not a W3C traceparent; starting a new trace");
    }
    return new TraceOptions(file, otlp, m.group(2), m.group(3), "");
  }
}
