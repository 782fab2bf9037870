package io.dispatch.orchestrator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dispatch.testdata.BackendDouble;
import io.dispatch.testdata.Fixtures;
import io.dispatch.testdata.NomadDouble;
import io.dispatch.testdata.NomadEndpoint;
import io.dispatch.testdata.NomadScenario;
import java.io.IOException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * deploy-image end to end through {@link Orchestrator#run} with the production adapters: a real
 * image in the local registry (built and pushed through podman), the backend double, and the Nomad
 * double playing each scenario.
 */
class DeployImageIT {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static String image;
  private static BackendDouble backend;

  @BeforeAll
  static void start() {
    image = SampleImage.pushed();
    backend = BackendDouble.start();
  }

  @AfterAll
  static void stopBackend() {
    backend.close();
  }

  private record Result(
      int code, String out, String err, List<String> steps, List<JsonNode> updates) {
    String lastError() {
      return updates.get(updates.size() - 1).path("error").asText();
    }
  }

  private static Result deploy(NomadDouble nomad, Map<String, String> extraEnv) {
    backend.resetToHappyPath();
    ObjectNode params = Fixtures.json("params/deploy-image.json");
    params.put("imageName", image).put("imageTag", "1.0");
    params.put("nomadAddress", nomad.url()).put("nomadToken", "it-nomad-token-8899");
    params.put("backendUrl", backend.url()).put("accessToken", BackendDouble.TOKEN);
    Map<String, String> env = new HashMap<>(extraEnv);
    env.put("NOMAD_META_TASK", "deploy-image");
    env.put("NOMAD_META_PARAMS", Fixtures.base64(params));
    env.put("DOCKER_HOST", System.getenv("DOCKER_HOST"));
    Console console = Console.run(new String[0], env, new ProductionAdapters());
    int code = console.code();
    return new Result(code, console.out(), console.err(), backend.steps(), backend.stepUpdates());
  }

  private static Result deploy(NomadScenario scenario) {
    try (NomadDouble nomad = NomadDouble.start(scenario).autoAdvance(Duration.ofMillis(50))) {
      return deploy(nomad, Map.of());
    }
  }

  private static final List<String> ALL_STEPS_OK =
      List.of(
          "image_download:in_progress",
          "image_download:completed",
          "deploy:in_progress",
          "deploy:completed",
          "healthCheck:in_progress",
          "healthCheck:completed");

  /** Every step as in {@link #ALL_STEPS_OK}, but the health check fails. */
  private static final List<String> HEALTH_CHECK_FAILS =
      java.util.stream.Stream.concat(
              ALL_STEPS_OK.stream().limit(ALL_STEPS_OK.size() - 1),
              java.util.stream.Stream.of("healthCheck:failed"))
          .toList();

  @Test
  void aSuccessfulRolloutRegistersTheContractJobAndExitsZero() throws IOException {
    try (NomadDouble nomad =
        NomadDouble.start(NomadScenario.SUCCESSFUL).autoAdvance(Duration.ofMillis(50))) {
      Result r = deploy(nomad, Map.of());

      assertThat(r.code()).as(r.out()).isZero();
      assertThat(r.steps()).isEqualTo(ALL_STEPS_OK);
      assertThat(nomad.lastToken()).isEqualTo("it-nomad-token-8899");
      JsonNode job = normalized(nomad.lastRegisteredJob());
      assertThat(job).isEqualTo(JSON.readTree(Fixtures.text("golden/deploy-image-job.json")));
      assertThat(nomad.lastRegisteredJob().at("/TaskGroups/0/Tasks/0/Config/image").asText())
          .matches(java.util.regex.Pattern.quote(image) + "@sha256:[0-9a-f]{64}");
      assertThat(r.out())
          .contains("succeeded: hello-web v3: 2/2 healthy")
          .doesNotContain("it-nomad-token-8899");
    }
  }

  @Test
  void unhealthyAllocationsFailTheHealthCheckWithTheirLastEvents() {
    Result r = deploy(NomadScenario.FAILED_UNHEALTHY);

    assertThat(r.code()).isEqualTo(1);
    assertThat(r.steps()).isEqualTo(HEALTH_CHECK_FAILS);
    assertThat(r.lastError())
        .startsWith("deployment d41f0e2a (v4) failed: Failed due to unhealthy allocations")
        .contains(
            "web-app.web[0]",
            "Failed to pull `ghcr.io/acme/web-app:1.5.0`",
            "Unhealthy because of failed task");
    assertThat(r.err().strip()).isEqualTo("failed at healthCheck: " + r.lastError());
  }

  @Test
  void theProgressDeadlineFailsTheHealthCheckAndSaysSo() {
    Result r = deploy(NomadScenario.PROGRESS_DEADLINE);

    assertThat(r.code()).isEqualTo(1);
    assertThat(r.steps()).isEqualTo(HEALTH_CHECK_FAILS);
    assertThat(r.lastError()).contains("Failed due to progress deadline");
  }

  @Test
  void anAutoRevertIsReportedWithTheVersionRolledBackTo() {
    Result r = deploy(NomadScenario.AUTO_REVERT);

    assertThat(r.code()).isEqualTo(1);
    assertThat(r.steps()).isEqualTo(HEALTH_CHECK_FAILS);
    assertThat(r.lastError()).endsWith("rolled back to v3 (running as v5): successful");
  }

  @Test
  void aPlacementFailureEndsTheHealthCheckAtOnceWithNomadsReasons() {
    Result r = deploy(NomadScenario.PLACEMENT_FAILURE);

    assertThat(r.code()).isEqualTo(1);
    assertThat(r.steps()).isEqualTo(HEALTH_CHECK_FAILS);
    assertThat(r.lastError()).contains("cannot place", "Dimension \"memory\" exhausted on 2 nodes");
  }

  @Test
  void aRegisterThatFailsOnceWithServerErrorIsRetried() {
    try (NomadDouble nomad =
        NomadDouble.start(NomadScenario.REGISTER_500_THEN_SUCCESS)
            .autoAdvance(Duration.ofMillis(50))) {
      Result r = deploy(nomad, Map.of());

      assertThat(r.code()).isZero();
      assertThat(r.steps()).isEqualTo(ALL_STEPS_OK);
      assertThat(nomad.requests(NomadEndpoint.REGISTER)).hasSize(2);
    }
  }

  @Test
  void anInvalidJobFailsTheDeployStepWithNomadsMessage() {
    try (NomadDouble nomad = NomadDouble.start(NomadScenario.REGISTER_400_INVALID_JOB)) {
      Result r = deploy(nomad, Map.of());

      assertThat(r.code()).isEqualTo(1);
      assertThat(r.steps())
          .containsExactly(
              "image_download:in_progress",
              "image_download:completed",
              "deploy:in_progress",
              "deploy:failed");
      assertThat(r.lastError()).contains("400", "Job must be specified");
      assertThat(nomad.requests(NomadEndpoint.REGISTER)).hasSize(1);
    }
  }

  @Test
  void aDeploymentThatNeverFinishesIsStoppedByTheDeadline() {
    try (NomadDouble nomad =
        NomadDouble.start(NomadScenario.NEVER_FINISHES).autoAdvance(Duration.ofMillis(50))) {
      long started = System.nanoTime();
      Result r = deploy(nomad, Map.of("DISPATCH_TIMEOUT", "3s"));
      Duration took = Duration.ofNanos(System.nanoTime() - started);

      assertThat(r.code()).isEqualTo(4);
      assertThat(r.steps()).isEqualTo(HEALTH_CHECK_FAILS);
      assertThat(r.lastError()).isEqualTo("timed out after 3s");
      assertThat(took).isLessThan(Duration.ofSeconds(8));
    }
  }

  @Test
  void aMissingTagFailsImageDownloadNamingTheImage() {
    try (NomadDouble nomad = NomadDouble.start(NomadScenario.SUCCESSFUL)) {
      backend.resetToHappyPath();
      ObjectNode params = Fixtures.json("params/deploy-image.json");
      params.put("imageName", image).put("imageTag", "no-such-tag");
      params.put("nomadAddress", nomad.url());
      Map<String, String> env =
          Map.of("NOMAD_META_TASK", "deploy-image", "NOMAD_META_PARAMS", Fixtures.base64(params));
      Console console = Console.run(env, new ProductionAdapters());

      assertThat(console.code()).isEqualTo(1);
      assertThat(console.err())
          .startsWith("failed at image_download: image " + image + ":no-such-tag not found");
      assertThat(nomad.requests()).isEmpty();
    }
  }

  /**
   * The registered job without nulls, with the per-run values (image digest, run and trace ids)
   * fixed.
   */
  private static JsonNode normalized(JsonNode job) {
    JsonNode copy = job.deepCopy();
    ((ObjectNode) copy.at("/TaskGroups/0/Tasks/0/Config")).put("image", "<image>");
    ((ObjectNode) copy.get("Meta")).put("run_id", "<run>").put("trace_id", "<trace>");
    return copy;
  }
}
