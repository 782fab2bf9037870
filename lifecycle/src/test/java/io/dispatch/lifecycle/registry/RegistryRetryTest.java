package io.dispatch.lifecycle.registry;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.exactly;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static io.dispatch.lifecycle.registry.FakeRegistry.config;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dispatch.lifecycle.registry.RegistryException.Reason;
import io.dispatch.lifecycle.run.RunControl;
import io.dispatch.testdata.TestClock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The registry's retry schedule on a clock that only the run's pauses move: 3 attempts, pauses
 * doubling from the 10 ms back-off of the test options, a {@code Retry-After} honoured, all within
 * the call's time.
 */
class RegistryRetryTest {

  private static final Instant START = Instant.parse("2026-01-05T10:00:00Z");

  private final FakeRegistry registry = FakeRegistry.start();
  private final RegistryClient client = RegistryClient.create(FakeRegistry.testOptions());
  private final TestClock clock = new TestClock(START);
  private final RunControl control = RunControl.start(clock, Duration.ofMinutes(1), clock::advance);

  @AfterEach
  void stop() {
    control.close();
    Thread.interrupted();
    client.close();
    registry.close();
  }

  private Duration paused() {
    return Duration.between(START, clock.instant());
  }

  @Test
  void aPersistentServerErrorIsTriedThreeTimesWithDoublingPauses() {
    registry
        .server()
        .stubFor(
            get(urlPathEqualTo("/v2/down/app/manifests/1"))
                .willReturn(aResponse().withStatus(503)));

    assertThatThrownBy(() -> client.inspect(registry.ref("down/app:1"), Optional.empty(), control))
        .isInstanceOfSatisfying(
            RegistryException.class, e -> assertThat(e.reason()).isEqualTo(Reason.UNREACHABLE));

    registry
        .server()
        .verify(exactly(3), getRequestedFor(urlPathEqualTo("/v2/down/app/manifests/1")));
    assertThat(paused()).isEqualTo(Duration.ofMillis(10 + 20));
  }

  @Test
  void tooManyRequestsWaitsTheAnnouncedPauseThroughTheRun() {
    FakeRegistry.Blob config = config("{}");
    registry.image("busy/app", "1", config);
    registry
        .server()
        .stubFor(
            get(urlPathEqualTo("/v2/busy/app/manifests/1"))
                .atPriority(1)
                .inScenario("busy")
                .whenScenarioStateIs(STARTED)
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "2"))
                .willSetStateTo("calm"));

    client.inspect(registry.ref("busy/app:1"), Optional.empty(), control);

    registry
        .server()
        .verify(exactly(2), getRequestedFor(urlPathEqualTo("/v2/busy/app/manifests/1")));
    assertThat(paused()).isEqualTo(Duration.ofSeconds(2));
  }

  @Test
  void aRetryAfterBeyondTheCallsTimeIsNotWaitedFor() {
    registry
        .server()
        .stubFor(
            get(urlPathEqualTo("/v2/busy/app/manifests/1"))
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "25")));

    assertThatThrownBy(() -> client.inspect(registry.ref("busy/app:1"), Optional.empty(), control))
        .isInstanceOfSatisfying(
            RegistryException.class, e -> assertThat(e.reason()).isEqualTo(Reason.RATE_LIMITED));

    registry
        .server()
        .verify(exactly(1), getRequestedFor(urlPathEqualTo("/v2/busy/app/manifests/1")));
    assertThat(paused()).isZero();
  }
}
