package io.dispatch.lifecycle.nomad;

import static io.dispatch.lifecycle.nomad.NomadKit.FAST;
import static io.dispatch.lifecycle.nomad.NomadKit.drive;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dispatch.lifecycle.jobspec.JobRequest;
import io.dispatch.lifecycle.jobspec.JobRequests;
import io.dispatch.lifecycle.params.UpdatePolicy;
import io.dispatch.lifecycle.ports.RegisteredJob;
import io.dispatch.lifecycle.run.RunControl;
import io.dispatch.lifecycle.run.StepFailedException;
import io.dispatch.lifecycle.trace.Span;
import io.dispatch.testdata.LogCapture;
import io.dispatch.testdata.NomadDouble;
import io.dispatch.testdata.NomadEndpoint;
import io.dispatch.testdata.NomadScenario;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** healthCheck of canary rollouts: placement, promotion, the rest of the rollout, failure. */
class NomadCanaryTest {

  private static NomadDouble nomad;
  private RunControl control;
  private NomadScheduler scheduler;
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

  @BeforeEach
  void connect() {
    control = NomadKit.control(Duration.ofSeconds(20));
    scheduler = NomadKit.scheduler(nomad, FAST, control);
  }

  @AfterEach
  void disconnect() {
    scheduler.close();
    control.close();
    Thread.interrupted();
  }

  @Test
  void theDefaultRolloutIsFollowedThroughItsCanaryAndAutomaticPromotionToSuccess() {
    nomad.scenario(NomadScenario.CANARY_PROMOTED_AUTOMATICALLY);
    try (LogCapture logs = LogCapture.of("dispatch")) {
      RegisteredJob registration = scheduler.register(JobRequests.minimal("web-app"), span);
      drive(
          nomad,
          NomadEndpoint.EVALUATION,
          NomadEndpoint.DEPLOYMENT,
          NomadEndpoint.DEPLOYMENT,
          NomadEndpoint.DEPLOYMENT);

      String healthy = scheduler.awaitHealthy(registration, span);

      assertThat(healthy).isEqualTo("v7: 2/2 healthy, 1 canary promoted");
      assertThat(logs.messages())
          .contains(
              "  deployment c1b2a394: 0/2 healthy, 1 canary",
              "  deployment c1b2a394: 1/2 healthy, 1 canary",
              "  deployment c1b2a394: 1/2 healthy, 1 canary promoted",
              "  deployment c1b2a394: successful, 2/2 healthy, 1 canary promoted");
    }
    assertThat(span.attributes().get("deployment.history"))
        .isEqualTo("running 0/2 → running 1/2 → running 1/2 → successful 2/2");
  }

  @Test
  void aCanaryThatFailsIsReportedWithItsEventsAndTheRollbackThatKeptTheOldVersion() {
    nomad.scenario(NomadScenario.CANARY_UNHEALTHY);
    RegisteredJob registration = scheduler.register(JobRequests.minimal("web-app"), span);
    drive(
        nomad,
        NomadEndpoint.EVALUATION,
        NomadEndpoint.DEPLOYMENT,
        NomadEndpoint.LATEST_DEPLOYMENT,
        NomadEndpoint.DEPLOYMENT);

    assertThatThrownBy(() -> scheduler.awaitHealthy(registration, span))
        .isInstanceOf(StepFailedException.class)
        .hasMessageStartingWith(
            "deployment c1b2a394 (v7) failed: Failed due to unhealthy allocations;"
                + " web-app.web[0] (failed): Failed to pull")
        .hasMessageEndingWith("; rolled back to v6 (running as v8): successful");
    assertThat(span.attributes())
        .containsEntry("rollback.to_version", "6")
        .containsEntry("rollback.job.version", "8");
  }

  @Test
  void aCanaryWaitingForAManualPromotionIsFollowedWhenSomeonePromotesIt() {
    nomad.scenario(NomadScenario.CANARY_AWAITING_PROMOTION);
    JobRequest request = manualPromotion();
    RegisteredJob registration = scheduler.register(request, span);
    drive(nomad, NomadEndpoint.EVALUATION, NomadEndpoint.DEPLOYMENT, NomadEndpoint.DEPLOYMENT);

    assertThat(scheduler.awaitHealthy(registration, span))
        .isEqualTo("v7: 2/2 healthy, 1 canary promoted");
  }

  @Test
  void aCanaryNobodyPromotesIsReportedWithThePromoteCommand() {
    nomad.scenario(NomadScenario.CANARY_AWAITING_PROMOTION);
    try (NomadScheduler quick =
        NomadKit.scheduler(nomad, NomadKit.withStallGrace(Duration.ofMillis(100)), control)) {
      RegisteredJob registration = quick.register(manualPromotion(), span);
      drive(nomad, NomadEndpoint.EVALUATION);

      assertThatThrownBy(() -> quick.awaitHealthy(registration, span))
          .isInstanceOf(StepFailedException.class)
          .hasMessageMatching(
              "deployment c1b2a394 \\(v7\\) waited [0-9.]+m?s for a manual promotion of its"
                  + " canaries \\(1/2 healthy, 1 canary awaiting promotion\\): promote it with"
                  + " 'nomad deployment promote "
                  + NomadScenario.Ids.F_DEPLOYMENT
                  + "' or set update.autoPromote");
    }
  }

  /** One canary, promoted by hand, with deadlines short enough for a test. */
  private static JobRequest manualPromotion() {
    return JobRequests.builder("web-app")
        .update(
            new UpdatePolicy(
                1,
                Duration.ofMillis(10),
                Duration.ofMillis(100),
                Duration.ofMillis(300),
                true,
                false,
                1))
        .build();
  }
}
