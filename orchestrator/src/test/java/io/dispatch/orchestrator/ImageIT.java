package io.dispatch.orchestrator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dispatch.testdata.BackendDouble;
import io.dispatch.testdata.Fixtures;
import io.dispatch.testdata.NomadDouble;
import io.dispatch.testdata.NomadEndpoint;
import io.dispatch.testdata.NomadScenario;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The orchestrator's own image (deploy/Dockerfile), built by scripts/build-image.sh and run the way
 * Nomad's docker driver runs the task of deploy/dispatch-orchestrator.nomad.hcl: each dispatch meta
 * key as {@code NOMAD_META_<key>} in both spellings, the job's {@code env} block, the template's
 * env file, the 512 MB of the task's resources, and on a stop SIGTERM with a 10 s kill_timeout
 * before SIGKILL. The doubles and the registry are reached on the host network.
 */
class ImageIT {

  private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

  /** A tag of its own, so that suites running side by side never run each other's image. */
  private static final String IMAGE =
      "localhost/dispatch-orchestrator:it-" + UUID.randomUUID().toString().substring(0, 8);

  private static final Duration KILL_TIMEOUT = Duration.ofSeconds(10);

  private static BackendDouble backend;
  private static String sampleImage;

  @TempDir Path dir;

  @BeforeAll
  static void buildImage() throws Exception {
    assumeTrue(
        onPath("podman"), "podman is not installed: the orchestrator's image is not built or run");
    Process build =
        podmanEnv(
                new ProcessBuilder(ROOT.resolve("scripts/build-image.sh").toString())
                    .directory(ROOT.toFile())
                    .redirectErrorStream(true))
            .start();
    build.getOutputStream().close();
    String output = new String(build.getInputStream().readAllBytes());
    if (!build.waitFor(15, TimeUnit.MINUTES) || build.exitValue() != 0) {
      fail("scripts/build-image.sh failed:%n%s", output);
    }
    backend = BackendDouble.start();
    sampleImage = SampleImage.pushed();
  }

  @AfterAll
  static void removeImage() throws Exception {
    if (backend != null) {
      backend.close();
    }
    if (onPath("podman")) {
      podman("rmi", "-f", IMAGE).waitFor(60, TimeUnit.SECONDS);
    }
  }

  private static ProcessBuilder podmanEnv(ProcessBuilder pb) {
    pb.environment().put("SKIP_PACKAGE", "1"); // the jar is what `mvn verify` just packaged
    pb.environment().put("IMAGE", IMAGE);
    // The podman CLI works in the services' store with their configuration (CONTAINERS_* from
    // scripts/test-services.sh), where the image is built; runc and lowered ulimits either way.
    pb.environment()
        .putIfAbsent("CONTAINERS_CONF", ROOT.resolve("scripts/podman/containers.conf").toString());
    return pb;
  }

  private static Process podman(String... args) throws IOException {
    List<String> command = new ArrayList<>(List.of("podman"));
    command.addAll(List.of(args));
    return podmanEnv(new ProcessBuilder(command).redirectErrorStream(true)).start();
  }

  private static boolean onPath(String program) {
    for (String d : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
      if (Files.isExecutable(Path.of(d, program))) {
        return true;
      }
    }
    return false;
  }

  /** A running container, and what it wrote. */
  private record Container(String name, Process process, Path out, Path err) {
    int awaitExit() throws InterruptedException {
      assertThat(process.waitFor(2, TimeUnit.MINUTES)).as("container " + name + " exited").isTrue();
      return process.exitValue();
    }

    String stdout() throws IOException {
      return Files.readString(out);
    }

    List<String> stderrLines() throws IOException {
      return Files.readAllLines(err);
    }
  }

  /**
   * Starts the image as Nomad would for a dispatch of {@code task} with {@code params}: meta in
   * both spellings, the job's env block, and {@code templated} as the template's env file.
   */
  private Container dispatch(
      String task, ObjectNode params, NomadDouble nomad, Map<String, String> templated)
      throws IOException {
    String name = "dispatch-it-" + UUID.randomUUID().toString().substring(0, 8);
    StringBuilder envFile = new StringBuilder();
    templated.forEach((k, v) -> envFile.append(k).append('=').append(v).append('\n'));
    Path secrets = Files.writeString(dir.resolve("orchestrator.env"), envFile);
    Map<String, String> env = new LinkedHashMap<>();
    String encoded = Fixtures.base64(params);
    env.put("NOMAD_META_task", task);
    env.put("NOMAD_META_TASK", task);
    env.put("NOMAD_META_params", encoded);
    env.put("NOMAD_META_PARAMS", encoded);
    env.put("NOMAD_META_traceparent", ""); // optional meta that was not given: defined, empty
    env.put("NOMAD_META_TRACEPARENT", "");
    env.put("NOMAD_JOB_ID", "dispatch-orchestrator/dispatch-1768471200-3f2a9c1e");
    env.put("NOMAD_JOB_PARENT_ID", "dispatch-orchestrator");
    env.put("NOMAD_TASK_NAME", "orchestrator");
    env.put("NOMAD_TOKEN", "it-workload-identity");
    env.put("NOMAD_ADDR", nomad.url());
    env.put("SERVICE_PROVIDER", "nomad");
    env.put("DISPATCH_TIMEOUT", "15m");
    env.put("LOG_FORMAT", "text");
    List<String> command =
        new ArrayList<>(
            List.of(
                "podman", "run", "--rm", "--name", name, "--network", "host", "--memory", "512m"));
    command.addAll(List.of("--env-file", secrets.toString()));
    env.forEach((k, v) -> command.addAll(List.of("--env", k + "=" + v)));
    command.add(IMAGE);
    Path out = dir.resolve(name + ".out");
    Path err = dir.resolve(name + ".err");
    Process process =
        podmanEnv(new ProcessBuilder(command))
            .redirectOutput(out.toFile())
            .redirectError(err.toFile())
            .start();
    return new Container(name, process, out, err);
  }

