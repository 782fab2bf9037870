package io.dispatch.lifecycle.nomad;

import static io.dispatch.lifecycle.nomad.NomadKit.FAST;
import static io.dispatch.lifecycle.nomad.NomadKit.drive;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dispatch.lifecycle.jobspec.JobRequest;
import io.dispatch.lifecycle.jobspec.JobRequests;
import io.dispatch.lifecycle.params.UpdatePolicy;
import io.dispatch.lifecycle.ports.RegisteredJob;
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
import java.util.List;
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
      RegisteredJob registration = scheduler.register(Requests.minimal("web-app"), span);
      drive(nomad, NomadEndpoint.EVALUATION);

      assertThatThrownBy(() -> scheduler.awaitHealthy(registration, span))
          .isInstanceOf(DeadlineExceededException.class)
          .hasMessage("timed out after 1.5s");
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
      RegisteredJob registration = scheduler.register(Requests.minimal("web-app"), span);
      drive(nomad, NomadEndpoint.EVALUATION);

      assertThatThrownBy(() -> scheduler.awaitHealthy(registration, span))
          .isInstanceOf(DeadlineExceededException.class);
    }
    List<NomadRequest> reads = nomad.requests(NomadEndpoint.DEPLOYMENT);
    List<NomadRequest> blocking = reads.subList(2, reads.size());
    // Each is held for its whole 200 ms wait, so a 2 s run has room for at most 10; polling would
    // make hundreds.
    assertThat(blocking).hasSizeBetween(1, 10);
    assertThat(blocking).allMatch(r -> r.param("index").equals("1214"));
    assertThat(blocking).allMatch(r -> r.param("wait").matches("\\d+ms"));
  }

  /** Blocking queries of 30 s, none of which Nomad answers before the end of the test. */
  private static final NomadSettings LONG_WAITS =
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

  @Test
  void cancellingWhileABlockingQueryIsHeldReturnsWithoutWaitingForNomadsAnswer() {
    nomad.scenario(NomadScenario.NEVER_FINISHES);
    try (RunControl control = NomadKit.control(Duration.ofSeconds(60));
        NomadScheduler scheduler = NomadKit.scheduler(nomad, LONG_WAITS, control)) {
      RegisteredJob registration = scheduler.register(Requests.minimal("web-app"), span);
      drive(nomad, NomadEndpoint.EVALUATION);
      Thread canceller =
          new Thread(
              () -> {
                if (nomad.awaitHeld(NomadEndpoint.DEPLOYMENT, Duration.ofSeconds(10))) {
                  control.cancel();
                }
              });
      canceller.setDaemon(true);
      canceller.start();

      assertThatThrownBy(() -> scheduler.awaitHealthy(registration, span))
          .isInstanceOf(CancelledException.class);
      assertThat(nomad.isHeld(NomadEndpoint.DEPLOYMENT))
          .as("the 30 s query Nomad still holds, which the cancelled run did not wait for")
          .isTrue();
    }
  }

  /**
   * The held query's answer ends the wait: Nomad turns the deployment successful while a 30 s
   * blocking query is held, and that answer is the last read. How fast the process reacts is
   * measured by {@code bench/deploy-image.sh}.
   */
  @Test
  void awaitHealthyReturnsOnTheAnswerToTheHeldQuery() {
    nomad.scenario(NomadScenario.SUCCESSFUL);
    try (RunControl control = NomadKit.control(Duration.ofSeconds(60));
        NomadScheduler scheduler = NomadKit.scheduler(nomad, LONG_WAITS, control)) {
      RegisteredJob registration = scheduler.register(Requests.minimal("web-app"), span);
      drive(nomad, NomadEndpoint.EVALUATION, NomadEndpoint.DEPLOYMENT);

      assertThat(scheduler.awaitHealthy(registration, span)).isEqualTo("v3: 2/2 healthy");
    }
    List<NomadRequest> reads = nomad.requests(NomadEndpoint.DEPLOYMENT);
    assertThat(reads.get(reads.size() - 1).param("wait")).isEqualTo("30000ms");
    assertThat(nomad.stepsLeft()).isZero();
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
      RegisteredJob registration = scheduler.register(request, span);
      drive(nomad, NomadEndpoint.EVALUATION);

      assertThatThrownBy(() -> scheduler.awaitHealthy(registration, span))
          .isInstanceOf(StepFailedException.class)
          .hasMessageMatching(
              "deployment a7c3e9f1 \\(v3\\) made no progress for [0-9.]+m?s \\(1/2 healthy;"
                  + " Deployment is running\\)");
    }
  }
}
