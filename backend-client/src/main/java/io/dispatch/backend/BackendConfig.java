package io.dispatch.backend;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * Where the backend is and how long calls to it may take.
 *
 * @param baseUrl the base URL, without a trailing slash
 * @param accessToken sent as the {@code accessToken} query parameter; never printed
 * @param connectTimeout the longest a connection may take to open
 * @param callTimeout the longest one attempt may take, connection and response included
 * @param budget the most the deployment may spend waiting on the backend over the whole run
 */
public record BackendConfig(
    URI baseUrl,
    String accessToken,
    Duration connectTimeout,
    Duration callTimeout,
    Duration budget) {

  public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(1);
  public static final Duration DEFAULT_CALL_TIMEOUT = Duration.ofSeconds(3);

  /**
   * 1.8 s: with the client's own start-up cost (about 0.1 s, paid by a healthy backend too), a
   * backend that never answers adds at most 2 s to a run.
   */
  public static final Duration DEFAULT_BUDGET = Duration.ofMillis(1800);

  public BackendConfig {
    Objects.requireNonNull(baseUrl, "baseUrl");
    Objects.requireNonNull(accessToken, "accessToken");
    Objects.requireNonNull(connectTimeout, "connectTimeout");
    Objects.requireNonNull(callTimeout, "callTimeout");
    Objects.requireNonNull(budget, "budget");
    String url = baseUrl.toString().replaceAll("/+$", "");
    baseUrl = URI.create(url);
    if (!"http".equals(baseUrl.getScheme()) && !"https".equals(baseUrl.getScheme())) {
      throw new IllegalArgumentException("backend URL must start with http:// or https://");
    }
  }

  /** A config with the default timeouts and budget. */
  public static BackendConfig of(URI baseUrl, String accessToken) {
    return new BackendConfig(
        baseUrl, accessToken, DEFAULT_CONNECT_TIMEOUT, DEFAULT_CALL_TIMEOUT, DEFAULT_BUDGET);
  }

  @Override
  public String toString() {
    return "BackendConfig[baseUrl=" + baseUrl + ", accessToken=***]";
  }
}
