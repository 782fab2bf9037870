package io.dispatch.testdata;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One request the Nomad double received.
 *
 * @param at when it arrived
 * @param endpoint which endpoint it was for
 * @param method {@code GET}, {@code PUT}, …
 * @param path the decoded path, e.g. {@code /v1/job/deployer/dispatch-1}
 * @param query the query parameters, repeated ones in order
 * @param token the {@code X-Nomad-Token} header, or empty
 * @param body the request body, or empty
 */
public record NomadRequest(
    Instant at,
    NomadEndpoint endpoint,
    String method,
    String path,
    Map<String, List<String>> query,
    String token,
    String body) {

  /** The first value of query parameter {@code name}, or empty. */
  public String param(String name) {
    List<String> values = query.get(name);
    return values == null || values.isEmpty() ? "" : values.get(0);
  }

  public boolean has(String name) {
    return query.containsKey(name);
  }

  @Override
  public String toString() {
    return method + " " + path + (query.isEmpty() ? "" : "?" + query);
  }
}
