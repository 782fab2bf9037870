package io.dispatch.lifecycle.nomad;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.hashicorp.nomad.javasdk.NomadApiClient;
import com.hashicorp.nomad.javasdk.NomadApiConfiguration;
import io.dispatch.lifecycle.params.NomadTarget;
import io.dispatch.lifecycle.run.RunControl;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import org.apache.http.client.config.RequestConfig;
import org.apache.http.client.methods.CloseableHttpResponse;
import org.apache.http.client.methods.HttpDelete;
import org.apache.http.client.methods.HttpPut;
import org.apache.http.client.methods.HttpUriRequest;
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
 * The HTTP plumbing under {@link NomadApi}, for one Nomad cluster: the SDK client on an HTTP client
 * of our own, with explicit connect and read timeouts (the SDK's own has none), no automatic
 * retries (the SDK's own resends every request, register included, after an I/O error; {@link
 * NomadCalls} retries instead), and TLS from {@link NomadTarget#caCertFile()}; and the requests the
 * SDK cannot write, sent on the same client. When the run is cancelled or out of time, the HTTP
 * client is closed, which ends a blocking query in flight at once.
 */
final class NomadConnection implements AutoCloseable {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final NomadTarget target;
  private final NomadApiClient sdk;
  private final CloseableHttpClient http;
  private final AutoCloseable abortHook;

  private NomadConnection(NomadTarget target, RunControl control, CloseableHttpClient http) {
    this.target = target;
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
    this.sdk = new NomadApiClient(config.build(), http);
    this.abortHook = control.onAbort(this::closeHttp);
  }

  /**
   * Connects to {@code target}; nothing is sent yet.
   *
   * @throws io.dispatch.lifecycle.run.StepFailedException when the CA certificate is unusable
   */
  static NomadConnection open(NomadTarget target, NomadSettings settings, RunControl control) {
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
    return new NomadConnection(target, control, http);
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
    String text = execute(put);
    return text.isBlank() ? JSON.createObjectNode() : JSON.readTree(text);
  }

  /**
   * Sends {@code DELETE} to {@code escapedPathAndQuery}, sent as it is (e.g. {@code
   * /v1/job/parent%2Fdispatch-1?purge=true}), with the target's namespace and region added to its
   * query.
   *
   * @throws NomadApiException when Nomad answers with an error
   * @throws IOException when there is no answer
   */
  void delete(String escapedPathAndQuery) throws IOException {
    StringBuilder uri = new StringBuilder(address()).append(escapedPathAndQuery);
    query(uri, "namespace", target.namespace());
    query(uri, "region", target.region());
    execute(new HttpDelete(URI.create(uri.toString())));
  }

  private static void query(StringBuilder uri, String name, String value) {
    if (!value.isEmpty()) {
      uri.append(uri.indexOf("?") < 0 ? '?' : '&')
          .append(name)
          .append('=')
          .append(URLEncoder.encode(value, StandardCharsets.UTF_8));
    }
  }

  /** Sends {@code request} with the token, and reads the answer: its body, or the error. */
  private String execute(HttpUriRequest request) throws IOException {
    if (!target.token().isEmpty()) {
      request.setHeader("X-Nomad-Token", target.token());
    }
    try (CloseableHttpResponse response = http.execute(request)) {
      int status = response.getStatusLine().getStatusCode();
      String text =
          response.getEntity() == null
              ? ""
              : EntityUtils.toString(response.getEntity(), StandardCharsets.UTF_8);
      if (status < 200 || status > 299) {
        throw NomadApiException.http(status, text);
      }
      return text;
    }
  }

  /** The SDK client, on this connection's HTTP client. */
  NomadApiClient sdk() {
    return sdk;
  }

  /** The address for messages: scheme, host and port, never credentials. */
  String address() {
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
