package io.dispatch.lifecycle.nomad;

import static io.dispatch.lifecycle.nomad.NomadKit.FAST;
import static io.dispatch.lifecycle.nomad.NomadKit.drive;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dispatch.lifecycle.jobspec.JobRequest;
import io.dispatch.lifecycle.jobspec.JobRequests;
import io.dispatch.lifecycle.params.UpdatePolicy;
import io.dispatch.lifecycle.run.CancelledException;
import io.dispatch.lifecycle.run.DeadlineExceededException;
import io.dispatch.lifecycle.run.RunControl;
import io.dispatch.lifecycle.run.StepFailedException;
import io.dispatch.lifecycle.trace.Span;
import io.dispatch.testdata.NomadDouble;
import io.dispatch.testdata.NomadEndpoint;
import io.dispatch.testdata.NomadRequest;
import io.dispatch.testdata.NomadScenario;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** How waiting ends: the run's deadline, a cancel, or Nomad's answer, and how fast. */
class NomadWaitingTest {

  private static NomadDouble nomad;
  private final Span span = NomadKit.span("healthCheck");

  @BeforeAll
  static void startNomad() {
    NomadKit.quietLibraryLogs();
    nomad = NomadDouble.start();
  }

  @AfterAll
  static void stopNomad() {
    nomad.close();
  }

  @AfterEach
  void clearInterrupt() {
    Thread.interrupted();
  }

  @Test
  void neverFinishingDeploymentEndsWithDeadlineExceededWhenTheRunTimesOut() {
    nomad.scenario(NomadScenario.NEVER_FINISHES);
    try (RunControl control = NomadKit.control(Duration.ofMillis(1500));
        NomadScheduler scheduler = NomadKit.scheduler(nomad, FAST, control)) {
      Registration registration = scheduler.register(Requests.minimal("web-app"), span);
      drive(nomad, NomadEndpoint.EVALUATION);

      assertThatThrownBy(() -> scheduler.awaitHealthy(registration, span))
          .isInstanceOf(DeadlineExceededException.class)
          .hasMessage("timed out after 1.5s");
      Duration late = Duration.between(control.deadline(), control.clock().instant());
      assertThat(late).isLessThan(Duration.ofMillis(500));
    }
  }

  @Test
  void waitingForAnUnchangingDeploymentHoldsEachQueryInsteadOfPolling() {
    NomadSettings shortWaits =
        new NomadSettings(
            FAST.connectTimeout(),
            Duration.ofMillis(200),
            FAST.retryWindow(),
            FAST.firstRetryDelay(),
            FAST.maxRetryDelay(),
            FAST.idleBackoff(),
            FAST.evaluationTimeout(),
            FAST.deploymentAppearTimeout(),
            FAST.revertTimeout(),
            FAST.stallGrace());
    nomad.scenario(NomadScenario.NEVER_FINISHES);
    try (RunControl control = NomadKit.control(Duration.ofSeconds(2));
        NomadScheduler scheduler = NomadKit.scheduler(nomad, shortWaits, control)) {
      Registration registration = scheduler.register(Requests.minimal("web-app"), span);
      drive(nomad, NomadEndpoint.EVALUATION);

      assertThatThrownBy(() -> scheduler.awaitHealthy(registration, span))
          .isInstanceOf(DeadlineExceededException.class);
    }
    List<NomadRequest> reads = nomad.requests(NomadEndpoint.DEPLOYMENT);
    List<NomadRequest> blocking = reads.subList(2, reads.size());
    assertThat(blocking).hasSizeBetween(3, 10);
    assertThat(blocking).allMatch(r -> r.param("index").equals("1214"));
    assertThat(blocking).allMatch(r -> r.param("wait").matches("\\d+ms"));
  }

