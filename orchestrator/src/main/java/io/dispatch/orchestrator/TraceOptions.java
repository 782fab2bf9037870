package io.dispatch.orchestrator;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where the run's trace goes and what it continues.
 *
 * @param file {@code TRACE_FILE}: write the trace there as JSON, or empty
 * @param otlpEndpoint {@code OTEL_EXPORTER_OTLP_ENDPOINT}: export it over OTLP/HTTP, or empty
 * @param otlpHeaders {@code OTEL_EXPORTER_OTLP_HEADERS} ({@code key=value,…}): sent with the export
 * @param parentTraceId the trace this run continues (from a W3C {@code traceparent}), or empty
 * @param parentSpanId the caller's span, or empty
 * @param problem why a given {@code traceparent} was not used, or empty
 */
record TraceOptions(
    String file,
    String otlpEndpoint,
    Map<String, String> otlpHeaders,
    String parentTraceId,
    String parentSpanId,
    String problem) {

  private static final Pattern TRACEPARENT =
      Pattern.compile("([0-9a-f]{2})-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})");

  /**
   * Reads the options; the {@code traceparent} of the parameters wins over {@code TRACEPARENT}. A
   * malformed one is not fatal: the run starts a new trace and says why.
   *
   * @throws BadInputException for an OTLP endpoint or headers that cannot be used
   */
  static TraceOptions from(Map<String, String> env, String paramsTraceparent) {
    String file = env.getOrDefault("TRACE_FILE", "").strip();
    String otlp = env.getOrDefault("OTEL_EXPORTER_OTLP_ENDPOINT", "").strip();
    if (!otlp.isEmpty() && !otlp.matches("https?://[^\\s/]+.*")) {
      throw new BadInputException(
          "OTEL_EXPORTER_OTLP_ENDPOINT", "must be an http:// or https:// URL");
    }
    Map<String, String> headers = headers(env.getOrDefault("OTEL_EXPORTER_OTLP_HEADERS", ""));
    String source = paramsTraceparent.isBlank() ? "TRACEPARENT" : "traceparent";
    String value =
        paramsTraceparent.isBlank()
            ? env.getOrDefault("TRACEPARENT", "").strip()
            : paramsTraceparent.strip();
    if (value.isEmpty()) {
      return new TraceOptions(file, otlp, headers, "", "", "");
    }
    Matcher m = TRACEPARENT.matcher(value);
    if (!m.matches()
        || m.group(1).equals("ff")
        || m.group(2).matches("0+")
        || m.group(3).matches("0+")) {
      return new TraceOptions(
          file, otlp, headers, "", "", source + " is not a W3C traceparent; starting a new trace");
    }
    return new TraceOptions(file, otlp, headers, m.group(2), m.group(3), "");
  }

  private static Map<String, String> headers(String text) {
    Map<String, String> headers = new LinkedHashMap<>();
    for (String pair : text.split(",")) {
      int eq = pair.indexOf('=');
      if (eq > 0) {
        headers.put(
            URLDecoder.decode(pair.substring(0, eq).strip(), StandardCharsets.UTF_8),
            URLDecoder.decode(pair.substring(eq + 1).strip(), StandardCharsets.UTF_8));
      } else if (!pair.isBlank()) {
        throw new BadInputException(
            "OTEL_EXPORTER_OTLP_HEADERS", "must be key=value pairs separated by commas");
      }
    }
    return headers;
  }
}
