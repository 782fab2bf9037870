package io.dispatch.lifecycle.registry;

import io.dispatch.backend.TlsOnFirstUse;
import io.dispatch.lifecycle.run.RunAbortedException;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLException;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.NoHttpResponseException;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.util.Timeout;

/**
 * Sends one GET to a registry and reads the answer, following redirects by hand so that the {@code
 * Authorization} header never travels to another host (blob storage behind a 307 rejects it, and
 * must not see it). Every exchange is bounded by the call's time left: the request is cancelled
 * when that passes or when the run stops. Bodies are capped and every byte read is counted.
 */
final class RegistryTransport implements Closeable {

  private static final int MAX_REDIRECTS = 5;
  private static final int MAX_ERROR_BODY = 64 * 1024;

  /** A failure to get any answer; the caller decides whether to try again. */
  static final class TransportFailure extends Exception {
    private static final long serialVersionUID = 1L;
    private final boolean retryable;

    TransportFailure(String message, boolean retryable, Throwable cause) {
      super(message, cause);
      this.retryable = retryable;
    }

    boolean retryable() {
      return retryable;
    }
  }

  private final RegistryOptions options;
  private final CloseableHttpClient client;
  private final ScheduledExecutorService timer;

  RegistryTransport(RegistryOptions options) {
    this.options = options;
    this.client =
        HttpClients.custom()
            .setConnectionManager(
                PoolingHttpClientConnectionManagerBuilder.create()
                    .setDefaultConnectionConfig(
                        ConnectionConfig.custom()
                            .setConnectTimeout(Timeout.of(options.connectTimeout()))
                            .setSocketTimeout(Timeout.of(options.requestTimeout()))
                            .build())
                    .setTlsSocketStrategy(new TlsOnFirstUse()) // start-up: no TLS for http
                    .setMaxConnPerRoute(4)
                    .setMaxConnTotal(16)
                    .build())
            .disableAutomaticRetries()
            .disableRedirectHandling()
            .disableCookieManagement()
            .disableContentCompression()
            .disableAuthCaching()
            .setUserAgent("dispatch-orchestrator")
            .build();
    this.timer =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "registry-deadline");
              t.setDaemon(true);
              return t;
            });
  }

  /** GETs {@code uri}, following up to five redirects; any status is returned to the caller. */
  RegistryResponse get(RegistryCall call, URI uri, Map<String, String> headers)
      throws TransportFailure {
    URI current = uri;
    Map<String, String> sent = new HashMap<>(headers);
    for (int hop = 0; ; hop++) {
      RegistryResponse response = exchange(call, current, sent);
      if (!isRedirect(response.status()) || response.header("location").isEmpty()) {
        return response;
      }
      if (hop == MAX_REDIRECTS) {
        throw new TransportFailure("too many redirects", false, null);
      }
      URI next = current.resolve(response.header("location").get().strip());
      if (!sameOrigin(uri, next)) {
        sent.remove("Authorization");
      }
      current = next;
    }
  }

  private RegistryResponse exchange(RegistryCall call, URI uri, Map<String, String> headers)
      throws TransportFailure {
    call.checkTime();
    Duration left = call.bounded(options.requestTimeout());
    if (left.toMillis() < 1) {
      throw call.stopOrTimeout(); // a zero timeout would mean "wait forever" to HttpClient
    }
    HttpGet get = new HttpGet(uri);
    headers.forEach(get::setHeader);
    get.setConfig(
        RequestConfig.custom()
            .setResponseTimeout(Timeout.of(left))
            .setConnectionRequestTimeout(Timeout.of(left))
            .build());
    ScheduledFuture<?> deadline =
        timer.schedule(() -> get.cancel(), left.toMillis(), TimeUnit.MILLISECONDS);
    AutoCloseable abort = call.control().onAbort(get::cancel);
    try {
      return client.execute(get, response -> read(call, uri, response));
    } catch (TooLargeException e) {
      throw new RegistryException(
          RegistryException.Reason.UNSUPPORTED,
          "cannot read image "
              + call.image()
              + " through the registry API: an answer is larger than "
              + options.maxResponseBytes()
              + " bytes");
    } catch (IOException e) {
      RunAbortedException stop = call.control().abortReason();
      if (stop != null) {
        throw stop;
      }
      if (get.isCancelled()
          || e instanceof SocketTimeoutException
          || e instanceof InterruptedIOException) {
        if (left.compareTo(options.requestTimeout()) < 0) {
          throw call.stopOrTimeout(); // the call's time ran out, not just this request's
        }
        throw new TransportFailure("no answer within " + left.toMillis() + " ms", false, e);
      }
      throw classify(e);
    } finally {
      deadline.cancel(false);
      unregister(abort);
    }
  }

  private RegistryResponse read(RegistryCall call, URI uri, ClassicHttpResponse response)
      throws IOException {
    int status = response.getCode();
    Map<String, List<String>> headers = new HashMap<>();
    for (Header h : response.getHeaders()) {
      headers
          .computeIfAbsent(h.getName().toLowerCase(Locale.ROOT), k -> new ArrayList<>())
          .add(h.getValue());
    }
    HttpEntity entity = response.getEntity();
    byte[] body = new byte[0];
    if (entity != null) {
      boolean success = status >= 200 && status < 300;
      int cap = success ? options.maxResponseBytes() : MAX_ERROR_BODY;
      if (success && entity.getContentLength() > cap) {
        throw new TooLargeException();
      }
      try (InputStream in = entity.getContent()) {
        body = readCapped(call, in, cap, success);
      }
    }
    return new RegistryResponse(status, uri, headers, body);
  }

  /** Reads at most {@code cap} bytes; more is an error for a success, and cut off otherwise. */
  private static byte[] readCapped(RegistryCall call, InputStream in, int cap, boolean strict)
      throws IOException {
    byte[] buffer = in.readNBytes(cap);
    call.count(buffer.length);
    if (buffer.length == cap && in.read() >= 0) {
      call.count(1);
      if (strict) {
        throw new TooLargeException();
      }
    }
    return buffer;
  }

  private static boolean isRedirect(int status) {
    return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
  }

  private static boolean sameOrigin(URI a, URI b) {
    return Objects.equals(lower(a.getScheme()), lower(b.getScheme()))
        && Objects.equals(lower(a.getHost()), lower(b.getHost()))
        && port(a) == port(b);
  }

  private static String lower(String s) {
    return s == null ? null : s.toLowerCase(Locale.ROOT);
  }

  private static int port(URI u) {
    return u.getPort() >= 0 ? u.getPort() : "https".equalsIgnoreCase(u.getScheme()) ? 443 : 80;
  }

  /** Names the failure; only refused, reset or unanswered connections are worth another try. */
  private static TransportFailure classify(IOException e) {
    if (e instanceof ConnectException) {
      return new TransportFailure("connection refused", true, e);
    }
    if (e instanceof NoHttpResponseException) {
      return new TransportFailure("the connection closed without an answer", true, e);
    }
    if (e instanceof UnknownHostException) {
      return new TransportFailure("unknown host " + e.getMessage(), false, e);
    }
    if (e instanceof SSLException) {
      return new TransportFailure("TLS failure: " + oneLine(e.getMessage()), false, e);
    }
    String message = oneLine(e.getMessage());
    if (e instanceof SocketException && message.toLowerCase(Locale.ROOT).contains("reset")) {
      return new TransportFailure("connection reset", true, e);
    }
    return new TransportFailure(
        message.isEmpty() ? e.getClass().getSimpleName() : message, false, e);
  }

  private static String oneLine(String text) {
    return text == null ? "" : text.replaceAll("\\s+", " ").strip();
  }

  private static void unregister(AutoCloseable hook) {
    try {
      hook.close();
    } catch (Exception ignored) {
      // removing a hook from a list does not fail
    }
  }

  @Override
  public void close() {
    timer.shutdownNow();
    client.close(CloseMode.IMMEDIATE);
  }

  /** Carries "too large" out of the response handler, which may only throw IOException. */
  private static final class TooLargeException extends IOException {
    private static final long serialVersionUID = 1L;
  }
}