  @Test
  void cancellingWhileABlockingQueryIsHeldReturnsWithinASecond() {
    NomadSettings longWaits =
        new NomadSettings(
            FAST.connectTimeout(),
            Duration.ofSeconds(30),
            FAST.retryWindow(),
            FAST.firstRetryDelay(),
            FAST.maxRetryDelay(),
            FAST.idleBackoff(),
            FAST.evaluationTimeout(),
            FAST.deploymentAppearTimeout(),
            FAST.revertTimeout(),
            FAST.stallGrace());
    nomad.scenario(NomadScenario.NEVER_FINISHES);
    AtomicLong cancelledAt = new AtomicLong();
    try (RunControl control = NomadKit.control(Duration.ofSeconds(20));
        NomadScheduler scheduler = NomadKit.scheduler(nomad, longWaits, control)) {
      Registration registration = scheduler.register(Requests.minimal("web-app"), span);
      drive(nomad, NomadEndpoint.EVALUATION);
      Thread canceller =
          new Thread(
              () -> {
                if (nomad.awaitHeld(NomadEndpoint.DEPLOYMENT, Duration.ofSeconds(5))) {
                  cancelledAt.set(System.nanoTime());
                  control.cancel();
                }
              });
      canceller.setDaemon(true);
      canceller.start();

      assertThatThrownBy(() -> scheduler.awaitHealthy(registration, span))
          .isInstanceOf(CancelledException.class);
      long returnedAt = System.nanoTime();
      assertThat(cancelledAt.get()).isPositive();
      assertThat(Duration.ofNanos(returnedAt - cancelledAt.get()))
          .isLessThan(Duration.ofSeconds(1));
    }
  }

  /**
   * Reaction time: from the double turning the deployment successful while our blocking query is
   * held, to {@code awaitHealthy} returning. The target is 100 ms; measured here it is a few ms.
   */
  @Test
  void awaitHealthyReturnsWithinMillisecondsOfNomadTurningSuccessful() throws Exception {
    List<Long> micros = new ArrayList<>();
    for (int i = 0; i < 15; i++) {
      nomad.scenario(NomadScenario.SUCCESSFUL);
      try (RunControl control = NomadKit.control(Duration.ofSeconds(20));
          NomadScheduler scheduler = NomadKit.scheduler(nomad, FAST, control)) {
        Registration registration = scheduler.register(Requests.minimal("web-app"), span);
        NomadKit.Driver driver = drive(nomad, NomadEndpoint.EVALUATION, NomadEndpoint.DEPLOYMENT);

        assertThat(scheduler.awaitHealthy(registration, span)).isEqualTo("v3: 2/2 healthy");
        long returnedAt = System.nanoTime();
        micros.add((returnedAt - driver.lastAdvance()) / 1000);
      }
    }
    List<Long> sorted = new ArrayList<>(micros);
    Collections.sort(sorted);
    long median = sorted.get(sorted.size() / 2);
    long max = sorted.get(sorted.size() - 1);
    System.out.printf(
        "reaction time, double successful -> awaitHealthy returned: median %.1f ms, max %.1f ms,"
            + " all %s µs%n",
        median / 1000.0, max / 1000.0, micros);
    assertThat(median).isLessThan(100_000);
    assertThat(max).isLessThan(500_000);
  }

  @Test
  void deploymentWithoutProgressPastItsProgressDeadlineFailsOnOurOwnBound() {
    NomadSettings shortGrace =
        new NomadSettings(
            FAST.connectTimeout(),
            Duration.ofMillis(200),
            FAST.retryWindow(),
            FAST.firstRetryDelay(),
            FAST.maxRetryDelay(),
            FAST.idleBackoff(),
            FAST.evaluationTimeout(),
            FAST.deploymentAppearTimeout(),
            FAST.revertTimeout(),
            Duration.ofMillis(100));
    UpdatePolicy quick =
        new UpdatePolicy(
            1,
            Duration.ofMillis(10),
            Duration.ofMillis(100),
            Duration.ofMillis(300),
            true,
            false,
            0);
    JobRequest request = JobRequests.builder("web-app").update(quick).runId("run-1").build();
    nomad.scenario(NomadScenario.NEVER_FINISHES);
    try (RunControl control = NomadKit.control(Duration.ofSeconds(10));
        NomadScheduler scheduler = NomadKit.scheduler(nomad, shortGrace, control)) {
      Registration registration = scheduler.register(request, span);
      drive(nomad, NomadEndpoint.EVALUATION);

      assertThatThrownBy(() -> scheduler.awaitHealthy(registration, span))
          .isInstanceOf(StepFailedException.class)
          .hasMessageMatching(
              "deployment a7c3e9f1 \\(v3\\) made no progress for [0-9.]+m?s \\(1/2 healthy;"
                  + " Deployment is running\\)");
    }
  }
}
