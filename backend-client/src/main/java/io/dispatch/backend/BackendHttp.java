package io.dispatch.backend;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.Closeable;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.apache.hc.client5.http.classic.methods.HttpUriRequestBase;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.http.io.entity.StringEntity;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.net.URIBuilder;
import org.apache.hc.core5.util.Timeout;

/**
 * One HTTP exchange with the backend, and the one place that turns its outcome into a result or a
 * {@link BackendException}. A call never outlives its deadline: the request is aborted when it
 * passes, whatever the connection is doing.
 */
final class BackendHttp implements Closeable {

  private static final int MAX_BODY_IN_MESSAGE = 200;

  private final BackendConfig config;
  private final Clock clock;
  private final ObjectMapper json;
  private final CloseableHttpClient client;
  private final ScheduledExecutorService timer;

  BackendHttp(BackendConfig config, Clock clock, ObjectMapper json) {
    this.config = config;
    this.clock = clock;
    this.json = json;
    Timeout connect = Timeout.of(config.connectTimeout());
    this.client =
        HttpClients.custom()
            .setConnectionManager(
                PoolingHttpClientConnectionManagerBuilder.create()
                    .setDefaultConnectionConfig(
                        ConnectionConfig.custom()
                            .setConnectTimeout(connect)
                            .setSocketTimeout(Timeout.of(config.callTimeout()))
                            .build())
                    .setTlsSocketStrategy(new TlsOnFirstUse()) // start-up: no TLS for http
                    .build())
            .disableAutomaticRetries()
            .disableRedirectHandling()
            .disableCookieManagement()
            .setUserAgent("dispatch-orchestrator")
            .build();
    this.timer =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "backend-deadline");
              t.setDaemon(true);
              return t;
            });
  }

  /** Sends one request and returns the body of a 2xx answer. */
  String execute(
      String method, String path, Map<String, String> query, Object body, Instant deadline)
      throws BackendException {
    String what = method + " " + path;
    Duration left = Duration.between(clock.instant(), deadline);
    if (left.isNegative() || left.isZero()) {
      throw new BackendException(what + ": no time left in the deadline", 0, true, null);
    }
    HttpUriRequestBase request;
    try {
      request = new HttpUriRequestBase(method, uri(path, query));
    } catch (IllegalArgumentException e) {
      // A URL the HTTP client cannot use (a port out of range, say) fails this call, not the run.
      throw new BackendException(what + ": the backend URL cannot be used", 0, false, null);
    }
    request.setConfig(RequestConfig.custom().setResponseTimeout(Timeout.of(left)).build());
    request.setHeader("Accept", "application/json");
    if (body != null) {
      request.setEntity(new StringEntity(toJson(body), ContentType.APPLICATION_JSON));
    }
    ScheduledFuture<?> abort =
        timer.schedule(() -> request.cancel(), left.toMillis(), TimeUnit.MILLISECONDS);
    try {
      return client.execute(
          request,
          response -> {
            int status = response.getCode();
            String text =
                response.getEntity() == null
                    ? ""
                    : EntityUtils.toString(response.getEntity(), StandardCharsets.UTF_8);
            if (status >= 200 && status < 300) {
              return text;
            }
            boolean retryable = status == 429 || status >= 500;
            throw new BackendStatusException(
                what + ": HTTP " + status + snippet(text), status, retryable);
          });
    } catch (BackendStatusException e) {
      throw new BackendException(e.getMessage(), e.status, e.retryable, null);
    } catch (IOException e) {
      throw new BackendException(
          what + ": " + describe(e, request.isCancelled(), left), 0, retryable(e), e);
    } catch (RuntimeException e) {
      throw new BackendException(
          what + ": " + e.getClass().getSimpleName() + " in the HTTP client", 0, false, e);
    } finally {
      abort.cancel(false);
    }
  }

  private URI uri(String path, Map<String, String> query) {
    try {
      URIBuilder b = new URIBuilder(config.baseUrl());
      b.appendPath(path);
      query.forEach(b::addParameter);
      b.addParameter("accessToken", config.accessToken());
      return b.build();
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("backend URL is not valid", e);
    }
  }

  private String toJson(Object body) {
    try {
      return json.writeValueAsString(body);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("cannot write " + body.getClass().getSimpleName(), e);
    }
  }

  private String snippet(String body) {
    String line = oneLine(body);
    if (line.isEmpty()) {
      return "";
    }
    return ": "
        + (line.length() > MAX_BODY_IN_MESSAGE
            ? line.substring(0, MAX_BODY_IN_MESSAGE) + "…"
            : line);
  }

  /** Text from outside (an answer, an exception) as one line of a message, token removed. */
  String oneLine(String text) {
    return redact(text).replaceAll("\\s+", " ").strip();
  }

  /** Removes the access token from text that came from outside (an echoed URL, say). */
  private String redact(String text) {
    String token = config.accessToken();
    return token.isEmpty() || text == null ? text : text.replace(token, "***");
  }

  private static boolean retryable(IOException e) {
    return !(e instanceof UnknownHostException);
  }

  private String describe(IOException e, boolean cancelled, Duration limit) {
    if (cancelled || e instanceof SocketTimeoutException || e instanceof InterruptedIOException) {
      return "no answer within " + limit.toMillis() + " ms";
    }
    if (e instanceof ConnectException) {
      return "connection refused";
    }
    if (e instanceof UnknownHostException) {
      return "unknown host " + e.getMessage();
    }
    String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    return oneLine(message);
  }

  @Override
  public void close() {
    timer.shutdownNow();
    client.close(CloseMode.IMMEDIATE);
  }

  /** Carries a status out of the response handler, which may only throw IOException. */
  private static final class BackendStatusException extends IOException {
    private final int status;
    private final boolean retryable;

    BackendStatusException(String message, int status, boolean retryable) {
      super(message);
      this.status = status;
      this.retryable = retryable;
    }
  }
}
