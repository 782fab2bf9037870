package io.dispatch.lifecycle.nomad;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.hashicorp.nomad.javasdk.NomadApiClient;
import com.hashicorp.nomad.javasdk.NomadApiConfiguration;
import io.dispatch.lifecycle.params.NomadTarget;
import io.dispatch.lifecycle.run.DeploymentLog;
import io.dispatch.lifecycle.run.RunControl;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import org.apache.http.client.config.RequestConfig;
import org.apache.http.client.methods.CloseableHttpResponse;
import org.apache.http.client.methods.HttpPut;
import org.apache.http.client.utils.URIBuilder;
import org.apache.http.config.RegistryBuilder;
import org.apache.http.conn.socket.ConnectionSocketFactory;
import org.apache.http.conn.socket.PlainConnectionSocketFactory;
import org.apache.http.entity.ContentType;
import org.apache.http.entity.StringEntity;
import org.apache.http.impl.client.CloseableHttpClient;
import org.apache.http.impl.client.HttpClients;
import org.apache.http.impl.conn.PoolingHttpClientConnectionManager;
import org.apache.http.util.EntityUtils;

/**
 * The SDK client for one Nomad cluster, on an HTTP client of our own: explicit connect and read
 * timeouts (the SDK's own has none), no automatic retries (the SDK's own resends every request,
 * register included, after an I/O error; {@link NomadCalls} retries instead), and TLS from {@link
 * NomadTarget#caCertFile()}. When the run is cancelled or out of time, the HTTP client is closed,
 * which ends a blocking query in flight at once.
 */
public final class NomadConnection implements AutoCloseable {

  private static final ObjectMapper JSON = new ObjectMapper();

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
    RegistryBuilder<ConnectionSocketFactory> sockets =
        RegistryBuilder.<ConnectionSocketFactory>create()
            .register("http", PlainConnectionSocketFactory.getSocketFactory());
    if (target.address().regionMatches(true, 0, "https:", 0, 6)) {
      // Only a TLS address reads the CA file: a plain-http Nomad never depends on it.
      sockets.register("https", NomadTls.socketFactory(target.caCertFile(), target.region()));
    }
    PoolingHttpClientConnectionManager pool =
        new PoolingHttpClientConnectionManager(sockets.build());
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

  /**
   * Sends {@code body} with {@code PUT} to {@code path} (e.g. {@code /v1/jobs}) in the target's
   * namespace and region, and reads Nomad's JSON answer. The job is our own JSON, so it goes out as
   * it is rather than through the SDK's model (which lacks many of Nomad's fields).
   *
   * @throws NomadApiException when Nomad answers with an error
   * @throws IOException when there is no answer
   */
  JsonNode put(String path, JsonNode body) throws IOException {
    URI uri;
    try {
      URIBuilder b = new URIBuilder(target.address() + path);
      b.addParameter("namespace", target.namespace());
      if (!target.region().isEmpty()) {
        b.addParameter("region", target.region());
      }
      uri = b.build();
    } catch (URISyntaxException e) {
      throw new IOException("cannot make a URL of " + printable(target.address()) + path, e);
    }
    HttpPut put = new HttpPut(uri);
    put.setEntity(new StringEntity(JSON.writeValueAsString(body), ContentType.APPLICATION_JSON));
    if (!target.token().isEmpty()) {
      put.setHeader("X-Nomad-Token", target.token());
    }
    try (CloseableHttpResponse response = http.execute(put)) {
      int status = response.getStatusLine().getStatusCode();
      String text =
          response.getEntity() == null
              ? ""
              : EntityUtils.toString(response.getEntity(), StandardCharsets.UTF_8);
      if (status < 200 || status > 299) {
        throw NomadApiException.http(status, text);
      }
      return text.isBlank() ? JSON.createObjectNode() : JSON.readTree(text);
    }
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

  /** The HTTP client under the SDK, for a request the SDK cannot write (an escaped job id). */
  CloseableHttpClient http() {
    return http;
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
