package io.dispatch.orchestrator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dispatch.orchestrator.NatsStream.Msg;
import io.dispatch.testdata.BackendDouble;
import io.dispatch.testdata.Fixtures;
import io.dispatch.testdata.GitRepos;
import io.dispatch.testdata.NomadDouble;
import io.dispatch.testdata.NomadScenario;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The events and live log a run publishes, read back from the JetStream stream of the real
 * nats-server: subjects, every payload key and type, the log's lines in order with their phase and
 * sequence, and secrets masked.
 */
class NatsEventsIT {

  private static final List<String> LINE_KEYS =
      List.of(
          "deploymentId",
          "jobId",
          "serviceId",
          "ownerId",
          "logOutput",
          "content",
          "timestamp",
          "sequence",
          "phase");
  private static final List<String> RESULT_KEYS =
      List.of("jobId", "type", "deploymentId", "serviceId", "teamId", "userId", "ownerId");

  private static BackendDouble backend;
  private static NatsStream nats;
  @TempDir Path dir;

  @BeforeAll
  static void start() {
    backend = BackendDouble.start();
    nats = NatsStream.connect();
  }

  @AfterAll
  static void stop() {
    backend.close();
    nats.close();
  }

  /** A run and what it published. */
  record Published(Console console, List<Msg> messages, String deploymentId, long jobId) {

    List<Msg> on(String subject) {
      return messages.stream().filter(m -> m.subject().equals(subject)).toList();
    }

    List<Msg> lines() {
      return on("build.log." + deploymentId);
    }

    List<String> contents() {
      return lines().stream().map(m -> m.text("content")).toList();
    }

    List<String> subjects() {
      return messages.stream().map(Msg::subject).toList();
    }
  }

  /** Runs {@code task} with NATS configured and reads what it published, up to the log's end. */
  private Published publish(String task, ObjectNode params) throws Exception {
    String deploymentId = "it_" + UUID.randomUUID().toString().substring(0, 8);
    long jobId = ThreadLocalRandom.current().nextLong(100_000, 1_000_000_000);
    params.put("deploymentId", deploymentId).put("deploymentJobId", jobId);
    params.put("backendUrl", backend.url()).put("accessToken", BackendDouble.TOKEN);
    backend.resetToHappyPath();
    Map<String, String> env = new HashMap<>(NatsStream.env());
    env.put("NOMAD_META_TASK", task);
    env.put("NOMAD_META_PARAMS", Fixtures.base64(params));
    env.put("DOCKER_HOST", System.getenv("DOCKER_HOST"));
    env.put("DISPATCH_ALLOW_FILE_REPOSITORIES", "1");
    env.put("DISPATCH_WORK_DIR", Files.createDirectories(dir.resolve("work")).toString());
    Instant started = Instant.now().minusSeconds(1);
    Console console = Console.run(env, new ProductionAdapters());
    List<Msg> messages =
        nats.read(
            started,
            m ->
                m.subject().endsWith("." + deploymentId)
                    || m.text("deploymentId").equals(deploymentId)
                    || (m.subject().equals("deployment.status.changed")
                        && m.body().path("jobId").asLong() == jobId),
            m -> m.subject().equals("build.log.end." + deploymentId),
            Duration.ofSeconds(20));
    return new Published(console, messages, deploymentId, jobId);
  }

  private Published deployImage(NomadScenario scenario) throws Exception {
    try (NomadDouble nomad = NomadDouble.start(scenario).autoAdvance(Duration.ofMillis(50))) {
      ObjectNode params = Fixtures.json("params/deploy-image.json");
      params.put("imageName", SampleImage.pushed()).put("imageTag", SampleImage.TAG);
      params.put("nomadAddress", nomad.url());
      return publish("deploy-image", params);
    }
  }

