package io.dispatch.lifecycle.registry;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.exactly;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static io.dispatch.lifecycle.registry.FakeRegistry.config;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dispatch.lifecycle.image.ImageConfig;
import io.dispatch.lifecycle.params.ImageReference;
import io.dispatch.lifecycle.params.RegistryCredentials;
import io.dispatch.lifecycle.registry.FakeRegistry.Blob;
import io.dispatch.lifecycle.registry.RegistryException.Reason;
import io.dispatch.lifecycle.run.CancelledException;
import io.dispatch.lifecycle.run.DeadlineExceededException;
import io.dispatch.lifecycle.run.RunControl;
import io.dispatch.testdata.SlowServer;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RegistryResilienceTest {

  private final FakeRegistry registry = FakeRegistry.start();
  private final RegistryClient client = RegistryClient.create(FakeRegistry.testOptions());
  private RunControl control = RunControl.start(Clock.systemUTC(), Duration.ofMinutes(1));

  @AfterEach
  void stop() {
    control.close();
    Thread.interrupted(); // a run that expired interrupted this thread
    client.close();
    registry.close();
  }

  private ImageConfig inspect(String reference) {
    return client.inspect(registry.ref(reference), Optional.empty(), control);
  }

  @Test
  void aBlobRedirectToAnotherHostIsFollowedWithoutTheAuthorizationHeader() {
    try (FakeRegistry storage = FakeRegistry.start()) {
      String basic =
          "Basic " + Base64.getEncoder().encodeToString("u:p".getBytes(StandardCharsets.UTF_8));
      Blob config = config("{\"User\":\"1000\"}");
      registry.manifest(
          "acme/app", "1", FakeRegistry.dockerManifest(config), Manifest.DOCKER_MANIFEST);
      String blobPath = "/v2/acme/app/blobs/" + config.digest();
      registry
          .server()
          .stubFor(
              get(urlPathEqualTo(blobPath))
                  .willReturn(
                      aResponse()
                          .withStatus(307)
                          .withHeader(
                              "Location",
                              "http://localhost:"
                                  + storage.server().port()
                                  + "/bucket/blob?X-Amz-Signature=abc")));
      storage
          .server()
          .stubFor(
              get(urlPathEqualTo("/bucket/blob"))
                  .willReturn(aResponse().withStatus(200).withBody(config.bytes())));
      registry
          .server()
          .stubFor(get(urlPathEqualTo("/v2/")).willReturn(aResponse().withStatus(200)));
      // the registry wants Basic credentials; they are sent to it, never to the storage host
      registry
          .server()
          .stubFor(
              get(urlPathEqualTo("/v2/acme/app/manifests/1"))
                  .withHeader("Authorization", absent())
                  .atPriority(1)
                  .willReturn(
                      aResponse()
                          .withStatus(401)
                          .withHeader("WWW-Authenticate", "Basic realm=\"r\"")));

      ImageConfig result =
          client.inspect(
              registry.ref("acme/app:1"),
              RegistryCredentials.of(registry.host(), "u", "p"),
              control);

      assertThat(result.metadata().user()).isEqualTo("1000");
      registry
          .server()
          .verify(
              exactly(1),
              getRequestedFor(urlPathEqualTo(blobPath))
                  .withHeader("Authorization", equalTo(basic)));
      storage
          .server()
          .verify(
              exactly(1),
              getRequestedFor(urlPathEqualTo("/bucket/blob"))
                  .withQueryParam("X-Amz-Signature", equalTo("abc"))
                  .withHeader("Authorization", absent()));
    }
  }

  @Test
  void aServiceUnavailableAnswerIsRetriedAndThenSucceeds() {
    Blob config = config("{}");
    registry.image("flaky/app", "1", config);
    registry
        .server()
        .stubFor(
            get(urlPathEqualTo("/v2/flaky/app/manifests/1"))
                .atPriority(1)
                .inScenario("flaky")
                .whenScenarioStateIs(STARTED)
                .willReturn(aResponse().withStatus(503))
                .willSetStateTo("recovered"));

    inspect("flaky/app:1");

    registry
        .server()
        .verify(exactly(2), getRequestedFor(urlPathEqualTo("/v2/flaky/app/manifests/1")));
  }

  @Test
  void tooManyRequestsIsRetriedAfterTheAnnouncedPause() {
    Blob config = config("{}");
    registry.image("busy/app", "1", config);
    registry
        .server()
        .stubFor(
            get(urlPathEqualTo("/v2/busy/app/blobs/" + config.digest()))
                .atPriority(1)
                .inScenario("busy")
                .whenScenarioStateIs(STARTED)
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "0"))
                .willSetStateTo("calm"));

    inspect("busy/app:1");

    registry
        .server()
        .verify(
            exactly(2), getRequestedFor(urlPathEqualTo("/v2/busy/app/blobs/" + config.digest())));
  }

  @Test
  void aPersistentServerErrorGivesUpAfterThreeAttemptsAndMayFallBack() {
    registry
        .server()
        .stubFor(
            get(urlPathEqualTo("/v2/down/app/manifests/1"))
                .willReturn(aResponse().withStatus(500)));

    assertThatThrownBy(() -> inspect("down/app:1"))
        .isInstanceOfSatisfying(
            RegistryException.class,
            e -> {
              assertThat(e.reason()).isEqualTo(Reason.UNREACHABLE);
              assertThat(e.daemonMayHelp()).isTrue();
            })
        .hasMessage(
            "registry "
                + registry.host()
                + " answered HTTP 500 while reading image "
                + registry.host()
                + "/down/app:1");
    registry
        .server()
        .verify(exactly(3), getRequestedFor(urlPathEqualTo("/v2/down/app/manifests/1")));
  }

  @Test
  void aPersistentRateLimitIsReportedAsSuch() {
    registry
        .server()
        .stubFor(
            get(urlPathEqualTo("/v2/busy/app/manifests/1"))
                .willReturn(aResponse().withStatus(429)));

    assertThatThrownBy(() -> inspect("busy/app:1"))
        .isInstanceOfSatisfying(
            RegistryException.class, e -> assertThat(e.reason()).isEqualTo(Reason.RATE_LIMITED))
        .hasMessageContaining("try again later");
  }

  @Test
  void notFoundIsNeverRetried() {
    registry
        .server()
        .stubFor(
            get(urlPathEqualTo("/v2/gone/app/manifests/1"))
                .willReturn(aResponse().withStatus(404)));

    assertThatThrownBy(() -> inspect("gone/app:1"))
        .hasMessageContaining("not found in the registry (HTTP 404)");
    registry
        .server()
        .verify(exactly(1), getRequestedFor(urlPathEqualTo("/v2/gone/app/manifests/1")));
  }

  @Test
  void aRefusedConnectionIsRetriedThenReportedAsUnreachable() throws Exception {
    int closedPort;
    try (ServerSocket s = new ServerSocket(0)) {
      closedPort = s.getLocalPort();
    }
    String image = "127.0.0.1:" + closedPort + "/x/y:1";

    assertThatThrownBy(
            () ->
                client.inspect(
                    io.dispatch.lifecycle.params.ImageReference.parse(image),
                    Optional.empty(),
                    control))
        .isInstanceOfSatisfying(
            RegistryException.class, e -> assertThat(e.daemonMayHelp()).isTrue())
        .hasMessage(
            "cannot reach registry 127.0.0.1:"
                + closedPort
                + " for image "
                + image
                + ": connection refused");
  }

  /** A registry that answers after 30 s, and a client that would wait a minute for it. */
  private static RegistryClient patientClient() {
    return RegistryClient.create(
        FakeRegistry.testOptions().withTimeouts(Duration.ofSeconds(60), Duration.ofSeconds(120)));
  }

  private static ImageReference on(SlowServer server, String repositoryAndTag) {
    return ImageReference.parse(
        server.url().substring("http://".length()) + "/" + repositoryAndTag);
  }

  @Test
  void theRunsDeadlineStopsAHangingRequest() throws InterruptedException {
    control.close();
    control = RunControl.start(Clock.systemUTC(), Duration.ofMillis(400));
    try (SlowServer slow = SlowServer.start(Duration.ofSeconds(30));
        RegistryClient patient = patientClient()) {

      assertThatThrownBy(() -> patient.inspect(on(slow, "slow/app:1"), Optional.empty(), control))
          .isInstanceOf(DeadlineExceededException.class);

      // Stopping the run interrupts its worker, this thread, from the run's watchdog: end the run
      // (no later interrupt can come) before clearing it.
      control.close();
      Thread.interrupted();
      assertThat(slow.awaitAbandoned(1, Duration.ofSeconds(20))).isTrue();
      assertThat(slow.answered()).isZero();
    }
  }

  @Test
  void theCallsOwnTimeoutStopsAHangingRequestBeforeTheRunsDeadline() {
    registry
        .server()
        .stubFor(
            get(urlPathEqualTo("/v2/slow/app/manifests/1"))
                .willReturn(aResponse().withStatus(200).withFixedDelay(10_000)));

    try (RegistryClient impatient =
        RegistryClient.create(
            FakeRegistry.testOptions()
                .withTimeouts(Duration.ofSeconds(5), Duration.ofMillis(300)))) {
      assertThatThrownBy(
              () -> impatient.inspect(registry.ref("slow/app:1"), Optional.empty(), control))
          .isInstanceOfSatisfying(
              RegistryException.class, e -> assertThat(e.reason()).isEqualTo(Reason.UNREACHABLE))
          .hasMessage(
              "registry "
                  + registry.host()
                  + " did not answer within 300ms while reading image "
                  + registry.host()
                  + "/slow/app:1");
    }
  }

  @Test
  void aRequestThatOutlivesItsOwnTimeoutIsReportedAndNotRetried() {
    registry
        .server()
        .stubFor(
            get(urlPathEqualTo("/v2/slow/app/manifests/1"))
                .willReturn(aResponse().withStatus(200).withFixedDelay(10_000)));

    try (RegistryClient impatient =
        RegistryClient.create(
            FakeRegistry.testOptions()
                .withTimeouts(Duration.ofMillis(300), Duration.ofSeconds(20)))) {
      assertThatThrownBy(
              () -> impatient.inspect(registry.ref("slow/app:1"), Optional.empty(), control))
          .isInstanceOfSatisfying(
              RegistryException.class, e -> assertThat(e.daemonMayHelp()).isTrue())
          .hasMessage(
              "cannot reach registry "
                  + registry.host()
                  + " for image "
                  + registry.host()
                  + "/slow/app:1: no answer within 300 ms");
    }
    registry
        .server()
        .verify(exactly(1), getRequestedFor(urlPathEqualTo("/v2/slow/app/manifests/1")));
  }

  @Test
  void cancellingTheRunAbortsTheRequestInFlight() throws InterruptedException {
    try (SlowServer slow = SlowServer.start(Duration.ofSeconds(30));
        RegistryClient patient = patientClient()) {
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

      assertThatThrownBy(() -> patient.inspect(on(slow, "slow/app:1"), Optional.empty(), control))
          .isInstanceOf(CancelledException.class);

      // Stopping the run interrupts its worker, this thread, from the run's watchdog: end the run
      // (no later interrupt can come) before clearing it.
      control.close();
      Thread.interrupted();
      assertThat(slow.awaitAbandoned(1, Duration.ofSeconds(20))).isTrue();
      assertThat(slow.answered()).isZero();
    }
  }
}
