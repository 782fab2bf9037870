package io.dispatch.lifecycle.nomad;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.dispatch.lifecycle.nomad.NomadKit.FAST;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dispatch.lifecycle.jobspec.JobRequest;
import io.dispatch.lifecycle.jobspec.JobRequests;
import io.dispatch.lifecycle.jobspec.JobSpec;
import io.dispatch.lifecycle.params.NomadTarget;
import io.dispatch.lifecycle.ports.RegisteredJob;
import io.dispatch.lifecycle.run.DeploymentLog;
import io.dispatch.lifecycle.run.RunControl;
import io.dispatch.lifecycle.run.StepFailedException;
import io.dispatch.lifecycle.trace.Span;
import io.dispatch.testdata.LogCapture;
import io.dispatch.testdata.NomadDouble;
import io.dispatch.testdata.NomadEndpoint;
import io.dispatch.testdata.NomadScenario;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** register: what is sent, and which failures are retried. */
class NomadRegisterTest {

  private static final String VALIDATION_ERROR =
      "1 error occurred:\n\t* Task group web validation failed: 1 error occurred:\n"
          + "\t* Minimum healthy time must be less than healthy deadline: 5m0s > 3m0s\n\n\n\n";

  private static NomadDouble nomad;
  private RunControl control;
  private final Span span = NomadKit.span("deploy");

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
  void startRun() {
    control = NomadKit.control(Duration.ofSeconds(20));
  }

  @AfterEach
  void endRun() {
    control.close();
    Thread.interrupted();
  }

  @Test
  void registerSendsTheJobVerbatimWithTokenNamespaceAndRegion() {
    nomad.scenario(NomadScenario.SUCCESSFUL);
    NomadTarget target = new NomadTarget(nomad.url(), NomadKit.TOKEN, "eu", "apps", "");
    JobRequest request =
        JobRequests.builder("web-app")
            .namespaceAndRegion("apps", "eu")
            .runtime(JobRequests.everythingRuntime())
            .project("prj_456")
            .startCommand("run")
            .build();

    try (NomadScheduler scheduler =
        NomadScheduler.open(target, FAST, control, new DeploymentLog(), null)) {
      scheduler.register(request, span);
    }

    assertThat(nomad.lastRegisterBody().toString())
        .isEqualTo(JobSpec.registerBody(request).toString());
    assertThat(nomad.lastRegisteredJob().get("Namespace").asText()).isEqualTo("apps");
    assertThat(nomad.lastRegisteredJob().get("Region").asText()).isEqualTo("eu");
    nomad
        .server()
        .verify(
            putRequestedFor(urlPathEqualTo("/v1/jobs"))
                .withHeader("X-Nomad-Token", equalTo(NomadKit.TOKEN))
                .withQueryParam("namespace", equalTo("apps"))
                .withQueryParam("region", equalTo("eu")));
  }

  @Test
  void aJobWithAKeyNomadDoesNotKnowIsRefusedByTheStrictDouble() {
    nomad.scenario(NomadScenario.SUCCESSFUL);
    ObjectNode body = JobSpec.registerBody(Requests.minimal("web-app"));
    ((ObjectNode) body.get("Job")).put("NodePol", "minions");

    assertThatThrownBy(() -> putJob(body))
        .isInstanceOf(NomadApiException.class)
        .hasMessage(
            "400 job does not fit Nomad's job API: $.Job.NodePol: Nomad's Job has no such field");
  }

  @Test
  void registerWhenNomadReturns500RetriesThenSucceeds() {
    nomad.scenario(NomadScenario.REGISTER_500_THEN_SUCCESS);

    RegisteredJob registration = register();

    assertThat(registration.evalId()).isEqualTo(NomadScenario.Ids.A_EVAL);
    assertThat(registration.jobVersion()).isEqualTo(3);
    assertThat(nomad.requests(NomadEndpoint.REGISTER)).hasSize(2);
  }

  @Test
  void registerWhenTheConnectionIsResetRetriesThenSucceeds() {
    nomad.scenario(NomadScenario.SUCCESSFUL).resetNext(NomadEndpoint.REGISTER, 1);

    RegisteredJob registration = register();

    assertThat(registration.evalId()).isEqualTo(NomadScenario.Ids.A_EVAL);
    assertThat(nomad.requests(NomadEndpoint.REGISTER)).hasSize(2);
  }

  @Test
  void registerWhenNomadIsNotListeningYetRetriesUntilItIs() throws Exception {
    int port = freePort();
    CompletableFuture<NomadDouble> late =
        CompletableFuture.supplyAsync(
            () -> {
              sleep(300);
              return NomadDouble.startOn(port, NomadScenario.SUCCESSFUL);
            });
    NomadTarget target = new NomadTarget("http://127.0.0.1:" + port, NomadKit.TOKEN, "", "", "");
    try (NomadScheduler scheduler =
        NomadScheduler.open(target, FAST, control, new DeploymentLog(), null)) {

      RegisteredJob registration = scheduler.register(Requests.minimal("web-app"), span);

      assertThat(registration.jobVersion()).isEqualTo(3);
    } finally {
      late.get(5, TimeUnit.SECONDS).close();
    }
  }