  @Test
  void aSuccessfulImageDeploymentPublishesStartedEveryLogLineSucceededAndTheEnd() throws Exception {
    Published p = deployImage(NomadScenario.SUCCESSFUL);

    assertThat(p.console().code()).as(p.console().out()).isZero();
    assertThat(p.subjects().get(0)).isEqualTo("deployment.status.changed");
    assertThat(p.subjects().get(p.subjects().size() - 1))
        .isEqualTo("build.log.end." + p.deploymentId());
    assertThat(p.on("deployment.failed")).isEmpty();

    JsonNode started = p.on("deployment.status.changed").get(0).body();
    assertThat(fields(started)).containsExactly("jobId", "status");
    assertThat(started.get("jobId").isIntegralNumber()).isTrue();
    assertThat(started.get("jobId").asLong()).isEqualTo(p.jobId());
    assertThat(started.get("status").asText()).isEqualTo("IN_PROGRESS");

    JsonNode succeeded = p.on("deployment.succeeded").get(0).body();
    assertThat(fields(succeeded)).containsExactlyElementsOf(RESULT_KEYS);
    assertThat(succeeded.get("jobId").isIntegralNumber()).isTrue();
    assertThat(succeeded.get("jobId").asLong()).isEqualTo(p.jobId());
    assertThat(succeeded.get("type").asText()).isEqualTo("image");
    assertThat(succeeded.get("deploymentId").asText()).isEqualTo(p.deploymentId());
    assertThat(succeeded.get("serviceId").asText()).isEqualTo("svc_hello");
    assertThat(succeeded.get("teamId").asText()).isEqualTo("team_012");
    assertThat(succeeded.get("userId").isTextual()).isTrue();
    assertThat(succeeded.get("userId").asText()).isEqualTo("1234");
    assertThat(succeeded.get("ownerId").asText()).isEqualTo("3694");

    JsonNode end = p.on("build.log.end." + p.deploymentId()).get(0).body();
    assertThat(fields(end)).containsExactly("deploymentId", "jobId", "status");
    assertThat(end.get("jobId").asLong()).isEqualTo(p.jobId());
    assertThat(end.get("status").asText()).isEqualTo("success");

    assertThat(p.lines())
        .allSatisfy(m -> assertThat(fields(m.body())).containsExactlyElementsOf(LINE_KEYS))
        .allSatisfy(m -> assertThat(m.body().get("jobId").asLong()).isEqualTo(p.jobId()))
        .allSatisfy(m -> assertThat(m.text("content")).endsWith("\n"));
    // every line the console shows, in the same order, without its time
    assertThat(p.contents().stream().map(String::strip).toList())
        .isEqualTo(consoleLines(p.console().out()));
    assertThat(p.lines()).extracting(m -> m.text("logOutput")).containsOnly("stdout");
    assertSequencesCountFromOne(p.lines());
    assertThat(phases(p.lines())).containsExactly("init", "detect", "deploy");
  }

  @Test
  void anUnhealthyDeploymentPublishesFailedWithTheReasonOnStderrAndAFailedEnd() throws Exception {
    Published p = deployImage(NomadScenario.FAILED_UNHEALTHY);

    assertThat(p.console().code()).isEqualTo(1);
    assertThat(p.on("deployment.succeeded")).isEmpty();
    JsonNode failed = p.on("deployment.failed").get(0).body();
    assertThat(fields(failed)).containsExactlyElementsOf(RESULT_KEYS);
    assertThat(failed.get("type").asText()).isEqualTo("image");
    assertThat(p.on("build.log.end." + p.deploymentId()).get(0).text("status")).isEqualTo("failed");
    List<Msg> errors =
        p.lines().stream().filter(m -> m.text("logOutput").equals("stderr")).toList();
    assertThat(errors)
        .anySatisfy(
            m ->
                assertThat(m.text("content"))
                    .startsWith("ERROR ✗ healthCheck")
                    .contains("Failed due to unhealthy allocations"));
    assertThat(errors).allSatisfy(m -> assertThat(m.text("phase")).isEqualTo("deploy"));
    assertSequencesCountFromOne(p.lines());
  }

