package io.dispatch.orchestrator;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dispatch.testdata.BackendDouble;
import io.dispatch.testdata.Fixtures;
import io.dispatch.testdata.GitHttpServer;
import io.dispatch.testdata.GitRepos;
import io.dispatch.testdata.NomadDouble;
import io.dispatch.testdata.NomadScenario;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * deploy-repository end to end with the production adapters: real git repositories (file:// and
 * HTTP with Basic auth), builds and pushes through podman to the local registries, the backend
 * double and the Nomad double.
 */
class DeployRepositoryIT {

  private static final String DOCKERFILE =
      """
      FROM scratch
      COPY busybox /bin/busybox
      ARG PORT=8080
      EXPOSE $PORT 9090
      USER 1000
      ENTRYPOINT ["/bin/busybox"]
      CMD ["httpd", "-f", "-p", "8080"]
      """;

  @TempDir Path dir;
  private Path work;
  private BackendDouble backend;
  private NomadDouble nomad;
  private GitRepos repos;
  private final String name = "it/repo-" + UUID.randomUUID().toString().substring(0, 8);

  @BeforeEach
  void start() throws IOException {
    work = Files.createDirectories(dir.resolve("work"));
    backend = BackendDouble.start();
    nomad = NomadDouble.start(NomadScenario.SUCCESSFUL).autoAdvance(Duration.ofMillis(50));
    repos = new GitRepos(Files.createDirectories(dir.resolve("git")));
  }

  @AfterEach
  void stop() throws IOException {
    backend.close();
    nomad.close();
    try (Stream<Path> left = Files.list(work)) {
      assertThat(left).as("work directories left behind").isEmpty();
    }
  }

  /** A bare repository whose main branch holds {@code files} (and busybox), as a file:// URL. */
  private String repository(Map<String, String> files) throws IOException {
    GitRepos.WorkTree tree = repos.workTree("app-" + UUID.randomUUID().toString().substring(0, 6));
    String busyboxDir =
        files.keySet().stream()
            .filter(f -> f.endsWith("Dockerfile") || f.endsWith(".prod"))
            .findFirst()
            .map(f -> f.contains("/") ? f.substring(0, f.lastIndexOf('/') + 1) : "")
            .orElse("");
    Files.createDirectories(tree.dir().resolve(busyboxDir.isEmpty() ? "." : busyboxDir));
    Files.copy(Path.of(System.getenv("TEST_BUSYBOX")), tree.dir().resolve(busyboxDir + "busybox"));
    tree.commit("app", files);
    return "file://" + repos.bare(tree, dir.resolve("git"), tree.dir().getFileName().toString());
  }

  private record Result(
      int code, String out, String err, List<String> steps, List<JsonNode> updates) {
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
    env.putAll(extraEnv);
    env.put("NOMAD_META_PARAMS", Fixtures.base64(params));
    env.put("DOCKER_HOST", System.getenv("DOCKER_HOST"));
    env.put("DISPATCH_WORK_DIR", work.toString());
    env.put("DISPATCH_ALLOW_FILE_REPOSITORIES", "1");
    Console console = Console.run(new String[0], env, new ProductionAdapters());
    int code = console.code();
    return new Result(code, console.out(), console.err(), backend.steps(), backend.stepUpdates());
  }

  private ObjectNode params(String repository) {
    ObjectNode p = Fixtures.json("params/deploy-repository.json");
    p.remove("networks");
    p.remove("gitPass");
    p.put("repository", repository).put("branch", "main");
    p.put("imageName", System.getenv("TEST_REGISTRY") + "/" + name).put("imageTag", "1.0");
    ((ObjectNode) p.get("build")).remove("buildArgs");
    return p;
  }

  private static final List<String> ALL_STEPS_OK =
      List.of(
          "clone:in_progress", "clone:completed",
          "build:in_progress", "build:completed",
          "push:in_progress", "push:completed",
          "deploy:in_progress", "deploy:completed",
          "healthCheck:in_progress", "healthCheck:completed");

  private List<Integer> servicePorts() {
    return backend.serviceUpdates().get(0).path("network").findValues("port").stream()
        .filter(JsonNode::isInt)
        .map(JsonNode::asInt)
        .distinct()
        .toList();
  }

  @Test
  void aRepositoryWithTwoExposedPortsIsClonedBuiltPushedAndDeployed() throws IOException {
    Result r = deploy(params(repository(Map.of("Dockerfile", DOCKERFILE))), Map.of());

    assertThat(r.code()).as(r.out()).isZero();
    assertThat(r.steps()).isEqualTo(ALL_STEPS_OK);
    assertThat(r.updates())
        .allSatisfy(u -> assertThat(u.path("deployment_type").asText()).isEqualTo("git"));
    assertThat(servicePorts()).containsExactly(8080, 9090);
    assertThat(backend.serviceUpdates().get(0).path("docker_user").asText()).isEqualTo("1000");
    String image = nomad.lastRegisteredJob().at("/TaskGroups/0/Tasks/0/Config/image").asText();
    assertThat(image)
        .matches(
            java.util.regex.Pattern.quote(System.getenv("TEST_REGISTRY") + "/" + name)
                + "@sha256:[0-9a-f]{64}");
    assertThat(r.out()).contains("│ STEP", "✓ push");
  }

