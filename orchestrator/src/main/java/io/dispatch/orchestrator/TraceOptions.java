package io.dispatch.orchestrator;

import io.dispatch.lifecycle.params.Checks;
import io.dispatch.lifecycle.params.InvalidParameterException;
import io.dispatch.lifecycle.params.Urls;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
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

  /** An HTTP header name (RFC 9110 token). */
  private static final Pattern HEADER_NAME = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");

  static final String ENDPOINT = "OTEL_EXPORTER_OTLP_ENDPOINT";
  static final String HEADERS = "OTEL_EXPORTER_OTLP_HEADERS";

  /**
   * Reads the options; the {@code traceparent} of the parameters wins over {@code TRACEPARENT}. A
   * malformed one is not fatal: the run starts a new trace and says why.
   *
   * @param secrets where the header values and any user info of the endpoint are added, as secrets
   * @throws BadInputException for an OTLP endpoint or headers that cannot be used
   */
  static TraceOptions from(Map<String, String> env, String paramsTraceparent, Set<String> secrets) {
    String file = env.getOrDefault("TRACE_FILE", "").strip();
    String otlp = env.getOrDefault(ENDPOINT, "").strip();
    UrlSecrets.addTo(otlp, secrets);
    if (!otlp.isEmpty()) {
      try {
        Urls.endpoint(otlp, ENDPOINT);
      } catch (InvalidParameterException e) {
        throw new BadInputException(ENDPOINT, e.getMessage().replaceFirst("^'[^']*' ", ""));
      }
    }
    String headerText = env.getOrDefault(HEADERS, "");
    Map<String, String> headers = headers(headerText);
    for (String pair : headerText.split(",")) {
      secrets.add(pair.substring(pair.indexOf('=') + 1).strip());
    }
    for (String value : headers.values()) {
      // "Bearer <token>": the token alone is the secret a library would echo
      secrets.add(value);
      secrets.add(value.substring(value.lastIndexOf(' ') + 1));
    }
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

  /**
   * {@code key=value,…}, each part URL-encoded (W3C baggage style). A name must be an HTTP token
   * and a value one line, so that no header can add another.
   */
  private static Map<String, String> headers(String text) {
    Map<String, String> headers = new LinkedHashMap<>();
    for (String pair : text.split(",")) {
      int eq = pair.indexOf('=');
      if (eq > 0) {
        String name = decode(pair.substring(0, eq).strip());
        String value = decode(pair.substring(eq + 1).strip());
        if (!HEADER_NAME.matcher(name).matches()) {
          throw new BadInputException(HEADERS, "has a header name that is not an HTTP token");
        }
        try {
          Checks.singleLine(value, name);
        } catch (InvalidParameterException e) {
          throw new BadInputException(
              HEADERS, "has a header value with control characters (such as a line break)");
        }
        headers.put(name, value);
      } else if (!pair.isBlank()) {
        throw new BadInputException(HEADERS, "must be key=value pairs separated by commas");
      }
    }
    return headers;
  }

  private static String decode(String part) {
    try {
      return URLDecoder.decode(part, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw new BadInputException(HEADERS, "has a malformed %-escape (write % as %25)");
    }
  }
}
