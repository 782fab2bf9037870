package io.dispatch.lifecycle.http;

import io.dispatch.backend.TlsOnFirstUse;
import java.time.Duration;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.impl.classic.HttpClientBuilder;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.client5.http.io.HttpClientConnectionManager;
import org.apache.hc.core5.util.Timeout;

/**
 * The one place that decides what every HttpClient 5 client of the lifecycle has in common:
 *
 * <ul>
 *   <li>an explicit connect timeout and socket (read) timeout on every connection;
 *   <li>TLS set up on the first https connection ({@link TlsOnFirstUse}), so a run that speaks
 *       plain HTTP never loads the trust store;
 *   <li>no retries of its own: the one caller that owns a call decides whether to try again;
 *   <li>no cookies, and no content decompression, so the sizes we count and cap are the bytes that
 *       arrived;
 *   <li>our user agent.
 * </ul>
 *
 * <p>A caller adds what is its own to the builders it gets here (connection limits, a DNS resolver,
 * redirect handling) and builds.
 */
public final class HttpClientSetup {

  public static final String USER_AGENT = "dispatch-orchestrator";

  private HttpClientSetup() {}

  /**
   * Pooled connections that open within {@code connect} and wait at most {@code socket} to read.
   */
  public static PoolingHttpClientConnectionManagerBuilder connections(
      Duration connect, Duration socket) {
    return PoolingHttpClientConnectionManagerBuilder.create()
        .setDefaultConnectionConfig(
            ConnectionConfig.custom()
                .setConnectTimeout(Timeout.of(connect))
                .setSocketTimeout(Timeout.of(socket))
                .build())
        .setTlsSocketStrategy(new TlsOnFirstUse());
  }

  /** A client over {@code connections}, from {@link #connections}. */
  public static HttpClientBuilder client(HttpClientConnectionManager connections) {
    return HttpClients.custom()
        .setConnectionManager(connections)
        .disableAutomaticRetries()
        .disableCookieManagement()
        .disableContentCompression()
        .setUserAgent(USER_AGENT);
  }
}
