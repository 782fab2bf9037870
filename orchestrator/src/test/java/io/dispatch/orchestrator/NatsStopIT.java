package io.dispatch.orchestrator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dispatch.orchestrator.NatsStream.Msg;
import io.dispatch.testdata.BackendDouble;
import io.dispatch.testdata.Fixtures;
import io.dispatch.testdata.NomadDouble;
import io.dispatch.testdata.NomadScenario;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run stopped by its deadline or by SIGTERM still ends on time with NATS on, and what it could
 * flush says so: the failed step's line, {@code deployment.failed} and a failed end.
 */
class NatsStopIT {

  private static final Path JAR = Path.of("target/orchestrator.jar");

  @TempDir Path dir;
  private BackendDouble backend;
  private NomadDouble nomad;
  private NatsStream nats;
  private final String deploymentId = "it_" + UUID.randomUUID().toString().substring(0, 8);

  @BeforeEach
  void start() {
    backend = BackendDouble.start();
    nomad = NomadDouble.start(NomadScenario.NEVER_FINISHES).autoAdvance(Duration.ofMillis(50));
    nats = NatsStream.connect();
  }

  @AfterEach
  void stop() {
    backend.close();
    nomad.close();
    nats.close();
  }

  private Map<String, String> env() {
    ObjectNode params = Fixtures.json("params/deploy-image.json");
    params.put("imageName", SampleImage.pushed()).put("imageTag", SampleImage.TAG);
    params.put("deploymentId", deploymentId).put("nomadAddress", nomad.url());
    params.put("backendUrl", backend.url()).put("accessToken", BackendDouble.TOKEN);
    Map<String, String> env = new HashMap<>(NatsStream.env());
    env.put("NOMAD_META_TASK", "deploy-image");
    env.put("NOMAD_META_PARAMS", Fixtures.base64(params));
    return env;
  }

  private List<Msg> published(Instant since) throws Exception {
    return nats.read(
        since,
        m ->
            m.subject().endsWith("." + deploymentId) || m.text("deploymentId").equals(deploymentId),
        m -> m.subject().equals("build.log.end." + deploymentId),
        Duration.ofSeconds(10));
  }

  private static void assertEndedFailed(List<Msg> messages, String reason) {
    assertThat(messages).extracting(Msg::subject).contains("deployment.failed");
    assertThat(messages.get(messages.size() - 1).text("status")).isEqualTo("failed");
    assertThat(messages)
        .anySatisfy(
            m -> assertThat(m.text("content")).startsWith("ERROR ✗ healthCheck").contains(reason));
  }

  @Test
  void aRunStoppedByItsDeadlinePublishesItsFailureAndEndsOnTime() throws Exception {
    Instant since = Instant.now().minusSeconds(1);
    Map<String, String> env = env();
    env.put("DISPATCH_TIMEOUT", "3s");
    long started = System.nanoTime();

    Console console = Console.run(env, new ProductionAdapters());
    Duration took = Duration.ofNanos(System.nanoTime() - started);

    assertThat(console.code()).isEqualTo(4);
    assertThat(took).isLessThan(Duration.ofSeconds(8));
    assertEndedFailed(published(since), "timed out after 3s");
  }

  @Test
  void sigtermDuringTheHealthWaitPublishesTheCancellationAndExitsPromptly() throws Exception {
    Instant since = Instant.now().minusSeconds(1);
    ProcessBuilder pb =
        new ProcessBuilder("java", "-jar", JAR.toAbsolutePath().toString())
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("out.log").toFile());
    pb.environment().putAll(env());
    Process process = pb.start();
    Instant until = Instant.now().plusSeconds(60);
    while (!backend.steps().contains("healthCheck:in_progress")) {
      assertThat(process.isAlive()).as("the run ended before the health check").isTrue();
      assertThat(Instant.now()).as("waiting for the health check").isBefore(until);
      Thread.sleep(50);
    }

    long sent = System.nanoTime();
    process.destroy();
    assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
    Duration took = Duration.ofNanos(System.nanoTime() - sent);

    assertThat(took).isLessThan(Duration.ofSeconds(5));
    assertThat(process.exitValue()).isEqualTo(143);
    assertEndedFailed(published(since), "cancelled");
  }
}
