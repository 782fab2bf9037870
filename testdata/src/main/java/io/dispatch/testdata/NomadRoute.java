package io.dispatch.testdata;

import com.github.tomakehurst.wiremock.http.Request;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which endpoint a request is for, the object it names, and its blocking-query parameters. Job IDs
 * may contain '/' (dispatched jobs), so job routes are matched by their suffix, as Nomad does.
 */
record NomadRoute(
    NomadEndpoint endpoint,
    String method,
    String path,
    String id,
    Map<String, List<String>> query) {

  private static final Pattern DURATION_PART =
      Pattern.compile("(\\d+(?:\\.\\d+)?)(ns|us|µs|ms|s|m|h)");

  static NomadRoute of(String method, String url) {
    int q = url.indexOf('?');
    String path = decode(q < 0 ? url : url.substring(0, q));
    Map<String, List<String>> query = parseQuery(q < 0 ? "" : url.substring(q + 1));
    boolean write = method.equals("PUT") || method.equals("POST");
    boolean get = method.equals("GET");
    if (path.equals("/v1/jobs") && write) {
      return new NomadRoute(NomadEndpoint.REGISTER, method, path, "", query);
    }
    if (path.startsWith("/v1/job/")) {
      String rest = path.substring("/v1/job/".length());
      if (method.equals("DELETE")) {
        return new NomadRoute(NomadEndpoint.DEREGISTER, method, path, rest, query);
      }
      if (get && rest.endsWith("/deployment")) {
        String id = rest.substring(0, rest.length() - "/deployment".length());
        return new NomadRoute(NomadEndpoint.LATEST_DEPLOYMENT, method, path, id, query);
      }
      if (get) {
        return new NomadRoute(NomadEndpoint.JOB, method, path, rest, query);
      }
    }
    if (get && path.startsWith("/v1/evaluation/")) {
      return by(NomadEndpoint.EVALUATION, "/v1/evaluation/", path, query);
    }
    if (get && path.startsWith("/v1/deployment/allocations/")) {
      return by(NomadEndpoint.DEPLOYMENT_ALLOCATIONS, "/v1/deployment/allocations/", path, query);
    }
    if (get && path.startsWith("/v1/deployment/")) {
      return by(NomadEndpoint.DEPLOYMENT, "/v1/deployment/", path, query);
    }
    if (get && path.startsWith("/v1/allocation/")) {
      return by(NomadEndpoint.ALLOCATION, "/v1/allocation/", path, query);
    }
    return new NomadRoute(NomadEndpoint.OTHER, method, path, "", query);
  }

  private static NomadRoute by(
      NomadEndpoint endpoint, String prefix, String path, Map<String, List<String>> query) {
    return new NomadRoute(endpoint, "GET", path, path.substring(prefix.length()), query);
  }

  NomadRequest toRequest(Request request) {
    String token = request.getHeader("X-Nomad-Token");
    String body = request.getBodyAsString();
    return new NomadRequest(
        Instant.now(),
        endpoint,
        method,
        path,
        query,
        token == null ? "" : token,
        body == null ? "" : body);
  }

  /** The {@code index} parameter; 0 (answer at once) when absent. */
  long index() {
    String value = first("index");
    if (value.isEmpty()) {
      return 0;
    }
    try {
      return Long.parseUnsignedLong(value);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("Invalid index");
    }
  }

  /** How long a blocking query may be held: {@code wait}, default 5m, at most 10m. */
  Duration waitFor() {
    String value = first("wait");
    if (value.isEmpty()) {
      return NomadHandler.DEFAULT_WAIT;
    }
    Duration wait = parseDuration(value);
    return wait.compareTo(NomadHandler.MAX_WAIT) > 0 ? NomadHandler.MAX_WAIT : wait;
  }

  private String first(String name) {
    List<String> values = query.get(name);
    return values == null || values.isEmpty() ? "" : values.get(0);
  }

  static Duration parseDuration(String text) {
    Matcher m = DURATION_PART.matcher(text);
    long nanos = 0;
    int end = 0;
    while (m.find()) {
      if (m.start() != end) {
        throw new IllegalArgumentException("Invalid wait time");
      }
      end = m.end();
      double value = Double.parseDouble(m.group(1));
      long unit =
          switch (m.group(2)) {
            case "ns" -> 1L;
            case "us", "µs" -> 1_000L;
            case "ms" -> 1_000_000L;
            case "s" -> 1_000_000_000L;
            case "m" -> 60_000_000_000L;
            default -> 3_600_000_000_000L;
          };
      nanos += (long) (value * unit);
    }
    if (end == 0 || end != text.length()) {
      throw new IllegalArgumentException("Invalid wait time");
    }
    return Duration.ofNanos(nanos);
  }

  private static Map<String, List<String>> parseQuery(String raw) {
    Map<String, List<String>> query = new LinkedHashMap<>();
    if (raw.isEmpty()) {
      return query;
    }
    for (String pair : raw.split("&")) {
      int eq = pair.indexOf('=');
      String name = decode(eq < 0 ? pair : pair.substring(0, eq));
      String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
      query.computeIfAbsent(name, n -> new ArrayList<>()).add(value);
    }
    return query;
  }

  private static String decode(String s) {
    return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
  }
}
