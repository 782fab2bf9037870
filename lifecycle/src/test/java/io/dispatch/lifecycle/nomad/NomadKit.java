package io.dispatch.lifecycle.nomad;

import ch.qos.logback.classic.Level;
import io.dispatch.lifecycle.params.NomadTarget;
import io.dispatch.lifecycle.run.DeploymentLog;
import io.dispatch.lifecycle.run.RunControl;
import io.dispatch.lifecycle.trace.Span;
import io.dispatch.lifecycle.trace.Trace;
import io.dispatch.testdata.NomadDouble;
import io.dispatch.testdata.NomadDriver;
import io.dispatch.testdata.NomadEndpoint;
import io.dispatch.testdata.TestClock;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.LoggerFactory;

/** What the Nomad adapter tests share: fast settings, a target on the double, a driver. */
final class NomadKit {

  /** Short waits so that the tests stay fast: 1s blocking queries, 2s retry window. */
  static final NomadSettings FAST =
      new NomadSettings(
          Duration.ofSeconds(1),
          Duration.ofSeconds(1),
          Duration.ofSeconds(2),
          Duration.ofMillis(20),
          Duration.ofMillis(200),
          Duration.ofMillis(20),
          Duration.ofSeconds(3),
          Duration.ofSeconds(1),
          Duration.ofSeconds(3),
          Duration.ofMinutes(1));

  /** {@link #FAST}, but giving up on an unreachable or failing Nomad after 600 ms. */
  static final NomadSettings GIVE_UP_SOON =
      new NomadSettings(
          FAST.connectTimeout(),
          FAST.blockingWait(),
          Duration.ofMillis(600),
          FAST.firstRetryDelay(),
          FAST.maxRetryDelay(),
          FAST.idleBackoff(),
          FAST.evaluationTimeout(),
          FAST.deploymentAppearTimeout(),
          FAST.revertTimeout(),
          FAST.stallGrace());

  /** {@link #FAST} with another stall grace: how long past its deadline a rollout may idle. */
  static NomadSettings withStallGrace(Duration grace) {
    return new NomadSettings(
        FAST.connectTimeout(),
        FAST.blockingWait(),
        FAST.retryWindow(),
        FAST.firstRetryDelay(),
        FAST.maxRetryDelay(),
        FAST.idleBackoff(),
        FAST.evaluationTimeout(),
        FAST.deploymentAppearTimeout(),
        FAST.revertTimeout(),
        grace);
  }

  /** A test token, not a secret; the tests check it never shows up in messages or logs. */
  static final String TOKEN = "nomad-test-token-5d1c9e";

  private NomadKit() {}

  /**
   * Library loggers at WARN, as the orchestrator sets them: HttpClient's debug output (headers and
   * wire dumps) slows the tests and would show the test token.
   */
  static void quietLibraryLogs() {
    for (String library :
        new String[] {"org.apache.http", "com.hashicorp", "wiremock", "org.eclipse.jetty"}) {
      ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger(library)).setLevel(Level.WARN);
    }
  }

  static NomadTarget target(NomadDouble nomad) {
    return new NomadTarget(nomad.url(), TOKEN, "", "default", "");
  }

  static RunControl control(Duration timeout) {
    return RunControl.start(Clock.systemUTC(), timeout);
  }

  /**
   * A run on a clock that stands still except while the run pauses between attempts, which moves it
   * instead of sleeping: retry schedules and retry windows come out exact.
   */
  static RunControl controlOnTestClock(Duration timeout) {
    TestClock clock = new TestClock(Instant.parse("2026-01-05T10:00:00Z"));
    return RunControl.start(clock, timeout, clock::advance);
  }

  static Span span(String name) {
    return Trace.start(Clock.systemUTC(), "test", "", "").open(name);
  }

  static NomadScheduler scheduler(NomadDouble nomad, NomadSettings settings, RunControl control) {
    return NomadScheduler.open(target(nomad), settings, control, new DeploymentLog(), null);
  }

  /**
   * Advances the double each time a blocking query to the next of {@code whenHeld} is being held
   * ({@link NomadDriver}).
   */
  static NomadDriver drive(NomadDouble nomad, NomadEndpoint... whenHeld) {
    return NomadDriver.start(nomad, whenHeld);
  }
}
