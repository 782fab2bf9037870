package io.dispatch.orchestrator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dispatch.lifecycle.params.BuilderName;
import io.dispatch.lifecycle.ports.Release;
import io.dispatch.lifecycle.run.StepFailedException;
import io.dispatch.portdetector.ImageMetadata;
import io.dispatch.testdata.BackendDouble;
import io.dispatch.testdata.Fixtures;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The build step's choice of builder through a whole repository run, with stand-ins for the source,
 * the builders and Nomad: which builder ran, what it was given, what the user reads, what the
 * backend hears.
 */
class BuilderRunTest {

  private static final String PUSHED = FakeBuildAdapters.PUSHED;
  private static BackendDouble backend;

  @TempDir Path dir;
  private final FakeBuildAdapters fake = new FakeBuildAdapters();
  private final Set<BuilderName> installed = fake.installed;
  private final List<String> calls = fake.calls;
  private final List<Release> released = fake.released;

  @BeforeAll
  static void startBackend() {
    backend = BackendDouble.start();
  }

  @AfterAll
  static void stopBackend() {
    backend.close();
  }

  @BeforeEach
  void reset() {
    backend.resetToHappyPath();
  }

  private record Result(int code, String out, String err) {}

  private Result run(ObjectNode params, Map<String, String> extraEnv) {
    params.put("backendUrl", backend.url()).put("accessToken", BackendDouble.TOKEN);
    params.remove("networks");
    Map<String, String> env = new HashMap<>(extraEnv);
    env.put("NOMAD_META_TASK", "deploy-repository");
    env.put("NOMAD_META_PARAMS", Fixtures.base64(params));
    env.put("DISPATCH_WORK_DIR", dir.toString());
    AdapterFactory factory = fake.adapters();
    Console console = Console.run(new String[0], env, factory);
    return new Result(console.code(), console.out(), console.err());
  }

  private static ObjectNode params(String builderName) {
    ObjectNode p = Fixtures.json("params/deploy-repository.json");
    ObjectNode build = (ObjectNode) p.get("build");
    build.put("builder", builderName);
    build.putObject("staticBuildEnv").put("NODE_ENV", "production").put("APP_VERSION", "0.9");
    return p;
  }

  private String lastError() {
    List<JsonNode> updates = backend.stepUpdates();
    return updates.get(updates.size() - 1).path("error").asText();
  }

  private static final String TARGET = "127.0.0.1:5000/acme/admin-api:latest";
  private static final String LOOKED_FOR =
      "(looked for Dockerfile, dockerfile, Dockerfile.prod, Dockerfile.production, Dockerfile.dev,"
          + " Dockerfile.development)";

  @Test
  void withoutADockerfileRailpackBuildsWithTheBuildEnvironmentAndIsNamedInSummaryAndTrace()
      throws IOException {
    installed.addAll(Set.of(BuilderName.RAILPACK, BuilderName.NIXPACKS));
    Path traceFile = dir.resolve("trace.json");

    Result r = run(params(""), Map.of("TRACE_FILE", traceFile.toString()));

    assertThat(r.code()).as(r.out()).isZero();
    assertThat(calls)
        .containsExactly(
            "fetch", "railpack {APP_VERSION=1.4.2, NODE_ENV=production}", "push " + TARGET);
    assertThat(r.out())
        .contains(
            "▶ build  detect builder in the repository root",
            "builder railpack: no Dockerfile in the repository root "
                + LOOKED_FOR
                + "; railpack is on PATH",
            "│ ╔ railpack plan")
        .containsPattern("✓ build  \\d+ms  railpack, sha256:aaaaaaaaaaaa, no exposed ports");
    JsonNode build =
        new ObjectMapper().readTree(Files.readString(traceFile)).at("/root/children/1");
    assertThat(build.path("name").asText()).isEqualTo("build");
    assertThat(build.at("/attributes/builder").asText()).isEqualTo("railpack");
    assertThat(released.get(0).networks().entries())
        .extracting(e -> e.port())
        .containsExactly(3000);
  }

  @Test
  void withoutADockerfileOrRailpackNixpacksBuilds() {
    installed.add(BuilderName.NIXPACKS);

    Result r = run(params(""), Map.of());

    assertThat(r.code()).as(r.out()).isZero();
    assertThat(calls).element(1).asString().startsWith("nixpacks ");
    assertThat(r.out()).contains("railpack is not on PATH, nixpacks is");
  }