  @Test
  void registerWhenNomadRejectsTheJobFailsAtOnceWithNomadsMessage() {
    nomad.scenario(NomadScenario.REGISTER_400_INVALID_JOB);

    assertThatThrownBy(this::register)
        .isInstanceOf(StepFailedException.class)
        .hasMessage("Nomad rejected job web-app: 400 Job must be specified");
    assertThat(nomad.requests(NomadEndpoint.REGISTER)).hasSize(1);
  }

  @Test
  void registerWhenTheJobIsInvalidReportsNomadsValidationErrorWithoutRetrying() {
    nomad
        .scenario(NomadScenario.SUCCESSFUL)
        .failAlways(NomadEndpoint.REGISTER, 500, VALIDATION_ERROR);

    assertThatThrownBy(this::register)
        .hasMessage(
            "Nomad rejected job web-app: 500 Task group web validation failed: Minimum healthy time"
                + " must be less than healthy deadline: 5m0s > 3m0s");
    assertThat(nomad.requests(NomadEndpoint.REGISTER)).hasSize(1);
  }

  /**
   * The retry schedule on a clock that only the pauses move: 20, 40, 80, 160, 200 ms (the maximum
   * delay) apart, and no pause that would end past the 600 ms window.
   */
  @Test
  void registerWhenNomadIsUnreachableGivesUpAfterTheRetryWindow() throws IOException {
    int port = freePort();
    NomadTarget target = new NomadTarget("http://127.0.0.1:" + port, NomadKit.TOKEN, "", "", "");
    try (RunControl onTestClock = NomadKit.controlOnTestClock(Duration.ofSeconds(20));
        NomadScheduler scheduler =
            NomadScheduler.open(
                target, NomadKit.GIVE_UP_SOON, onTestClock, new DeploymentLog(), null)) {

      assertThatThrownBy(() -> scheduler.register(Requests.minimal("web-app"), span))
          .isInstanceOf(StepFailedException.class)
          .hasMessageStartingWith(
              "could not register job web-app: no answer from Nomad at http://127.0.0.1:" + port)
          .hasMessageContaining("Connection refused")
          .hasMessageEndingWith("(6 attempts in 500ms)");
    }
  }

  @Test
  void neitherTheNomadTokenNorTheRegistryPasswordIsEverLoggedOrReported() {
    nomad
        .scenario(NomadScenario.AUTO_REVERT)
        .failNext(NomadEndpoint.REGISTER, 1, 500, "No cluster leader");
    // Our loggers; library loggers (HttpClient's header and wire dumps) are pinned to WARN by the
    // orchestrator's logging setup.
    try (LogCapture logs = LogCapture.of("dispatch");
        LogCapture ours = LogCapture.of("io.dispatch");
        NomadScheduler scheduler = NomadKit.scheduler(nomad, FAST, control)) {
      RegisteredJob registration = scheduler.register(Requests.everything(), span);
      NomadKit.drive(
          nomad,
          NomadEndpoint.EVALUATION,
          NomadEndpoint.DEPLOYMENT,
          NomadEndpoint.LATEST_DEPLOYMENT,
          NomadEndpoint.DEPLOYMENT);

      assertThatThrownBy(() -> scheduler.awaitHealthy(registration, span))
          .satisfies(
              e -> assertThat(e.toString()).doesNotContain(NomadKit.TOKEN, "s3cr3t-registry"));
      assertThat(logs.messages()).anyMatch(m -> m.contains("retrying"));
      assertThat(String.join("\n", logs.messages()) + String.join("\n", ours.messages()))
          .doesNotContain(NomadKit.TOKEN)
          .doesNotContain("s3cr3t-registry-password");
      assertThat(span.attributes().toString())
          .doesNotContain(NomadKit.TOKEN)
          .doesNotContain("s3cr3t");
    }
    assertThat(nomad.lastRegisteredJob().at("/TaskGroups/0/Tasks/0/Config/auth/password").asText())
        .isEqualTo("s3cr3t-registry-password");
  }

  @Test
  void registerWhenTheJobCannotBeReadBackSaysSo() {
    nomad
        .scenario(NomadScenario.SUCCESSFUL)
        .failAlways(NomadEndpoint.JOB, 403, "Permission denied");

    assertThatThrownBy(this::register)
        .hasMessage("registered job web-app but could not read it back: 403 Permission denied");
  }

  /** Sends a register body as it is, through the adapter's own request path. */
  private void putJob(ObjectNode body) {
    try (NomadApi api = NomadApi.open(NomadKit.target(nomad), FAST, control, new DeploymentLog())) {
      api.register("web-app", body);
    }
  }

  private RegisteredJob register() {
    try (NomadScheduler scheduler = NomadKit.scheduler(nomad, FAST, control)) {
      return scheduler.register(Requests.minimal("web-app"), span);
    }
  }

  static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