  private ObjectNode deployImageParams() {
    ObjectNode params = Fixtures.json("params/deploy-image.json");
    params.put("imageName", sampleImage).put("imageTag", SampleImage.TAG);
    return params;
  }

  private static Map<String, String> template() {
    return Map.of("BACKEND_URL", backend.url(), "ACCESS_TOKEN", BackendDouble.TOKEN);
  }

  @Test
  void theImageRunsAsItsOwnNonRootUser() throws Exception {
    Process id = podman("run", "--rm", "--entrypoint", "id", IMAGE, "-u");
    String uid = new String(id.getInputStream().readAllBytes()).strip();
    assertThat(id.waitFor(1, TimeUnit.MINUTES)).isTrue();
    assertThat(uid).isEqualTo("10001");
  }

  @Test
  void deployImageSucceedsWithEverythingTakenFromNomadsEnvironment() throws Exception {
    backend.resetToHappyPath();
    try (NomadDouble nomad =
        NomadDouble.start(NomadScenario.SUCCESSFUL).autoAdvance(Duration.ofMillis(50))) {
      Container run = dispatch("deploy-image", deployImageParams(), nomad, template());

      assertThat(run.awaitExit()).as(run.stdout()).isZero();
      assertThat(run.stderrLines()).isEmpty();
      assertThat(backend.steps())
          .containsExactly(
              "image_download:in_progress",
              "image_download:completed",
              "deploy:in_progress",
              "deploy:completed",
              "healthCheck:in_progress",
              "healthCheck:completed");
      assertThat(nomad.requests(NomadEndpoint.REGISTER)).hasSize(1);
      assertThat(nomad.lastToken()).isEqualTo("it-workload-identity");
      JsonNode task = nomad.lastRegisteredJob().path("TaskGroups").path(0).path("Tasks").path(0);
      assertThat(task.path("Config").path("image").asText()).startsWith(sampleImage + "@sha256:");
      assertThat(run.stdout()).contains("✓ healthCheck").doesNotContain(BackendDouble.TOKEN);
    }
  }

  @Test
  void badInputExitsWithCodeTwoAndOneLineNamingTheField() throws Exception {
    backend.resetToHappyPath();
    ObjectNode params = deployImageParams();
    params.remove("serviceId");
    try (NomadDouble nomad = NomadDouble.start(NomadScenario.SUCCESSFUL)) {
      Container run = dispatch("deploy-image", params, nomad, template());

      String line = "NOMAD_META_PARAMS: 'serviceId' is required";
      assertThat(run.awaitExit()).isEqualTo(2);
      assertThat(run.stderrLines()).containsExactly(line);
      assertThat(nomad.requests()).isEmpty();
      // The parameters still name a deployment and the template a backend: it hears the first
      // step failed with the same line.
      assertThat(backend.steps()).containsExactly("image_download:failed");
      assertThat(backend.stepUpdates().get(0).path("error").asText()).isEqualTo(line);
    }
  }

  @Test
  void aStopDuringTheHealthWaitEndsWithExit143WithinTheKillTimeout() throws Exception {
    backend.resetToHappyPath();
    try (NomadDouble nomad =
        NomadDouble.start(NomadScenario.NEVER_FINISHES).autoAdvance(Duration.ofMillis(50))) {
      Container run = dispatch("deploy-image", deployImageParams(), nomad, template());
      Instant until = Instant.now().plusSeconds(60);
      while (!backend.steps().contains("healthCheck:in_progress")) {
        assertThat(run.process().isAlive()).as("the run ended before healthCheck").isTrue();
        assertThat(Instant.now()).as("waiting for healthCheck").isBefore(until);
        Thread.sleep(50);
      }

      long sent = System.nanoTime();
      Process stop = podman("stop", "--time", String.valueOf(KILL_TIMEOUT.toSeconds()), run.name());
      int code = run.awaitExit();
      Duration took = Duration.ofNanos(System.nanoTime() - sent);
      stop.waitFor(1, TimeUnit.MINUTES);

      assertThat(code).as(run.stdout()).isEqualTo(143);
      assertThat(took).isLessThan(KILL_TIMEOUT);
      assertThat(backend.steps()).endsWith("healthCheck:in_progress", "healthCheck:failed");
      List<JsonNode> updates = backend.stepUpdates();
      assertThat(updates.get(updates.size() - 1).path("error").asText()).isEqualTo("cancelled");
    }
  }
}
