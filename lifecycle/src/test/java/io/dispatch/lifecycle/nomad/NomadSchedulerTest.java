package io.dispatch.lifecycle.nomad;

import static io.dispatch.lifecycle.nomad.NomadKit.FAST;
import static io.dispatch.lifecycle.nomad.NomadKit.drive;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.dispatch.lifecycle.ports.RegisteredJob;
import io.dispatch.lifecycle.run.DeploymentLog;
import io.dispatch.lifecycle.run.RunControl;
import io.dispatch.lifecycle.run.StepFailedException;
import io.dispatch.lifecycle.trace.Span;
import io.dispatch.lifecycle.trace.Trace;
import io.dispatch.testdata.LogCapture;
import io.dispatch.testdata.NomadDouble;
import io.dispatch.testdata.NomadEndpoint;
import io.dispatch.testdata.NomadRequest;
import io.dispatch.testdata.NomadScenario;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** healthCheck against the Nomad double: each scenario's exit path and message. */
class NomadSchedulerTest {

  private static final String BAD_IMAGE_EVENTS =
      "web-app.web[0] (failed): Failed to pull `ghcr.io/acme/web-app:1.5.0`: Error response from"
          + " daemon: manifest for ghcr.io/acme/web-app:1.5.0 not found: manifest unknown: manifest"
          + " unknown | Exceeded allowed attempts 2 in interval 30m0s and mode is \"fail\" |"
          + " Unhealthy because of failed task";

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
  void successfulRolloutReturnsHealthyCountsAsSoonAsNomadSaysSuccessful() {
    nomad.scenario(NomadScenario.SUCCESSFUL);
    try (LogCapture logs = LogCapture.of("dispatch")) {
      RegisteredJob registration = scheduler.register(Requests.minimal("web-app"), span);
      drive(nomad, NomadEndpoint.EVALUATION, NomadEndpoint.DEPLOYMENT);

      String healthy = scheduler.awaitHealthy(registration, span);

      assertThat(healthy).isEqualTo("v3: 2/2 healthy");
      assertThat(logs.messages())
          .contains(
              "  evaluation 5b9d2c1e: complete",
              "  deployment a7c3e9f1: 1/2 healthy",
              "  deployment a7c3e9f1: successful, 2/2 healthy");
    }
    assertThat(span.attributes())
        .containsEntry("eval.id", NomadScenario.Ids.A_EVAL)
        .containsEntry("job.version", "3")
        .containsEntry("deployment.id", NomadScenario.Ids.A_DEPLOYMENT)
        .containsEntry("deployment.history", "running 1/2 → successful 2/2");
  }

  @Test
  void evaluationAndDeploymentAreFollowedWithBlockingQueriesNotPolling() {
    nomad.scenario(NomadScenario.SUCCESSFUL);
    RegisteredJob registration = scheduler.register(Requests.minimal("web-app"), span);
    drive(nomad, NomadEndpoint.EVALUATION, NomadEndpoint.DEPLOYMENT);

    scheduler.awaitHealthy(registration, span);

    List<NomadRequest> evals = nomad.requests(NomadEndpoint.EVALUATION);
    assertThat(evals).extracting(r -> r.param("index")).containsExactly("", "1205");
    assertThat(evals.get(1).param("wait")).isEqualTo("1000ms");
    List<NomadRequest> deployments = nomad.requests(NomadEndpoint.DEPLOYMENT);
    assertThat(deployments).extracting(r -> r.param("index")).containsExactly("", "", "1214");
    assertThat(deployments.get(2).param("wait")).isEqualTo("1000ms");
    assertThat(nomad.requests()).hasSize(7);
    assertThat(nomad.requests()).allMatch(r -> r.token().equals(NomadKit.TOKEN));
  }

  @Test
  void unhealthyAllocationsFailWithTheDescriptionAndTheirLastTaskEvents() {
    nomad.scenario(NomadScenario.FAILED_UNHEALTHY);
    RegisteredJob registration = scheduler.register(Requests.minimal("web-app"), span);
    drive(nomad, NomadEndpoint.EVALUATION, NomadEndpoint.DEPLOYMENT);

    assertThatThrownBy(() -> scheduler.awaitHealthy(registration, span))
        .isInstanceOf(StepFailedException.class)
        .hasMessage(
            "deployment d41f0e2a (v4) failed: Failed due to unhealthy allocations; "
                + BAD_IMAGE_EVENTS);
  }

  @Test
  void progressDeadlineFailsWithNomadsReason() {
    nomad.scenario(NomadScenario.PROGRESS_DEADLINE);
    RegisteredJob registration = scheduler.register(Requests.minimal("web-app"), span);
    drive(nomad, NomadEndpoint.EVALUATION, NomadEndpoint.DEPLOYMENT);

    assertThatThrownBy(() -> scheduler.awaitHealthy(registration, span))
        .hasMessage(
            "deployment d41f0e2a (v4) failed: Failed due to progress deadline; "
                + BAD_IMAGE_EVENTS);
  }

