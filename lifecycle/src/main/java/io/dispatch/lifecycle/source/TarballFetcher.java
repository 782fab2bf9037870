package io.dispatch.lifecycle.source;

import io.dispatch.lifecycle.params.UploadSource;
import io.dispatch.lifecycle.run.RunAbortedException;
import io.dispatch.lifecycle.run.RunControl;
import io.dispatch.lifecycle.run.StepFailedException;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.apache.hc.client5.http.ConnectTimeoutException;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.util.Timeout;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Downloads an uploaded {@code .tar.gz} ({@code sourceType: local_upload}) and unpacks it as it
 * arrives: the archive is never stored or held in memory. The download is bounded by the connect
 * and response timeouts of {@link TarballLimits}, by its size limits, and by the run: cancelling
 * the run or passing its deadline aborts the request at once.
 *
 * <p>Every address it connects to, redirects included, passes {@link LinkLocalGuard}: an upload is
 * never fetched from a link-local or cloud metadata address.
 *
 * <p>Messages name the upload by {@link UploadSource#display()} (the URL without its query, which
 * may carry a signature) and never include what the server answered in the body.
 */
public final class TarballFetcher {

  private static final Logger LOG = LoggerFactory.getLogger(TarballFetcher.class);

  private final TarballLimits limits;

  public TarballFetcher(TarballLimits limits) {
    this.limits = limits;
  }

  /**
   * Downloads {@code upload} and unpacks it into {@code directory}, an existing directory. On
   * failure the directory may hold part of the archive; the caller discards it.
   *
   * @throws StepFailedException naming the upload and saying what was wrong: {@code HTTP 403},
   *     {@code larger than 1 GiB}, {@code not a gzip file}, {@code entry '../x' escapes the work
   *     directory}, {@code no answer within 60 s}
   * @throws RunAbortedException when the run was cancelled or its deadline passed
   */
  public UploadResult fetch(UploadSource upload, Path directory, RunControl control) {
    control.checkpoint();
    try {
      Files.createDirectories(directory);
    } catch (IOException e) {
      throw failed(upload, "cannot unpack", "cannot create " + directory + ": " + e.getMessage());
    }
    Instant start = control.clock().instant();
    HttpGet request = new HttpGet(upload.url());
    request.setConfig(
        RequestConfig.custom()
            .setResponseTimeout(Timeout.of(limits.responseTimeout()))
            .setMaxRedirects(5)
            .build());
    AutoCloseable registration = control.onAbort(request::cancel);
    CloseableHttpClient client = client();
    CountingStream counted = null;
    try {
      ClassicHttpResponse response = client.executeOpen(null, request, null);
      int status = response.getCode();
      if (status != 200) {
        throw failed(upload, "cannot download", "HTTP " + status + hint(status));
      }
      HttpEntity entity = response.getEntity();
      if (entity == null) {
        throw failed(upload, "cannot download", "the answer has no body");
      }
      if (entity.getContentLength() > limits.maxCompressedBytes()) {
        throw failed(upload, "cannot download", tooLarge());
      }
      counted = new CountingStream(entity.getContent(), limits.maxCompressedBytes());
      TarExtractor.Stats stats =
          new TarExtractor(directory, limits.maxExtractedBytes(), limits.maxEntries())
              .extract(counted);
      Duration took = Duration.between(start, control.clock().instant());
      LOG.debug("unpacked {} ({} bytes) in {} ms", upload.display(), counted.count(), took);
      return new UploadResult(counted.count(), stats.bytes(), stats.entries(), took);
    } catch (ArchiveException e) {
      throw failed(upload, "cannot unpack", e.getMessage());
    } catch (IOException e) {
      RunAbortedException aborted = control.abortReason();
      if (aborted != null) {
        throw aborted;
      }
      if (counted != null && counted.exceeded()) {
        throw failed(upload, "cannot download", tooLarge());
      }
      if (e instanceof FileSystemException fs) {
        throw failed(
            upload,
            "cannot unpack",
            "cannot write " + fs.getFile() + (fs.getReason() == null ? "" : ": " + fs.getReason()));
      }
      throw failed(upload, "cannot download", describe(e, upload));
    } finally {
      // Drop the connection: closing the response instead would read the rest of the body.
      request.cancel();
      client.close(CloseMode.IMMEDIATE);
      unregister(registration);
    }
  }

  private CloseableHttpClient client() {
    return HttpClients.custom()
        .setConnectionManager(
            PoolingHttpClientConnectionManagerBuilder.create()
                .setDefaultConnectionConfig(
                    ConnectionConfig.custom()
                        .setConnectTimeout(Timeout.of(limits.connectTimeout()))
                        .setSocketTimeout(Timeout.of(limits.responseTimeout()))
                        .build())
                .setDnsResolver(LinkLocalGuard.INSTANCE)
                .build())
        .disableAutomaticRetries()
        .disableContentCompression()
        .disableCookieManagement()
        .setUserAgent("dispatch-orchestrator")
        .build();
  }

  private static StepFailedException failed(UploadSource upload, String what, String why) {
    return new StepFailedException(what + " upload " + upload.display() + ": " + why);
  }

  private String tooLarge() {
    return "larger than " + TarballLimits.format(limits.maxCompressedBytes());
  }

  private static String hint(int status) {
    return switch (status) {
      case 401, 403 -> " (access denied: a signed link may have expired)";
      case 404 -> " (not found)";
      default -> "";
    };
  }

  private String describe(IOException failure, UploadSource upload) {
    IOException e =
        failure instanceof TransferException && failure.getCause() instanceof IOException cause
            ? cause
            : failure;
    if (e instanceof ConnectTimeoutException) {
      return "no connection within " + seconds(limits.connectTimeout());
    }
    if (e instanceof SocketTimeoutException) {
      return "no answer within " + seconds(limits.responseTimeout());
    }
    if (e instanceof ConnectException) {
      return "connection refused";
    }
    if (e instanceof LinkLocalGuard.RefusedHostException) {
      return e.getMessage();
    }
    if (e instanceof UnknownHostException) {
      return "unknown host " + upload.url().getHost();
    }
    String query = upload.url().getRawQuery();
    return Redaction.clean(
        e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage(),
        query,
        upload.url().getQuery());
  }

  private static String seconds(Duration d) {
    return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
  }

  private static void unregister(AutoCloseable registration) {
    try {
      registration.close();
    } catch (Exception e) {
      LOG.debug("could not unregister the download's abort action", e);
    }
  }

  /** Counts what is read, stops past a limit, and marks read failures as transfer failures. */
  private static final class CountingStream extends InputStream {
    private final InputStream in;
    private final long limit;
    private long count;
    private boolean exceeded;

    CountingStream(InputStream in, long limit) {
      this.in = in;
      this.limit = limit;
    }

    long count() {
      return count;
    }

    boolean exceeded() {
      return exceeded;
    }

    @Override
    public int read() throws IOException {
      byte[] one = new byte[1];
      int n = read(one, 0, 1);
      return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      int n;
      try {
        n = in.read(b, off, len);
      } catch (IOException e) {
        throw new TransferException(e);
      }
      if (n > 0) {
        count += n;
        if (count > limit) {
          exceeded = true;
          throw new TransferException(new IOException("download size limit"));
        }
      }
      return n;
    }

    /** Leaves the body open: the fetcher drops the whole connection instead of draining it. */
    @Override
    public void close() {}
  }
}
