package io.dispatch.orchestrator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dispatch.testdata.BackendDouble;
import io.dispatch.testdata.Fixtures;
import io.dispatch.testdata.GitRepos;
import io.dispatch.testdata.NomadDouble;
import io.dispatch.testdata.NomadScenario;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real jar as a process, stopped with SIGTERM the way Nomad stops a task: the running step is
 * reported failed with "cancelled", the work directory is removed and the process exits within five
 * seconds.
 */
class SignalIT {

  private static final Path JAR = Path.of("target/orchestrator.jar");
  private static final Duration EXIT_WITHIN = Duration.ofSeconds(5);

  @TempDir Path dir;
  private Path work;
  private BackendDouble backend;
  private NomadDouble nomad;

  @BeforeEach
  void start() throws IOException {
    work = Files.createDirectories(dir.resolve("work"));
    backend = BackendDouble.start();
    nomad = NomadDouble.start(NomadScenario.NEVER_FINISHES).autoAdvance(Duration.ofMillis(50));
  }

  @AfterEach
  void stop() {
    backend.close();
    nomad.close();
  }

  private Process launch(String task, ObjectNode params) throws IOException {
    return launch(task, params, Map.of());
  }

  private Process launch(String task, ObjectNode params, Map<String, String> extraEnv)
      throws IOException {
    params
        .put("nomadAddress", nomad.url())
        .put("backendUrl", backend.url())
        .put("accessToken", BackendDouble.TOKEN);
    ProcessBuilder pb =
        new ProcessBuilder("java", "-jar", JAR.toAbsolutePath().toString())
            .redirectOutput(dir.resolve("out.log").toFile())
            .redirectError(dir.resolve("err.log").toFile());
    Map<String, String> env = pb.environment();
    env.put("NOMAD_META_TASK", task);
    env.put("NOMAD_META_PARAMS", Fixtures.base64(params));
    env.put("DISPATCH_WORK_DIR", work.toString());
    env.put("DISPATCH_ALLOW_FILE_REPOSITORIES", "1");
    env.putAll(extraEnv);
    return pb.start();
  }

  /** Waits until the backend has heard that {@code step} started. */
  private void awaitStep(String step, Process process) throws InterruptedException {
    Instant until = Instant.now().plusSeconds(60);
    while (!backend.steps().contains(step + ":in_progress")) {
      assertThat(process.isAlive()).as("the run ended before " + step).isTrue();
      assertThat(Instant.now()).as("waiting for " + step).isBefore(until);
      Thread.sleep(50);
    }
  }

  /** Sends SIGTERM and returns how long the process took to exit. */
  private static Duration terminate(Process process) throws InterruptedException {
    long sent = System.nanoTime();
    process.destroy();
    boolean exited = process.waitFor(30, TimeUnit.SECONDS);
    assertThat(exited).isTrue();
    return Duration.ofNanos(System.nanoTime() - sent);
  }

  private JsonNode lastUpdate() {
    List<JsonNode> updates = backend.stepUpdates();
    return updates.get(updates.size() - 1);
  }

  @Test
  void sigtermDuringTheHealthWaitReportsItCancelledAndExitsPromptly() throws Exception {
    ObjectNode params = Fixtures.json("params/deploy-image.json");
    params.put("imageName", SampleImage.pushed()).put("imageTag", SampleImage.TAG);
    Process process = launch("deploy-image", params);
    awaitStep("healthCheck", process);

    Duration took = terminate(process);

    assertThat(took).isLessThan(EXIT_WITHIN);
    assertThat(process.exitValue()).isEqualTo(143);
    assertThat(backend.steps()).endsWith("healthCheck:in_progress", "healthCheck:failed");
    assertThat(lastUpdate().path("error").asText()).isEqualTo("cancelled");
    assertThat(Files.readString(dir.resolve("out.log"))).contains("✗ healthCheck", "cancelled");
  }

  @Test
  void sigtermDuringTheBuildReportsItCancelledRemovesTheWorkDirectoryAndExitsPromptly()
      throws Exception {
    GitRepos repos = new GitRepos(Files.createDirectories(dir.resolve("git")));
    GitRepos.WorkTree tree = repos.workTree("slow");
    Files.copy(Path.of(System.getenv("TEST_BUSYBOX")), tree.dir().resolve("busybox"));
    tree.commit(
        "slow build",
        Map.of(
            "Dockerfile",
            "FROM scratch\nCOPY busybox /bin/busybox\nRUN [\"/bin/busybox\", \"sleep\", \"30\"]\nEXPOSE 8080\n"));
    String repository = "file://" + repos.bare(tree, dir.resolve("git"), "slow");
    ObjectNode params = Fixtures.json("params/deploy-repository.json");
    params.remove("gitPass");
    params.put("repository", repository).put("branch", "main");
    params.put(
        "imageName",
        System.getenv("TEST_REGISTRY")
            + "/it/signal-"
            + UUID.randomUUID().toString().substring(0, 8));
    Process process = launch("deploy-repository", params);
    awaitStep("build", process);

    Duration took = terminate(process);

    assertThat(took).isLessThan(EXIT_WITHIN);
    assertThat(process.exitValue()).isEqualTo(143);
    assertThat(backend.steps()).endsWith("build:in_progress", "build:failed");
    assertThat(lastUpdate().path("error").asText()).isEqualTo("cancelled");
    try (Stream<Path> left = Files.list(work)) {
      assertThat(left).as("work directories left behind").isEmpty();
    }
  }

  @Test
  void sigtermDuringACommandLineBuildStopsTheBuilderAndEveryProcessItStarted() throws Exception {
    StandInBuilders tools =
        new StandInBuilders(dir).install("railpack", StandInBuilders.Mode.HANGS);
    GitRepos repos = new GitRepos(Files.createDirectories(dir.resolve("git")));
    GitRepos.WorkTree tree = repos.workTree("node");
    tree.commit("app", Map.of("package.json", "{}"));
    ObjectNode params = Fixtures.json("params/deploy-repository.json");
    params.remove("gitPass");
    params.put("repository", "file://" + repos.bare(tree, dir.resolve("git"), "node"));
    params.put("branch", "main");
    ((ObjectNode) params.get("build")).put("builder", "railpack");
    Process process = launch("deploy-repository", params, Map.of("PATH", tools.path()));
    awaitStep("build", process);
    Instant until = Instant.now().plusSeconds(30);
    while (!Files.exists(tools.pids()) || Files.readAllLines(tools.pids()).size() < 2) {
      assertThat(Instant.now()).as("waiting for the stand-in to start").isBefore(until);
      Thread.sleep(50);
    }

    Duration took = terminate(process);

    assertThat(took).isLessThan(EXIT_WITHIN);
    assertThat(process.exitValue()).isEqualTo(143);
    assertThat(backend.steps()).endsWith("build:in_progress", "build:failed");
    assertThat(lastUpdate().path("error").asText()).isEqualTo("cancelled");
    assertThat(tools.stoppedPids()).hasSize(2);
    try (Stream<Path> left = Files.list(work)) {
      assertThat(left).as("work directories left behind").isEmpty();
    }
  }
}
