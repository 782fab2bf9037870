package io.dispatch.lifecycle.source;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import io.dispatch.lifecycle.params.UploadSource;
import io.dispatch.lifecycle.run.CancelledException;
import io.dispatch.lifecycle.run.DeadlineExceededException;
import io.dispatch.lifecycle.run.RunControl;
import io.dispatch.lifecycle.run.StepFailedException;
import io.dispatch.testdata.SlowServer;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TarballFetcherTest {

  private static final String PATH = "/uploads/app.tar.gz";
  private static final String SIGNATURE = "c1a9e5f0d4b3signature77";
  private static final String QUERY =
      "?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Expires=600&X-Amz-Signature=" + SIGNATURE;

  private static WireMockServer server;

  @TempDir Path work;
  private RunControl control;
  private final TarballFetcher fetcher =
      new TarballFetcher(
          TarballLimits.defaults().withTimeouts(Duration.ofSeconds(5), Duration.ofSeconds(5)));

  @BeforeAll
  static void startServer() {
    server = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
    server.start();
  }

  @AfterAll
  static void stopServer() {
    server.stop();
  }

  @BeforeEach
  void setUp() {
    server.resetAll();
    control = RunControl.start(Clock.systemUTC(), Duration.ofSeconds(20));
  }

  @AfterEach
  void tearDown() {
    control.close();
    Thread.interrupted(); // an abort interrupts the worker, which is this test's thread
  }

  private UploadSource upload() {
    return new UploadSource(URI.create(server.baseUrl() + PATH + QUERY), "up-1");
  }

  private String display() {
    return server.baseUrl() + PATH;
  }

  private static void serve(ResponseDefinitionBuilder response) {
    server.stubFor(get(urlPathEqualTo(PATH)).willReturn(response));
  }

  private AbstractThrowableAssert<?, ? extends Throwable> assertFetchFails() {
    return assertThatThrownBy(() -> fetcher.fetch(upload(), work, control))
        .satisfies(
            e ->
                assertThat(e.getMessage())
                    .doesNotContain(SIGNATURE)
                    .doesNotContain("X-Amz")
                    .doesNotContain("\n"));
  }

  @Test
  void downloadsTheSignedUrlAndUnpacksItIntoTheDirectory() {
    byte[] targz =
        Tarball.create()
            .file("package.json", "{}")
            .executable("bin/start", "#!/bin/sh\n")
            .symlink("start", "bin/start")
            .tarGz();
    serve(
        aResponse().withStatus(200).withHeader("Content-Type", "application/gzip").withBody(targz));

    UploadResult result = fetcher.fetch(upload(), work, control);

    assertThat(work.resolve("package.json")).hasContent("{}");
    assertThat(work.resolve("bin/start")).isExecutable();
    assertThat(Files.isSymbolicLink(work.resolve("start"))).isTrue();
    assertThat(result.downloadedBytes()).isEqualTo(targz.length);
    assertThat(result.entries()).isEqualTo(3);
    server.verify(
        getRequestedFor(urlPathEqualTo(PATH))
            .withQueryParam("X-Amz-Signature", equalTo(SIGNATURE))
            .withoutHeader("Authorization")
            .withoutHeader("Accept-Encoding"));
  }

  @Test
  void aRedirectToACloudMetadataAddressIsNeverFollowed() {
    serve(
        aResponse()
            .withStatus(302)
            .withHeader("Location", "http://169.254.169.254/latest/meta-data/iam/x.tar.gz"));

    assertFetchFails()
        .isInstanceOf(StepFailedException.class)
        .hasMessage(
            "cannot download upload "
                + display()
                + ": 169.254.169.254 resolves to a link-local or cloud metadata address, which is"
                + " never used");
  }

  @Test
  void unpacksIntoADirectoryThatDoesNotExistYet() {
    serve(
        aResponse().withStatus(200).withBody(Tarball.create().file("app.py", "print(1)").tarGz()));
    Path target = work.resolve("not/yet/there");

    fetcher.fetch(upload(), target, control);

    assertThat(target.resolve("app.py")).hasContent("print(1)");
  }

  @Test
  void aForbiddenAnswerSaysHttp403AndNeverShowsTheSignature() {
    serve(
        aResponse()
            .withStatus(403)
            .withBody("<Error><Code>SignatureDoesNotMatch</Code><Sig>" + SIGNATURE + "</Sig>"));

    assertFetchFails()
        .isInstanceOf(StepFailedException.class)
        .hasMessage(
            "cannot download upload "
                + display()
                + ": HTTP 403 (access denied: a signed link may have expired)");
  }

  @Test
  void aMissingUploadSaysHttp404() {
    serve(aResponse().withStatus(404));

    assertFetchFails()
        .isInstanceOf(StepFailedException.class)
        .hasMessage("cannot download upload " + display() + ": HTTP 404 (not found)");
  }

  @Test
  void aServerThatNeverAnswersFailsAtTheResponseTimeout() {
    TarballFetcher impatient =
        new TarballFetcher(
            TarballLimits.defaults().withTimeouts(Duration.ofSeconds(2), Duration.ofMillis(500)));
    serve(aResponse().withStatus(200).withFixedDelay(5_000));

    assertThatThrownBy(() -> impatient.fetch(upload(), work, control))
        .isInstanceOf(StepFailedException.class)
        .hasMessage("cannot download upload " + display() + ": no answer within 500 ms");
  }

  /** A server that answers after 30 s, and a fetcher that would wait for it. */
  private static final TarballFetcher PATIENT =
      new TarballFetcher(
          TarballLimits.defaults().withTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(60)));

  private static UploadSource uploadOn(SlowServer slow) {
    return new UploadSource(URI.create(slow.url() + PATH + QUERY), "up-1");
  }

  @Test
  void theRunDeadlineStopsADownloadThatIsStillWaiting() throws InterruptedException {
    control.close();
    control = RunControl.start(Clock.systemUTC(), Duration.ofMillis(600));
    try (SlowServer slow = SlowServer.start(Duration.ofSeconds(30))) {

      assertThatThrownBy(() -> PATIENT.fetch(uploadOn(slow), work, control))
          .isInstanceOf(DeadlineExceededException.class);

      Thread.interrupted(); // stopping the run interrupts its worker, this thread
      assertThat(slow.awaitAbandoned(1, Duration.ofSeconds(20))).isTrue();
      assertThat(slow.answered()).isZero();
    }
  }

  @Test
  void cancellingTheRunStopsADownloadAtOnce() throws InterruptedException {
    try (SlowServer slow = SlowServer.start(Duration.ofSeconds(30))) {
      Thread canceller =
          new Thread(
              () -> {
                try {
                  if (slow.awaitRequests(1, Duration.ofSeconds(20))) {
                    control.cancel();
                  }
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                }
              });
      canceller.setDaemon(true);
      canceller.start();

      assertThatThrownBy(() -> PATIENT.fetch(uploadOn(slow), work, control))
          .isInstanceOf(CancelledException.class);

      Thread.interrupted(); // stopping the run interrupts its worker, this thread
      assertThat(slow.awaitAbandoned(1, Duration.ofSeconds(20))).isTrue();
      assertThat(slow.answered()).isZero();
    }
  }

  @Test
  void aBodyThatIsNotGzipIsRejected() {
    serve(aResponse().withStatus(200).withBody("<html>login page</html>"));

    assertFetchFails()
        .isInstanceOf(StepFailedException.class)
        .hasMessage("cannot unpack upload " + display() + ": not a gzip file");
  }

  @Test
  void anUnsafeEntryIsRejectedWithItsName() {
    serve(
        aResponse()
            .withStatus(200)
            .withBody(Tarball.create().file("../../etc/x", "pwned").tarGz()));

    assertFetchFails()
        .isInstanceOf(StepFailedException.class)
        .hasMessage(
            "cannot unpack upload "
                + display()
                + ": entry '../../etc/x' escapes the work directory");
  }

  @Test
  void aDeclaredSizeOverTheLimitIsRefusedBeforeReading() {
    TarballFetcher small =
        new TarballFetcher(TarballLimits.defaults().withSizes(1024, 1 << 20, 100));
    serve(aResponse().withStatus(200).withBody(new byte[4096]));

    assertThatThrownBy(() -> small.fetch(upload(), work, control))
        .isInstanceOf(StepFailedException.class)
        .hasMessage("cannot download upload " + display() + ": larger than 1 KiB");
  }

  @Test
  void anUndeclaredSizeOverTheLimitIsStoppedWhileStreaming() {
    TarballFetcher small =
        new TarballFetcher(TarballLimits.defaults().withSizes(1024, 1 << 20, 100));
    byte[] random = new byte[8192];
    new java.util.Random(7).nextBytes(random);
    serve(
        aResponse()
            .withStatus(200)
            .withBody(Tarball.create().file("noise.bin", random, 0644).tarGz())
            .withChunkedDribbleDelay(4, 20));

    assertThatThrownBy(() -> small.fetch(upload(), work, control))
        .isInstanceOf(StepFailedException.class)
        .hasMessage("cannot download upload " + display() + ": larger than 1 KiB");
  }

  @Test
  void aRedirectLoopIsReportedWithoutTheQuery() {
    serve(aResponse().withStatus(302).withHeader("Location", PATH + QUERY));

    assertFetchFails()
        .isInstanceOf(StepFailedException.class)
        .hasMessage(
            "cannot download upload " + display() + ": Circular redirect to '" + display() + "'");
  }
}