  @Test
  void autoRevertIsFollowedToTheRollbackDeploymentsOutcome() {
    nomad.scenario(NomadScenario.AUTO_REVERT);
    RegisteredJob registration = scheduler.register(Requests.minimal("web-app"), span);
    drive(
        nomad,
        NomadEndpoint.EVALUATION,
        NomadEndpoint.DEPLOYMENT,
        NomadEndpoint.LATEST_DEPLOYMENT,
        NomadEndpoint.DEPLOYMENT);

    assertThatThrownBy(() -> scheduler.awaitHealthy(registration, span))
        .hasMessage(
            "deployment d41f0e2a (v4) failed: Failed due to progress deadline; "
                + BAD_IMAGE_EVENTS
                + "; rolled back to v3 (running as v5): successful");
    assertThat(span.attributes())
        .containsEntry("rollback.to_version", "3")
        .containsEntry("rollback.deployment.id", NomadScenario.Ids.REVERT_DEPLOYMENT)
        .containsEntry("rollback.history", "running 0/2 → successful 1/2");
  }

  @Test
  void placementFailureEndsTheStepAtOnceWithNomadsReasonsLikeTheCli() {
    nomad.scenario(NomadScenario.PLACEMENT_FAILURE);
    RegisteredJob registration = scheduler.register(Requests.minimal("web-app"), span);
    drive(nomad, NomadEndpoint.EVALUATION);

    assertThatThrownBy(() -> scheduler.awaitHealthy(registration, span))
        .hasMessage(
            "Nomad cannot place job web-app v6: task group \"web\" (failed to place 2"
                + " allocations): * Resources exhausted on 2 nodes, * Dimension \"memory\""
                + " exhausted on 2 nodes; evaluation \"3c4d5e6f\" waiting for additional capacity"
                + " to place the remainder");
    assertThat(nomad.requests(NomadEndpoint.DEPLOYMENT)).isEmpty();
  }

  @Test
  void deploymentCancelledByANewerVersionIsReportedAsSuperseded() {
    nomad.scenario(NomadScenario.SUPERSEDED);
    RegisteredJob registration = scheduler.register(Requests.minimal("web-app"), span);
    drive(nomad, NomadEndpoint.EVALUATION, NomadEndpoint.DEPLOYMENT);

    assertThatThrownBy(() -> scheduler.awaitHealthy(registration, span))
        .hasMessage(
            "deployment c1b2a394 (v7) was superseded by a newer version of the job (Cancelled due"
                + " to newer version of job)");
  }

  @Test
  void registerReadsBackTheVersionNomadStored() {
    nomad.scenario(NomadScenario.FAILED_UNHEALTHY);

    RegisteredJob registration = scheduler.register(Requests.minimal("web-app"), span);

    assertThat(registration.evalId()).isEqualTo(NomadScenario.Ids.B_EVAL);
    assertThat(registration.jobModifyIndex()).isEqualTo(1305);
    assertThat(registration.jobVersion()).isEqualTo(4);
    assertThat(span.attributes())
        .containsEntry("job.version", "4")
        .containsEntry("job.modify_index", "1305")
        .containsEntry("eval.id", NomadScenario.Ids.B_EVAL);
  }

  @Test
  void registerEvaluationAndDeploymentChangesAreChildSpansOfTheirSteps() {
    nomad.scenario(NomadScenario.SUCCESSFUL);
    Trace trace = Trace.start(Clock.systemUTC(), "run", "", "");
    try (NomadScheduler traced =
        NomadScheduler.open(NomadKit.target(nomad), FAST, control, new DeploymentLog(), trace)) {
      Span deploy = trace.open("deploy");
      RegisteredJob registration = traced.register(Requests.minimal("web-app"), deploy);
      trace.close(deploy, Span.Status.COMPLETED, "");
      Span health = trace.open("healthCheck");
      drive(nomad, NomadEndpoint.EVALUATION, NomadEndpoint.DEPLOYMENT);
      traced.awaitHealthy(registration, health);
      trace.close(health, Span.Status.COMPLETED, "");

      assertThat(deploy.children()).extracting(Span::name).containsExactly("nomad.register");
      assertThat(health.children())
          .extracting(Span::name, s -> s.attributes().get("summary"))
          .containsExactly(
              tuple("nomad.evaluation", "5b9d2c1e complete"),
              tuple("nomad.deployment", "a7c3e9f1 v3 running 1/2 healthy"),
              tuple("nomad.deployment", "a7c3e9f1 v3 successful 2/2 healthy"));
    }
  }

  @Test
  void deploymentThatDisappearsEndsTheStepWithNomadsAnswer() {
    nomad
        .scenario(NomadScenario.SUCCESSFUL)
        .failAlways(NomadEndpoint.DEPLOYMENT, 404, "deployment not found");
    RegisteredJob registration = scheduler.register(Requests.minimal("web-app"), span);
    drive(nomad, NomadEndpoint.EVALUATION);

    assertThatThrownBy(() -> scheduler.awaitHealthy(registration, span))
        .isInstanceOf(StepFailedException.class)
        .hasMessage("could not follow job web-app v3 on Nomad: 404 deployment not found");
  }

  @Test
  void evaluationWithoutDeploymentIsFollowedByTheJobsLatestDeploymentOfThatVersion() {
    nomad.scenario(NomadScenario.EVAL_WITHOUT_DEPLOYMENT);
    RegisteredJob registration = scheduler.register(Requests.minimal("web-app"), span);
    drive(
        nomad, NomadEndpoint.EVALUATION, NomadEndpoint.LATEST_DEPLOYMENT, NomadEndpoint.DEPLOYMENT);

    assertThat(scheduler.awaitHealthy(registration, span)).isEqualTo("v3: 2/2 healthy");
    assertThat(nomad.requests(NomadEndpoint.LATEST_DEPLOYMENT))
        .extracting(r -> r.param("index"))
        .containsExactly("", "1208");
  }
}
