package io.dispatch.orchestrator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dispatch.testdata.BackendDouble;
import io.dispatch.testdata.Fixtures;
import io.dispatch.testdata.NomadDouble;
import io.dispatch.testdata.NomadJobSchema;
import io.dispatch.testdata.NomadScenario;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What the service gets at run time and the kinds of job it can be, end to end through {@link
 * Orchestrator#run} with the production adapters, a real image in the local registry and the strict
 * Nomad double (which refuses any key Nomad's job API does not have).
 */
class JobKindsIT {

  private static String image;
  private static BackendDouble backend;

  @BeforeAll
  static void start() {
    image = SampleImage.pushed();
    backend = BackendDouble.start();
  }

  @AfterAll
  static void stop() {
    backend.close();
  }

  private record Run(Console console, List<String> steps, NomadDouble nomad) {}

  private static Run deploy(
      NomadScenario scenario, String fixture, Consumer<ObjectNode> change, boolean keepNomad) {
    backend.resetToHappyPath();
    NomadDouble nomad = NomadDouble.start(scenario).autoAdvance(Duration.ofMillis(50));
    ObjectNode params = Fixtures.json(fixture);
    params.put("imageName", image).put("imageTag", SampleImage.TAG);
    params.put("nomadAddress", nomad.url());
    params.put("backendUrl", backend.url()).put("accessToken", BackendDouble.TOKEN);
    change.accept(params);
    Console console =
        Console.run(
            Map.of(
                "NOMAD_META_TASK", "deploy-image",
                "NOMAD_META_PARAMS", Fixtures.base64(params),
                "DOCKER_HOST", System.getenv("DOCKER_HOST")),
            new ProductionAdapters());
    Run run = new Run(console, backend.steps(), nomad);
    if (!keepNomad) {
      nomad.close();
    }
    return run;
  }

  @Test
  void everyRuntimeFieldIsRegisteredAndFitsNomadsJobApi() {
    Run r = deploy(NomadScenario.SUCCESSFUL, "params/deploy-image-everything.json", p -> {}, true);
    try (NomadDouble nomad = r.nomad()) {
      assertThat(r.console().code()).as(r.console().out()).isZero();
      JsonNode job = nomad.lastRegisteredJob();
      assertThat(NomadJobSchema.problems(job)).isEmpty();
      JsonNode task = job.at("/TaskGroups/0/Tasks/0");
      assertThat(task.at("/Vault/Policies").toString())
          .isEqualTo("[\"team-registry\",\"prj_shop\"]");
      assertThat(task.get("Templates")).hasSize(8);
      assertThat(task.get("VolumeMounts")).hasSize(2);
      assertThat(job.at("/TaskGroups/0/Volumes/vol_shop/PerAlloc").asBoolean()).isTrue();
      assertThat(job.at("/Update/Canary").asInt()).as("no canary with a CSI volume").isZero();
      assertThat(r.console().out()).doesNotContain("accepted but not applied");
    }
  }

  @Test
  void aBatchJobIsFollowedUntilNomadHasPlacedIt() {
    Run r =
        deploy(
            NomadScenario.SUCCESSFUL,
            "params/deploy-image.json",
            p -> p.putObject("jobConfig").put("type", "batch"),
            false);

    assertThat(r.console().code()).as(r.console().out()).isZero();
    assertThat(r.console().out())
        .contains(
            "v3: placed (batch job, evaluation 5b9d2c1e complete; its runs are not followed)");
    assertThat(r.steps()).contains("healthCheck:completed");
  }

  @Test
  void aPeriodicJobIsOnlyRegisteredAndTheRunSaysNothingRunsYet() {
    Run r =
        deploy(
            NomadScenario.SUCCESSFUL,
            "params/deploy-image.json",
            p -> p.putObject("jobConfig").put("cron", "0 3 * * *"),
            true);
    try (NomadDouble nomad = r.nomad()) {
      assertThat(r.console().code()).as(r.console().out()).isZero();
      assertThat(nomad.lastRegisteredJob().at("/Periodic/Spec").asText()).isEqualTo("0 3 * * *");
      assertThat(nomad.lastRegisteredJob().get("Type").asText()).isEqualTo("batch");
      assertThat(r.console().out())
          .contains(
              "registered only: a periodic job runs at its schedule (0 3 * * *), nothing runs yet");
    }
  }

  @Test
  void deployNoopWritesNothingToNomadAndSaysSo() {
    Run r =
        deploy(
            NomadScenario.SUCCESSFUL,
            "params/deploy-image.json",
            p -> p.put("deploy", "noop"),
            true);
    try (NomadDouble nomad = r.nomad()) {
      assertThat(r.console().code()).as(r.console().out()).isZero();
      assertThat(nomad.requests()).isEmpty();
      assertThat(r.console().out())
          .contains("– deploy  skipped: deploy is \"noop\": nothing is written to Nomad")
          .contains("– healthCheck  skipped: deploy is \"noop\": nothing is written to Nomad");
      assertThat(r.steps()).noneMatch(s -> s.startsWith("deploy:") || s.startsWith("healthCheck:"));
    }
  }
}
