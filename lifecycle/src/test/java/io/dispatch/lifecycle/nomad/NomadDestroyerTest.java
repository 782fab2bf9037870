package io.dispatch.lifecycle.nomad;

import static io.dispatch.lifecycle.nomad.NomadKit.FAST;
import static org.assertj.core.api.Assertions.assertThat;

import io.dispatch.lifecycle.params.NomadTarget;
import io.dispatch.lifecycle.run.DeploymentLog;
import io.dispatch.lifecycle.run.RunControl;
import io.dispatch.testdata.NomadDouble;
import io.dispatch.testdata.NomadEndpoint;
import io.dispatch.testdata.NomadRequest;
import io.dispatch.testdata.NomadScenario;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** destroy: DELETE /v1/job/<id>?purge=true on the job's own cluster. */
class NomadDestroyerTest {

  private static NomadDouble nomad;
  private RunControl control;
  private NomadDestroyer destroyer;

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
    nomad.scenario(NomadScenario.SUCCESSFUL);
    control = NomadKit.control(Duration.ofSeconds(20));
    destroyer = new NomadDestroyer(control, FAST, new DeploymentLog());
  }

  @AfterEach
  void endRun() {
    control.close();
    Thread.interrupted();
  }

  @Test
  void destroyStopsAndPurgesTheJobWithTheTargetsToken() {
    nomad.givenJob("web-app");

    DestroyResult result = destroyer.destroy(NomadKit.target(nomad), "web-app");

    assertThat(result).isEqualTo(DestroyResult.destroyed());
    List<NomadRequest> deletes = nomad.requests(NomadEndpoint.DEREGISTER);
    assertThat(deletes).hasSize(1);
    assertThat(deletes.get(0).path()).isEqualTo("/v1/job/web-app");
    assertThat(deletes.get(0).param("purge")).isEqualTo("true");
    assertThat(deletes.get(0).param("namespace")).isEqualTo("default");
    assertThat(deletes.get(0).token()).isEqualTo(NomadKit.TOKEN);
  }

  @Test
  void destroyWhenNomadDoesNotKnowTheJobReportsItAlreadyGone() {
    DestroyResult result = destroyer.destroy(NomadKit.target(nomad), "web-app");

    assertThat(result).isEqualTo(DestroyResult.alreadyGone());
    assertThat(result.succeeded()).isTrue();
    assertThat(nomad.requests(NomadEndpoint.DEREGISTER)).hasSize(1);
  }

  @Test
  void destroyWhenNomadReturns500RetriesThenDestroys() {
    nomad.givenJob("web-app").failNext(NomadEndpoint.DEREGISTER, 1, 500, "No cluster leader");

    DestroyResult result = destroyer.destroy(NomadKit.target(nomad), "web-app");

    assertThat(result).isEqualTo(DestroyResult.destroyed());
    assertThat(nomad.requests(NomadEndpoint.DEREGISTER)).hasSize(2);
  }

  @Test
  void destroyWhenNomadKeepsFailingReportsFailureAfterBoundedAttempts() {
    nomad.givenJob("web-app").failAlways(NomadEndpoint.DEREGISTER, 500, "No cluster leader");
    DestroyResult result;

    try (RunControl onTestClock = NomadKit.controlOnTestClock(Duration.ofSeconds(20))) {
      result =
          new NomadDestroyer(onTestClock, NomadKit.GIVE_UP_SOON, new DeploymentLog())
              .destroy(NomadKit.target(nomad), "web-app");
    }

    assertThat(result.status()).isEqualTo(DestroyResult.Status.FAILED);
    assertThat(result.reason())
        .startsWith("could not stop job web-app: 500 No cluster leader (")
        .endsWith("(6 attempts in 500ms)");
    assertThat(nomad.requests(NomadEndpoint.DEREGISTER)).hasSize(6);
  }

  @Test
  void destroyWhenTheTokenMayNotStopJobsFailsAtOnceWithNomadsMessage() {
    nomad.givenJob("web-app").failAlways(NomadEndpoint.DEREGISTER, 403, "Permission denied");

    DestroyResult result = destroyer.destroy(NomadKit.target(nomad), "web-app");

    assertThat(result)
        .isEqualTo(
            DestroyResult.failed("Nomad refused to stop job web-app: 403 Permission denied"));
    assertThat(nomad.requests(NomadEndpoint.DEREGISTER)).hasSize(1);
  }

  @Test
  void destroyHandlesDispatchedJobIdsWithASlash() {
    String child = "deployer/dispatch-1768471200-3f2a9c1e";
    nomad.givenJob(child);

    DestroyResult result = destroyer.destroy(NomadKit.target(nomad), child);

    assertThat(result).isEqualTo(DestroyResult.destroyed());
    assertThat(nomad.requests(NomadEndpoint.DEREGISTER).get(0).path())
        .isEqualTo("/v1/job/" + child);
  }

  @Test
  void aChildJobIdTravelsAsOneEscapedPathSegmentAsNomadsGoClientSendsIt() {
    String child = "deployer/dispatch-1768471200-3f2a9c1e";
    nomad.givenJob(child);

    DestroyResult result = destroyer.destroy(NomadKit.target(nomad), child);

    assertThat(result).isEqualTo(DestroyResult.destroyed());
    assertThat(nomad.server().getAllServeEvents())
        .extracting(e -> e.getRequest().getUrl())
        .filteredOn(url -> url.startsWith("/v1/job/"))
        .containsExactly(
            "/v1/job/deployer%2Fdispatch-1768471200-3f2a9c1e?purge=true&namespace=default");
  }

  @org.junit.jupiter.params.ParameterizedTest
  @org.junit.jupiter.params.provider.ValueSource(strings = {"..", "."})
  void aDotSegmentIsNeverSentWhereItWouldAddressAnotherObject(String id) {
    DestroyResult result = destroyer.destroy(NomadKit.target(nomad), id);

    assertThat(result)
        .isEqualTo(
            DestroyResult.failed("cannot stop job '" + id + "': 'jobId' must not be '.' or '..'"));
    assertThat(nomad.requests()).isEmpty();
  }

  @Test
  void destroyWhenNomadIsUnreachableReportsFailureNotAnException() throws IOException {
    NomadTarget nowhere =
        new NomadTarget(
            "http://127.0.0.1:" + NomadRegisterTest.freePort(), NomadKit.TOKEN, "", "", "");

    DestroyResult result =
        new NomadDestroyer(control, NomadKit.GIVE_UP_SOON, new DeploymentLog())
            .destroy(nowhere, "web-app");

    assertThat(result.status()).isEqualTo(DestroyResult.Status.FAILED);
    assertThat(result.reason())
        .startsWith("could not stop job web-app: no answer from Nomad at http://127.0.0.1:")
        .doesNotContain(NomadKit.TOKEN);
  }

  @Test
  void destroyWithAnUnreadableCaCertificateReportsFailure() {
    NomadTarget tls =
        new NomadTarget("https://127.0.0.1:1", NomadKit.TOKEN, "", "", "/nonexistent/ca.pem");

    DestroyResult result = destroyer.destroy(tls, "web-app");

    assertThat(result.reason())
        .startsWith(
            "could not stop job web-app: cannot use Nomad CA certificate /nonexistent/ca.pem");
  }
}