  @Test
  void aRepositoryBuildStreamsItsOutputInOrderInPhaseBuildWithSecretsMasked() throws Exception {
    String gitToken = "ghs_plantedGitToken4711";
    String urlPassword = "hunter2planted";
    // unique per run, so that the engine's layer cache never skips the RUN
    String script =
        "echo run "
            + UUID.randomUUID()
            + "; for i in $(/bin/busybox seq 1 60); do echo build-line-$i; done; "
            + "echo token "
            + gitToken
            + " seed "
            + NatsStream.SEED
            + " url https://bob:"
            + urlPassword
            + "@example.com/x accessToken=plantedAccess99";
    String dockerfile =
        "FROM scratch\nCOPY busybox /bin/busybox\n"
            + "RUN [\"/bin/busybox\", \"sh\", \"-c\", \""
            + script
            + "\"]\nEXPOSE 8080\nCMD [\"/bin/busybox\", \"httpd\", \"-f\", \"-p\", \"8080\"]\n";
    GitRepos repos = new GitRepos(Files.createDirectories(dir.resolve("git")));
    GitRepos.WorkTree tree = repos.workTree("app");
    Files.copy(Path.of(System.getenv("TEST_BUSYBOX")), tree.dir().resolve("busybox"));
    tree.commit("app", Map.of("Dockerfile", dockerfile));
    String repository = "file://" + repos.bare(tree, dir.resolve("git"), "app");
    try (NomadDouble nomad =
        NomadDouble.start(NomadScenario.SUCCESSFUL).autoAdvance(Duration.ofMillis(50))) {
      ObjectNode params = Fixtures.json("params/deploy-repository.json");
      params.remove("networks");
      params.put("gitPass", gitToken);
      params.put("repository", repository).put("branch", "main");
      params.put(
          "imageName",
          System.getenv("TEST_REGISTRY")
              + "/it/nats-"
              + UUID.randomUUID().toString().substring(0, 8));
      params.put("nomadAddress", nomad.url());
      ((ObjectNode) params.get("build")).remove("buildArgs");

      Published p = publish("deploy-repository", params);

      assertThat(p.console().code()).as(p.console().out()).isZero();
      assertThat(p.on("deployment.succeeded").get(0).text("type")).isEqualTo("git_repo");
      List<Msg> built =
          p.lines().stream()
              .filter(m -> m.text("content").matches("(?s).*│ build-line-\\d+\n"))
              .toList();
      List<String> expected = new ArrayList<>();
      for (int i = 1; i <= 60; i++) {
        expected.add("  │ build-line-" + i + "\n");
      }
      assertThat(built).extracting(m -> m.text("content")).containsExactlyElementsOf(expected);
      assertThat(built).allSatisfy(m -> assertThat(m.text("phase")).isEqualTo("build"));
      assertThat(built).allSatisfy(m -> assertThat(m.text("logOutput")).isEqualTo("stdout"));
      assertThat(phases(p.lines()))
          .containsSubsequence("init", "clone", "build", "registry", "detect", "deploy");
      assertSequencesCountFromOne(p.lines());
      String everything = p.messages().stream().map(m -> m.body().toString()).toList().toString();
      assertThat(everything)
          .contains("token *** seed *** url https://***@example.com/x accessToken=***")
          .doesNotContain(gitToken, NatsStream.SEED, urlPassword, "plantedAccess99");
      assertThat(p.console().out()).doesNotContain(gitToken, NatsStream.SEED, urlPassword);
    }
  }

  @Test
  void destroyPublishesJobDestroyedForEachJobItStoppedOrFoundGone() throws Exception {
    try (NomadDouble nomad = NomadDouble.start(NomadScenario.SUCCESSFUL).givenJob("web-a")) {
      String svc = "svc_" + UUID.randomUUID().toString().substring(0, 8);
      ObjectNode params = new ObjectMapper().createObjectNode();
      ArrayNode jobs = params.putArray("jobs");
      for (String job : List.of("web-a", "gone-b")) {
        jobs.addObject()
            .put("jobId", job)
            .put("serviceId", svc + "_" + job)
            .put("nomadAddress", nomad.url());
      }
      params.put("reason", "suspend_account");
      Map<String, String> env = new HashMap<>(NatsStream.env());
      env.put("NOMAD_META_TASK", "destroy-job-pack");
      env.put("NOMAD_META_PARAMS", params.toString());
      Instant started = Instant.now().minusSeconds(1);

      Console console = Console.run(env, new ProductionAdapters());

      assertThat(console.code()).as(console.out()).isZero();
      List<Msg> destroyed =
          nats.read(
              started,
              m -> m.text("id").startsWith(svc),
              m -> m.text("id").equals(svc + "_gone-b"),
              Duration.ofSeconds(20));
      assertThat(destroyed).extracting(Msg::subject).containsOnly("job.destroyed");
      assertThat(destroyed).extracting(m -> fields(m.body())).containsOnly(List.of("id", "reason"));
      assertThat(destroyed)
          .extracting(m -> m.text("id") + " " + m.text("reason"))
          .containsExactly(svc + "_web-a suspend_account", svc + "_gone-b suspend_account");
    }
  }

  /** The console's log lines (time stripped), without the trace tree printed after the run. */
  static List<String> consoleLines(String out) {
    return out.lines()
        .filter(l -> l.matches("\\d\\d:\\d\\d:\\d\\d\\.\\d{3} .*"))
        .map(l -> l.substring(13).strip())
        .toList();
  }

  static List<String> fields(JsonNode node) {
    List<String> names = new ArrayList<>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }

  /** The phases the lines went through, each once, in order. */
  static List<String> phases(List<Msg> lines) {
    List<String> phases = new ArrayList<>();
    for (Msg m : lines) {
      String phase = m.text("phase");
      if (phases.isEmpty() || !phases.get(phases.size() - 1).equals(phase)) {
        phases.add(phase);
      }
    }
    return phases;
  }

  /** Per output stream, the sequence numbers are 1, 2, 3, … in the order the lines arrived. */
  static void assertSequencesCountFromOne(List<Msg> lines) {
    for (String output : List.of("stdout", "stderr")) {
      List<Long> sequences =
          lines.stream()
              .filter(m -> m.text("logOutput").equals(output))
              .map(m -> m.body().get("sequence").asLong())
              .toList();
      for (int i = 0; i < sequences.size(); i++) {
        assertThat(sequences.get(i)).as(output + " line " + (i + 1)).isEqualTo(i + 1L);
      }
    }
  }
}
