package io.dispatch.orchestrator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dispatch.orchestrator.StandInBuilders.Mode;
import io.dispatch.testdata.BackendDouble;
import io.dispatch.testdata.Fixtures;
import io.dispatch.testdata.GitRepos;
import io.dispatch.testdata.NomadDouble;
import io.dispatch.testdata.NomadScenario;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Repository deployments built by railpack and nixpacks, with stand-in programs on the PATH that
 * build real images through podman, so that inspect, push and deploy run for real; and {@code
 * build.builder: noop} against the local registry.
 */
class ZeroConfigBuildIT {

  private static final String BUILDKIT_HOST = "tcp://127.0.0.1:1234";

  @TempDir Path dir;
  private Path work;
  private BackendDouble backend;
  private NomadDouble nomad;
  private GitRepos repos;
  private StandInBuilders tools;
  private final String name = "it/zero-" + UUID.randomUUID().toString().substring(0, 8);

  @BeforeEach
  void start() throws IOException {
    work = Files.createDirectories(dir.resolve("work"));
    backend = BackendDouble.start();
    nomad = NomadDouble.start(NomadScenario.SUCCESSFUL).autoAdvance(Duration.ofMillis(50));
    repos = new GitRepos(Files.createDirectories(dir.resolve("git")));
    tools = new StandInBuilders(dir);
  }

  @AfterEach
  void stop() throws IOException {
    backend.close();
    nomad.close();
    try (Stream<Path> left = Files.list(work)) {
      assertThat(left).as("work directories left behind").isEmpty();
    }
  }

  /** A repository without a Dockerfile: a Node app and a static site under web/. */
  private String repository() {
    GitRepos.WorkTree tree = repos.workTree("app-" + UUID.randomUUID().toString().substring(0, 6));
    tree.commit(
        "app",
        Map.of(
            "package.json", "{\"name\":\"app\",\"scripts\":{\"start\":\"node index.js\"}}",
            "index.js", "console.log('hi')",
            "web/index.html", "<h1>hi</h1>"));
    return "file://" + repos.bare(tree, dir.resolve("git"), tree.dir().getFileName().toString());
  }

  private ObjectNode params(String builder) {
    ObjectNode p = Fixtures.json("params/deploy-repository.json");
    p.remove("networks");
    p.remove("gitPass");
    p.put("repository", repository()).put("branch", "main");
    p.put("imageName", System.getenv("TEST_REGISTRY") + "/" + name).put("imageTag", "1.0");
    ObjectNode build = (ObjectNode) p.get("build");
    build.put("builder", builder).remove("buildArgs");
    build.putObject("staticBuildEnv").put("NODE_ENV", "production");
    return p;
  }

  private record Result(int code, String out, List<String> steps, List<JsonNode> updates) {
    String lastError() {
      return updates.get(updates.size() - 1).path("error").asText();
    }
  }

  private Result deploy(ObjectNode params, Map<String, String> extraEnv) {
    params
        .put("nomadAddress", nomad.url())
        .put("backendUrl", backend.url())
        .put("accessToken", BackendDouble.TOKEN);
    Map<String, String> env = new HashMap<>();
    env.put("NOMAD_META_TASK", "deploy-repository");
    env.put("NOMAD_META_PARAMS", Fixtures.base64(params));
    env.put("DOCKER_HOST", System.getenv("DOCKER_HOST"));
    env.put("DISPATCH_WORK_DIR", work.toString());
    env.put("PATH", tools.path());
    env.put("HOME", System.getProperty("user.home"));
    env.put("BUILDKIT_HOST", BUILDKIT_HOST);
    env.put("REGISTRY_PASSWORD", "registry-secret-42");
    env.put("DISPATCH_ALLOW_FILE_REPOSITORIES", "1");
    env.putAll(extraEnv);
    Console console = Console.run(new String[0], env, new ProductionAdapters());
    return new Result(console.code(), console.out(), backend.steps(), backend.stepUpdates());
  }

  private static final List<String> ALL_STEPS_OK =
      List.of(
          "clone:in_progress", "clone:completed",
          "build:in_progress", "build:completed",
          "push:in_progress", "push:completed",
          "deploy:in_progress", "deploy:completed",
          "healthCheck:in_progress", "healthCheck:completed");

  private String deployedImage() {
    return nomad.lastRegisteredJob().at("/TaskGroups/0/Tasks/0/Config/image").asText();
  }