  @Test
  void aDockerfileInASubDirectoryIsBuiltFromThere() throws IOException {
    ObjectNode p =
        params(
            repository(Map.of("services/api/Dockerfile.prod", DOCKERFILE.replace("9090", "9191"))));
    ((ObjectNode) p.get("build"))
        .put("rootDirectory", "/services/api/")
        .put("dockerfilePath", "Dockerfile.prod");

    Result r = deploy(p, Map.of());

    assertThat(r.code()).as(r.out()).isZero();
    assertThat(servicePorts()).containsExactly(8080, 9191);
  }

  @Test
  void buildArgsReachTheBuild() throws IOException {
    ObjectNode p = params(repository(Map.of("Dockerfile", DOCKERFILE)));
    ((ObjectNode) p.get("build")).putObject("buildArgs").put("PORT", "7070");

    Result r = deploy(p, Map.of());

    assertThat(r.code()).as(r.out()).isZero();
    assertThat(servicePorts()).containsExactly(7070, 9090);
  }

  @Test
  void aFailingRunFailsTheBuildWithTheEnginesMessage() throws IOException {
    String failing =
        DOCKERFILE.replace(
            "ARG PORT=8080",
            "RUN [\"/bin/busybox\", \"sh\", \"-c\", \"echo broken >&2; exit 3\"]\nARG PORT=8080");

    Result r = deploy(params(repository(Map.of("Dockerfile", failing))), Map.of());

    assertThat(r.code()).isEqualTo(1);
    assertThat(r.steps())
        .containsExactly(
            "clone:in_progress", "clone:completed", "build:in_progress", "build:failed");
    assertThat(r.lastError()).contains("exit status 3");
    assertThat(nomad.requests()).isEmpty();
  }

  @Test
  void aRepositoryWithoutADockerfileFailsTheBuildSayingWhatWasLookedFor() throws IOException {
    Result r = deploy(params(repository(Map.of("README.md", "no Dockerfile here"))), Map.of());

    assertThat(r.code()).isEqualTo(1);
    assertThat(r.lastError())
        .startsWith(
            "build.builder is csdocker but there is no Dockerfile in the repository root (looked"
                + " for Dockerfile, dockerfile, Dockerfile.prod,");
  }

  @Test
  void aPushTheRegistryRejectsFailsThePushStep() throws IOException {
    ObjectNode p = params(repository(Map.of("Dockerfile", DOCKERFILE)));
    p.put("imageName", System.getenv("TEST_AUTH_REGISTRY") + "/" + name);

    Result r =
        deploy(
            p,
            Map.of(
                "REGISTRY_USERNAME",
                System.getenv("TEST_AUTH_REGISTRY_USER"),
                "REGISTRY_PASSWORD",
                "wrong-password-123"));

    assertThat(r.code()).isEqualTo(1);
    assertThat(r.steps()).endsWith("push:in_progress", "push:failed");
    assertThat(r.lastError()).contains("push of image").containsIgnoringCase("unauthorized");
    assertThat(r.out() + r.err()).doesNotContain("wrong-password-123");
  }

  @Test
  void aPushWithTheRightCredentialsSucceeds() throws IOException {
    ObjectNode p = params(repository(Map.of("Dockerfile", DOCKERFILE)));
    p.put("imageName", System.getenv("TEST_AUTH_REGISTRY") + "/" + name);
    ObjectNode build = (ObjectNode) p.get("build");
    build
        .put("registryUsername", System.getenv("TEST_AUTH_REGISTRY_USER"))
        .put("registryPassword", System.getenv("TEST_AUTH_REGISTRY_PASSWORD"));

    Result r = deploy(p, Map.of());

    assertThat(r.code()).as(r.out()).isZero();
    assertThat(r.out()).doesNotContain(System.getenv("TEST_AUTH_REGISTRY_PASSWORD"));
    JsonNode auth = nomad.lastRegisteredJob().at("/TaskGroups/0/Tasks/0/Config/auth");
    assertThat(auth.path("username").asText()).isEqualTo(System.getenv("TEST_AUTH_REGISTRY_USER"));
  }

  @Test
  void aDeploymentThatNeverFinishesIsStoppedByTheDeadlineAndTheWorkDirectoryIsRemoved()
      throws IOException {
    nomad.close();
    nomad = NomadDouble.start(NomadScenario.NEVER_FINISHES).autoAdvance(Duration.ofMillis(50));

    Result r =
        deploy(
            params(repository(Map.of("Dockerfile", DOCKERFILE))),
            Map.of("DISPATCH_TIMEOUT", "20s"));

    assertThat(r.code()).as(r.out()).isEqualTo(4);
    assertThat(r.steps()).endsWith("healthCheck:in_progress", "healthCheck:failed");
    assertThat(r.lastError()).isEqualTo("timed out after 20s");
  }