  @Test
  void aDockerfileInTheRootDirectoryIsBuiltWithBuildArgsAndTheStaticEnvironment() {
    installed.add(BuilderName.RAILPACK);
    fake.repositoryFiles =
        Map.of("services/api/Dockerfile.prod", "FROM scratch", "Dockerfile", "x");
    ObjectNode p = params("");
    ((ObjectNode) p.get("build")).put("rootDirectory", "services/api");

    Result r = run(p, Map.of());

    assertThat(r.code()).as(r.out()).isZero();
    assertThat(calls)
        .element(1)
        .isEqualTo("csdocker Dockerfile.prod {APP_VERSION=1.4.2, NODE_ENV=production}");
    assertThat(r.out()).contains("builder csdocker: Dockerfile.prod found in services/api/");
    assertThat(released.get(0).networks().entries())
        .extracting(e -> e.port())
        .containsExactly(8000);
  }

  @Test
  void withNothingToBuildWithTheBuildFailsNamingWhatWasTriedAndWhatIsMissing() {
    Result r = run(params(""), Map.of());

    assertThat(r.code()).isEqualTo(1);
    assertThat(backend.steps()).endsWith("build:in_progress", "build:failed");
    assertThat(lastError())
        .isEqualTo(
            "no Dockerfile in the repository root "
                + LOOKED_FOR
                + ", and neither railpack nor nixpacks is on PATH");
    assertThat(calls).containsExactly("fetch");
    assertThat(released).isEmpty();
  }

  @Test
  void aNamedBuilderThatIsNotInstalledFailsWithoutTryingAnother() {
    installed.add(BuilderName.NIXPACKS);
    fake.repositoryFiles = Map.of("Dockerfile", "FROM scratch");

    Result r = run(params("railpack"), Map.of());

    assertThat(r.code()).isEqualTo(1);
    assertThat(lastError())
        .as(r.out())
        .isEqualTo("build.builder is railpack but railpack is not on PATH");
    assertThat(calls).containsExactly("fetch");
  }

  @Test
  void aBuildThatFailsIsNotRetriedWithTheNextBuilder() {
    installed.addAll(Set.of(BuilderName.RAILPACK, BuilderName.NIXPACKS));
    fake.repositoryFiles = Map.of("Dockerfile", "FROM scratch");
    fake.buildFailure =
        new StepFailedException("image build failed: RUN npm run build: exit status 2");

    Result r = run(params(""), Map.of());

    assertThat(r.code()).isEqualTo(1);
    assertThat(calls).hasSize(2).element(1).asString().startsWith("csdocker Dockerfile ");
    assertThat(lastError()).isEqualTo("image build failed: RUN npm run build: exit status 2");
    assertThat(r.err()).contains("failed at build: image build failed");
  }

  @Test
  void noopSkipsCloneBuildAndPushAndDeploysTheNamedImageFromItsRegistry() {
    fake.imageSays =
        new ImageMetadata(List.of("8080/tcp"), List.of(), "1000", List.of(), List.of());

    Result r = run(params("noop"), Map.of());

    assertThat(r.code()).as(r.out()).isZero();
    assertThat(calls).containsExactly("read " + TARGET);
    assertThat(backend.steps())
        .containsExactly(
            "image_download:in_progress",
            "image_download:completed",
            "deploy:in_progress",
            "deploy:completed",
            "healthCheck:in_progress",
            "healthCheck:completed");
    assertThat(r.out())
        .contains(
            "– clone  skipped: build.builder is noop: the source is not needed",
            "– build  skipped: build.builder is noop: " + TARGET + " is deployed as it is",
            "– push  skipped: build.builder is noop: nothing was built");
    Release release = released.get(0);
    assertThat(release.image().pullReference())
        .isEqualTo("127.0.0.1:5000/acme/admin-api@" + PUSHED);
    assertThat(release.networks().entries()).extracting(e -> e.port()).containsExactly(8080);
    assertThat(backend.serviceUpdates().get(0).path("docker_user").asText()).isEqualTo("1000");
  }

  @Test
  void aNoopImageThatSaysNothingGetsTheZeroConfigPort() {
    Result r = run(params("noop"), Map.of());

    assertThat(r.code()).as(r.out()).isZero();
    assertThat(released.get(0).networks().entries())
        .extracting(e -> e.port())
        .containsExactly(3000);
  }
}