  @Test
  void withoutADockerfileRailpackBuildsAsTheGoProgramRanItAndTheImageIsPushedAndDeployed() {
    tools.install("railpack", Mode.BUILDS).install("nixpacks", Mode.BUILDS);

    Result r = deploy(params(""), Map.of());

    assertThat(r.code()).as(r.out()).isZero();
    assertThat(r.steps()).isEqualTo(ALL_STEPS_OK);
    List<String> args = tools.recorded("railpack", "arg");
    assertThat(args.subList(0, 4)).containsExactly("build", ".", "--name", args.get(3));
    assertThat(args.get(3))
        .matches(Pattern.quote(System.getenv("TEST_REGISTRY") + "/" + name) + ":dispatch-\\w{8}");
    assertThat(args.subList(4, args.size())).containsExactly("--env", "NODE_ENV=production");
    assertThat(tools.recorded("railpack", "files"))
        .containsExactly(".git index.js package.json web ");
    assertThat(tools.environment("railpack", "DOCKER_BUILDKIT")).contains("1");
    assertThat(tools.environment("railpack", "BUILDKIT_HOST")).contains(BUILDKIT_HOST);
    assertThat(tools.environment("railpack", "DOCKER_HOST")).contains(System.getenv("DOCKER_HOST"));
    for (String secret : List.of("NOMAD_META_PARAMS", "ACCESS_TOKEN", "REGISTRY_PASSWORD")) {
      assertThat(tools.environment("railpack", secret)).as(secret).isEmpty();
    }
    assertThat(tools.record("nixpacks")).doesNotExist();
    assertThat(r.out())
        .contains("builder railpack: no Dockerfile in the repository root")
        .contains("│ railpack stand-in: building", "│ STEP 1/4: FROM scratch")
        .containsPattern("✓ build  \\S+  railpack, sha256:[0-9a-f]{12}, no exposed ports");
    assertThat(deployedImage())
        .matches(
            Pattern.quote(System.getenv("TEST_REGISTRY") + "/" + name) + "@sha256:[0-9a-f]{64}");
    assertThat(backend.serviceUpdates().get(0).path("network").findValues("port"))
        .extracting(JsonNode::asInt)
        .contains(3000);
  }

  @Test
  void withoutRailpackNixpacksBuildsWithoutBuildKit() {
    tools.install("nixpacks", Mode.BUILDS);

    Result r = deploy(params(""), Map.of());

    assertThat(r.code()).as(r.out()).isZero();
    assertThat(tools.recorded("nixpacks", "arg").subList(0, 3))
        .containsExactly("build", ".", "--name");
    assertThat(tools.environment("nixpacks", "DOCKER_BUILDKIT")).isEmpty();
    assertThat(r.out()).contains("railpack is not on PATH, nixpacks is", "│ nixpacks stand-in");
  }

  @Test
  void aNamedBuilderRunsInTheRootDirectoryEvenWhenAnotherWouldBeDetected() {
    tools.install("railpack", Mode.BUILDS).install("nixpacks", Mode.BUILDS);
    ObjectNode p = params("nixpacks");
    ((ObjectNode) p.get("build")).put("rootDirectory", "web");

    Result r = deploy(p, Map.of());

    assertThat(r.code()).as(r.out()).isZero();
    assertThat(tools.recorded("nixpacks", "files")).containsExactly("index.html ");
    assertThat(tools.record("railpack")).doesNotExist();
    assertThat(r.out())
        .contains("▶ build  nixpacks in web/", "builder nixpacks: build.builder is nixpacks");
  }

  @Test
  void aNamedBuilderThatIsNotOnThePathFailsTheBuildSayingSo() {
    tools.install("nixpacks", Mode.BUILDS);

    Result r = deploy(params("railpack"), Map.of());

    assertThat(r.code()).isEqualTo(1);
    assertThat(r.steps()).endsWith("clone:completed", "build:in_progress", "build:failed");
    assertThat(r.lastError()).isEqualTo("build.builder is railpack but railpack is not on PATH");
    assertThat(tools.record("nixpacks")).doesNotExist();
    assertThat(nomad.requests()).isEmpty();
  }

  @Test
  void aFailingBuilderFailsTheBuildWithItsLastLinesAndNothingElseIsTried() {
    tools.install("railpack", Mode.FAILS).install("nixpacks", Mode.BUILDS);

    Result r = deploy(params(""), Map.of());

    assertThat(r.code()).isEqualTo(1);
    assertThat(r.steps()).endsWith("build:in_progress", "build:failed");
    assertThat(r.lastError())
        .isEqualTo(
            "railpack failed (exit code 1): railpack stand-in: installing dependencies"
                + " | src/index.ts(3,7): error TS2322: Type string is not assignable to number"
                + " | error: build command failed");
    assertThat(tools.record("nixpacks")).doesNotExist();
    assertThat(r.out()).contains("│ error: build command failed");
  }

  @Test
  void theDeadlineStopsTheBuilderAndEveryProcessItStarted() throws Exception {
    tools.install("railpack", Mode.HANGS);

    Result r = deploy(params(""), Map.of("DISPATCH_TIMEOUT", "8s"));

    assertThat(r.code()).as(r.out()).isEqualTo(4);
    assertThat(r.steps()).endsWith("build:in_progress", "build:failed");
    assertThat(r.lastError()).isEqualTo("timed out after 8s");
    assertThat(tools.stoppedPids()).hasSize(2);
  }

  @Test
  void noopDeploysTheNamedImageFromTheRegistryWithoutCloningOrBuilding() {
    tools.install("railpack", Mode.BUILDS);
    ObjectNode p = params("noop");
    p.put("repository", "file:///nonexistent/repository.git");
    p.put("imageName", SampleImage.pushed()).put("imageTag", SampleImage.TAG);

    Result r = deploy(p, Map.of());

    assertThat(r.code()).as(r.out()).isZero();
    assertThat(r.steps())
        .containsExactly(
            "image_download:in_progress", "image_download:completed",
            "deploy:in_progress", "deploy:completed",
            "healthCheck:in_progress", "healthCheck:completed");
    assertThat(r.out())
        .contains(
            "– clone  skipped: build.builder is noop",
            "– build  skipped: build.builder is noop",
            "– push  skipped: build.builder is noop");
    assertThat(tools.record("railpack")).doesNotExist();
    assertThat(deployedImage())
        .matches(Pattern.quote(SampleImage.pushed()) + "@sha256:[0-9a-f]{64}");
  }
}
