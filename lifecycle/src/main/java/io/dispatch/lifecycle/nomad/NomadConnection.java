package io.dispatch.lifecycle.nomad;

import com.hashicorp.nomad.javasdk.NomadApiClient;
import com.hashicorp.nomad.javasdk.NomadApiConfiguration;
import io.dispatch.lifecycle.params.NomadTarget;
import io.dispatch.lifecycle.run.DeploymentLog;
import io.dispatch.lifecycle.run.RunControl;
import java.io.IOException;
import java.net.URI;
import org.apache.http.client.config.RequestConfig;
import org.apache.http.config.RegistryBuilder;
import org.apache.http.conn.socket.ConnectionSocketFactory;
import org.apache.http.conn.socket.PlainConnectionSocketFactory;
import org.apache.http.impl.client.CloseableHttpClient;
import org.apache.http.impl.client.HttpClients;
import org.apache.http.impl.conn.PoolingHttpClientConnectionManager;

/**
 * The SDK client for one Nomad cluster, on an HTTP client of our own: explicit connect and read
 * timeouts (the SDK's own has none), no automatic retries (the SDK's own resends every request,
 * register included, after an I/O error; {@link NomadCalls} retries instead), and TLS from {@link
 * NomadTarget#caCertFile()}. When the run is cancelled or out of time, the HTTP client is closed,
 * which ends a blocking query in flight at once.
 */
public final class NomadConnection implements AutoCloseable {

  private final NomadTarget target;
  private final NomadSettings settings;
  private final RunControl control;
  private final NomadApiClient api;
  private final CloseableHttpClient http;
  private final AutoCloseable abortHook;
  private final NomadCalls calls;

  private NomadConnection(
      NomadTarget target,
      NomadSettings settings,
      RunControl control,
      DeploymentLog log,
      CloseableHttpClient http) {
    this.target = target;
    this.settings = settings;
    this.control = control;
    this.http = http;
    NomadApiConfiguration.Builder config =
        new NomadApiConfiguration.Builder()
            .setAddress(target.address())
            .setNamespace(target.namespace());
    if (!target.region().isEmpty()) {
      config.setRegion(target.region());
    }
    if (!target.token().isEmpty()) {
      config.setAuthToken(target.token());
    }
    this.api = new NomadApiClient(config.build(), http);
    this.calls = new NomadCalls(control, settings, log, printable(target.address()));
    this.abortHook = control.onAbort(this::closeHttp);
  }

  /**
   * Connects to {@code target}; nothing is sent yet.
   *
   * @throws io.dispatch.lifecycle.run.StepFailedException when the CA certificate is unusable
   */
  public static NomadConnection open(
      NomadTarget target, NomadSettings settings, RunControl control, DeploymentLog log) {
    int connectMs = Math.toIntExact(settings.connectTimeout().toMillis());
    RequestConfig timeouts =
        RequestConfig.custom()
            .setConnectTimeout(connectMs)
            .setConnectionRequestTimeout(connectMs)
            .setSocketTimeout(Math.toIntExact(settings.socketTimeout().toMillis()))
            .build();
    RegistryBuilder<ConnectionSocketFactory> schemes =
        RegistryBuilder.<ConnectionSocketFactory>create()
            .register("http", PlainConnectionSocketFactory.getSocketFactory());
    // Start-up: TLS (the JVM's trust store, ~50 ms in a fresh JVM) only for an https address;
    // redirects are not followed, so an http address never needs it.
    if ("https".equals(URI.create(target.address()).getScheme())) {
      schemes.register("https", NomadTls.socketFactory(target.caCertFile(), target.region()));
    }
    PoolingHttpClientConnectionManager pool =
        new PoolingHttpClientConnectionManager(schemes.build());
    pool.setMaxTotal(4);
    pool.setDefaultMaxPerRoute(4);
    CloseableHttpClient http =
        HttpClients.custom()
            .setConnectionManager(pool)
            .setDefaultRequestConfig(timeouts)
            .disableAutomaticRetries()
            .disableRedirectHandling()
            .disableCookieManagement()
            .setUserAgent("dispatch-orchestrator")
            .build();
    return new NomadConnection(target, settings, control, log, http);
  }

  NomadApiClient api() {
    return api;
  }

  NomadCalls calls() {
    return calls;
  }

  NomadTarget target() {
    return target;
  }

  NomadSettings settings() {
    return settings;
  }

  RunControl control() {
    return control;
  }

  /** The address for messages: scheme, host and port, never credentials. */
  public String address() {
    return printable(target.address());
  }

  static String printable(String address) {
    URI uri = URI.create(address);
    return uri.getScheme() + "://" + uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort());
  }

  private void closeHttp() {
    try {
      http.close();
    } catch (IOException ignored) {
      // closing is how an abort ends the request in flight; nothing more to do
    }
  }

  @Override
  public void close() {
    try {
      abortHook.close();
    } catch (Exception ignored) {
      // unregistering a list entry does not fail
    }
    closeHttp();
  }
}