  @Test
  void aRedeployWithPushDisabledSkipsThePushAndRunsTheLocallyBuiltImage() throws IOException {
    ObjectNode p = params(repository(Map.of("Dockerfile", DOCKERFILE)));
    ((ObjectNode) p.get("build")).put("disablePush", true);

    Result r = deploy(p, Map.of("NOMAD_META_TASK", "redeploy-repository"));

    assertThat(r.code()).as(r.out()).isZero();
    assertThat(r.steps())
        .containsExactly(
            "clone:in_progress", "clone:completed",
            "build:in_progress", "build:completed",
            "deploy:in_progress", "deploy:completed",
            "healthCheck:in_progress", "healthCheck:completed");
    assertThat(r.out()).contains("– push  skipped: build.disablePush is set");
    assertThat(nomad.lastRegisteredJob().at("/TaskGroups/0/Tasks/0/Config/image").asText())
        .matches(
            java.util.regex.Pattern.quote(System.getenv("TEST_REGISTRY") + "/" + name)
                + ":dispatch-[0-9a-f]{8}");
  }

  @Test
  void aMissingBranchFailsTheCloneNamingIt() throws IOException {
    ObjectNode p = params(repository(Map.of("Dockerfile", DOCKERFILE)));
    p.put("branch", "release-9");

    Result r = deploy(p, Map.of());

    assertThat(r.code()).isEqualTo(1);
    assertThat(r.steps()).containsExactly("clone:in_progress", "clone:failed");
    assertThat(r.lastError()).startsWith("branch 'release-9' not found in file://");
  }

  @Test
  void aRemoteBehindBasicAuthIsClonedWithTheTokenAndTheTokenIsNeverPrinted() throws IOException {
    String token = "ghs_itTokenForBasicAuth42";
    Path served = Files.createDirectories(dir.resolve("served"));
    GitRepos.WorkTree tree = repos.workTree("served-app");
    Files.copy(Path.of(System.getenv("TEST_BUSYBOX")), tree.dir().resolve("busybox"));
    tree.commit("app", Map.of("Dockerfile", DOCKERFILE));
    repos.bare(tree, served, "app");
    try (GitHttpServer http = GitHttpServer.serve(served).requireBasic("x-access-token", token)) {
      ObjectNode p = params(http.url("app"));
      p.put("gitPass", token);

      Result ok = deploy(p, Map.of());
      assertThat(ok.code()).as(ok.out()).isZero();

      backend.resetToHappyPath();
      p.put("gitPass", "ghs_wrongToken000000000");
      Result refused = deploy(p, Map.of());
      assertThat(refused.code()).isEqualTo(1);
      assertThat(refused.lastError()).contains("authentication refused");
      assertThat(ok.out() + refused.out() + refused.err())
          .doesNotContain(token)
          .doesNotContain("ghs_wrongToken");
    }
  }

  @Test
  void anUploadWithAnEntryEscapingTheWorkDirectoryIsRejected() throws IOException {
    assertUploadRejected(tarGz("../../escape.txt", null), "escapes the work directory");
  }

  @Test
  void anUploadWithASymlinkEscapingTheWorkDirectoryIsRejected() throws IOException {
    assertUploadRejected(tarGz("link", "/etc"), "link");
  }

  private void assertUploadRejected(byte[] tarball, String reason) {
    backend
        .server()
        .stubFor(
            get(urlPathEqualTo("/uploads/app.tar.gz"))
                .willReturn(aResponse().withStatus(200).withBody(tarball)));
    ObjectNode p = params("unused/unused");
    p.remove("repository");
    p.remove("branch");
    p.put("sourceType", "local_upload")
        .put("sourceUrl", backend.url() + "/uploads/app.tar.gz?X-Amz-Signature=itSignature77");

    Result r = deploy(p, Map.of());

    assertThat(r.code()).isEqualTo(1);
    assertThat(r.steps()).containsExactly("clone:in_progress", "clone:failed");
    assertThat(r.lastError()).contains(reason).doesNotContain("itSignature77");
    assertThat(dir.getParent().resolve("escape.txt")).doesNotExist();
  }

  /** A .tar.gz with one entry: a file when {@code linkTarget} is null, else a symlink. */
  private static byte[] tarGz(String entry, String linkTarget) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (TarArchiveOutputStream tar =
        new TarArchiveOutputStream(new GzipCompressorOutputStream(bytes))) {
      tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
      if (linkTarget == null) {
        byte[] content = "escaped\n".getBytes(StandardCharsets.UTF_8);
        TarArchiveEntry e = new TarArchiveEntry(entry);
        e.setSize(content.length);
        tar.putArchiveEntry(e);
        tar.write(content);
      } else {
        TarArchiveEntry e = new TarArchiveEntry(entry, TarArchiveEntry.LF_SYMLINK);
        e.setLinkName(linkTarget);
        tar.putArchiveEntry(e);
      }
      tar.closeArchiveEntry();
    }
    return bytes.toByteArray();
  }
}
