package io.dispatch.orchestrator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dispatch.testdata.BackendDouble;
import io.dispatch.testdata.Fixtures;
import io.dispatch.testdata.NomadDouble;
import io.dispatch.testdata.NomadDriver;
import io.dispatch.testdata.NomadEndpoint;
import io.dispatch.testdata.NomadScenario;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Redeploys with the default zero-downtime rollout, through the real jar as a process: a canary
 * promoted automatically and followed to success, a canary that fails and is rolled back, and a
 * canary that waits for an operator's promotion.
 */
class CanaryRolloutIT {

  private static final Path JAR = Path.of("target/orchestrator.jar");
  private static String image;
  private static BackendDouble backend;

  @TempDir Path dir;

  @BeforeAll
  static void start() {
    image = SampleImage.pushed();
    backend = BackendDouble.start();
  }

  @AfterAll
  static void stop() {
    backend.close();
  }

  private record Exit(int code, String out, String err) {}

  /** Runs the jar against {@code scenario}, played one step per blocking query to {@code steps}. */
  private Exit run(NomadScenario scenario, boolean autoPromote, NomadEndpoint... steps)
      throws IOException, InterruptedException {
    backend.resetToHappyPath();
    try (NomadDouble nomad = NomadDouble.start(scenario)) {
      ObjectNode params = Fixtures.json("params/deploy-image.json");
      params.put("imageName", image).put("imageTag", SampleImage.TAG);
      params.put("nomadAddress", nomad.url());
      params.put("backendUrl", backend.url()).put("accessToken", BackendDouble.TOKEN);
      if (!autoPromote) {
        ((ObjectNode) params.get("update")).put("autoPromote", false);
      }
      ProcessBuilder pb =
          new ProcessBuilder("java", "-jar", JAR.toAbsolutePath().toString())
              .redirectOutput(dir.resolve("out.log").toFile())
              .redirectError(dir.resolve("err.log").toFile());
      pb.environment().put("NOMAD_META_TASK", "deploy-image");
      pb.environment().put("NOMAD_META_PARAMS", Fixtures.base64(params));
      Process p = pb.start();
      NomadDriver driver = NomadDriver.start(nomad, steps);
      assertThat(p.waitFor(90, TimeUnit.SECONDS)).as("the run ends").isTrue();
      driver.awaitDone();
      assertThat(nomad.lastRegisteredJob().at("/Update/Canary").asInt()).isEqualTo(1);
      return new Exit(
          p.exitValue(),
          Files.readString(dir.resolve("out.log")),
          Files.readString(dir.resolve("err.log")));
    }
  }

  @Test
  void aHealthyCanaryIsPromotedAndTheRolloutFollowedToSuccess() throws Exception {
    Exit e =
        run(
            NomadScenario.CANARY_PROMOTED_AUTOMATICALLY,
            true,
            NomadEndpoint.EVALUATION,
            NomadEndpoint.DEPLOYMENT,
            NomadEndpoint.DEPLOYMENT,
            NomadEndpoint.DEPLOYMENT);

    assertThat(e.code()).as(e.out()).isZero();
    assertThat(e.out())
        .contains("deployment c1b2a394: 0/2 healthy, 1 canary")
        .contains("deployment c1b2a394: 1/2 healthy, 1 canary promoted")
        .contains("succeeded: hello-web v7: 2/2 healthy, 1 canary promoted")
        .contains("nomad.deployment  c1b2a394 v7 successful 2/2 healthy, 1 canary promoted");
  }

  @Test
  void aFailingCanaryIsReportedWithItsEventsAndTheRollback() throws Exception {
    Exit e =
        run(
            NomadScenario.CANARY_UNHEALTHY,
            true,
            NomadEndpoint.EVALUATION,
            NomadEndpoint.DEPLOYMENT,
            NomadEndpoint.LATEST_DEPLOYMENT,
            NomadEndpoint.DEPLOYMENT);

    assertThat(e.code()).isEqualTo(1);
    assertThat(e.err().strip())
        .startsWith(
            "failed at healthCheck: deployment c1b2a394 (v7) failed: Failed due to unhealthy"
                + " allocations; web-app.web[0] (failed): Failed to pull")
        .endsWith("rolled back to v6 (running as v8): successful");
  }

  @Test
  void aCanaryWaitingForAPromotionIsFollowedOnceAnOperatorPromotesIt() throws Exception {
    Exit e =
        run(
            NomadScenario.CANARY_AWAITING_PROMOTION,
            false,
            NomadEndpoint.EVALUATION,
            NomadEndpoint.DEPLOYMENT,
            NomadEndpoint.DEPLOYMENT);

    assertThat(e.code()).as(e.out()).isZero();
    assertThat(e.out()).contains("1 canary awaiting promotion").contains("1 canary promoted");
  }
}
