package io.dispatch.lifecycle.nomad;

import ch.qos.logback.classic.Level;
import io.dispatch.lifecycle.params.NomadTarget;
import io.dispatch.lifecycle.run.DeploymentLog;
import io.dispatch.lifecycle.run.RunControl;
import io.dispatch.lifecycle.trace.Span;
import io.dispatch.lifecycle.trace.Trace;
import io.dispatch.testdata.NomadDouble;
import io.dispatch.testdata.NomadEndpoint;
import io.dispatch.testdata.TestClock;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
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
   * Advances the double, on another thread, each time a blocking query to the next of {@code
   * whenHeld} is being held: "Nomad changes its mind while the client is waiting". Before each
   * advance it waits for a request to that endpoint made after the previous advance, so that the
   * client sees every state in turn.
   */
  static Driver drive(NomadDouble nomad, NomadEndpoint... whenHeld) {
    Driver driver = new Driver();
    Thread thread =
        new Thread(
            () -> {
              java.util.Map<NomadEndpoint, Integer> seen =
                  new java.util.EnumMap<>(NomadEndpoint.class);
              try {
                for (NomadEndpoint endpoint : whenHeld) {
                  int before = seen.getOrDefault(endpoint, 0);
                  if (!awaitRequest(nomad, endpoint, before)
                      || !nomad.awaitHeld(endpoint, Duration.ofSeconds(5))) {
                    driver.problem = "no blocking query to " + endpoint + " was held";
                    return;
                  }
                  seen.put(endpoint, nomad.requests(endpoint).size());
                  long at = System.nanoTime();
                  nomad.advance();
                  synchronized (driver.advancedAt) {
                    driver.advancedAt.add(at);
                  }
                }
              } finally {
                driver.done.countDown();
              }
            },
            "nomad-driver");
    thread.setDaemon(true);
    thread.start();
    return driver;
  }

  /** Waits up to 5 s until {@code endpoint} has had more than {@code count} requests. */
  private static boolean awaitRequest(NomadDouble nomad, NomadEndpoint endpoint, int count) {
    for (int i = 0; i < 1000; i++) {
      if (nomad.requests(endpoint).size() > count) {
        return true;
      }
      try {
        Thread.sleep(5);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
    }
    return false;
  }

  /** The advancing thread's record. */
  static final class Driver {
    final List<Long> advancedAt = new ArrayList<>();
    final CountDownLatch done = new CountDownLatch(1);
    volatile String problem;

    /** The nano time of the last advance, once the driver is done. */
    long lastAdvance() throws InterruptedException {
      if (!done.await(5, TimeUnit.SECONDS)) {
        throw new AssertionError("driver did not finish");
      }
      if (problem != null) {
        throw new AssertionError(problem);
      }
      synchronized (advancedAt) {
        return advancedAt.get(advancedAt.size() - 1);
      }
    }
  }
}
