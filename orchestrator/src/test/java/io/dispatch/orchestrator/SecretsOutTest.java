package io.dispatch.orchestrator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dispatch.lifecycle.image.ImageConfig;
import io.dispatch.lifecycle.image.ImageInspector;
import io.dispatch.lifecycle.params.ImageReference;
import io.dispatch.lifecycle.params.ServiceDeployment;
import io.dispatch.lifecycle.ports.RegisteredJob;
import io.dispatch.lifecycle.ports.ServiceScheduler;
import io.dispatch.lifecycle.ports.SourceFetcher;
import io.dispatch.lifecycle.run.StepFailedException;
import io.dispatch.portdetector.ImageMetadata;
import io.dispatch.testdata.BackendDouble;
import io.dispatch.testdata.Fixtures;
import io.dispatch.testdata.OtlpSink;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A secret planted in a field, then echoed by whatever fails (a library's message, Nomad echoing a
 * request): it never leaves the process, not in stdout, stderr, the trace file, the OTLP export or
 * the backend's bodies, where the step's error reaches the user's dashboard. And environment
 * registry credentials are only ever offered to the registry they belong to.
 */
class SecretsOutTest {

  private static BackendDouble backend;
  private static OtlpSink otlp;

  @TempDir Path dir;

  @BeforeAll
  static void start() {
    backend = BackendDouble.start();
    otlp = OtlpSink.start();
  }

  @AfterAll
  static void stop() {
    backend.close();
    otlp.close();
  }

  @BeforeEach
  void reset() {
    backend.resetToHappyPath();
    otlp.reset();
  }

  /** What fails, echoing the parameters, the environment and the secret itself. */
  enum Failure {
    NONE,
    CLONE,
    DEPLOY
  }

  static Stream<Arguments> plantedSecrets() {
    return Stream.of(
        row(
            "token-only user info in nomadAddress",
            "deploy-image",
            "NomadTok3n-a1",
            (p, s) -> p.put("nomadAddress", "http://" + s + "@127.0.0.1:4646"),
            Failure.NONE),
        row(
            "token-only user info in NOMAD_ADDR",
            "deploy-image",
            "NomadTok3n-b2",
            (p, s) -> {},
            Failure.NONE,
            "NOMAD_ADDR",
            "http://%s@127.0.0.1:4646"),
        row(
            "token-only user info in sourceUrl",
            "deploy-repository",
            "UploadTok-c3",
            (p, s) ->
                p.put("sourceType", "local_upload")
                    .put("sourceUrl", "https://" + s + "@uploads.example.test/a.tgz"),
            Failure.NONE),
        row(
            "token-only user info in the OTLP endpoint",
            "deploy-image",
            "OtlpTok-d4",
            (p, s) -> {},
            Failure.NONE,
            "OTEL_EXPORTER_OTLP_ENDPOINT",
            "http://%s@127.0.0.1:4318"),
        row(
            "an upload URL's signature echoed by the download",
            "deploy-repository",
            "Sig-e5e5e5",
            (p, s) ->
                p.put("sourceType", "local_upload")
                    .put("sourceUrl", "https://uploads.example.test/a.tgz?X-Amz-Signature=" + s),
            Failure.CLONE),
        row(
            "a token-only repository URL echoed by the clone",
            "deploy-repository",
            "GitTok-f6f6",
            (p, s) -> p.put("repository", "https://" + s + "@git.example.test/acme/app.git"),
            Failure.CLONE),
        row(
            "gitPass echoed by the clone",
            "deploy-repository",
            "ghs_PlantedGitPass7",
            (p, s) -> p.put("gitPass", s),
            Failure.CLONE),
        row(
            "the Nomad token echoed by a Nomad 400",
            "deploy-image",
            "nomad-planted-token-8",
            (p, s) -> p.put("nomadToken", s),
            Failure.DEPLOY),
        row(
            "the registry password echoed by a Nomad 400",
            "deploy-image",
            "registry-planted-pw-9",
            (p, s) -> {},
            Failure.DEPLOY,
            "REGISTRY_PASSWORD",
            "%s",
            "REGISTRY_USERNAME",
            "robot"),
        row(
            "build.registryPassword echoed by a failure",
            "deploy-repository",
            "build-planted-pw-10",
            (p, s) ->
                ((ObjectNode) p.get("build"))
                    .put("registryUsername", "robot")
                    .put("registryPassword", s),
            Failure.CLONE),
        row(
            "a Vault secretId echoed by a failure",
            "deploy-image",
            "vault-planted-secret-11",
            (p, s) -> p.put("secretId", s),
            Failure.DEPLOY),
        row(
            "an OTLP header echoed by a failure",
            "deploy-image",
            "otlp-planted-header-12",
            (p, s) -> {},
            Failure.DEPLOY,
            "OTEL_EXPORTER_OTLP_HEADERS",
            "authorization=Bearer%20%s"),
        row(
            "the backend's own token echoed by a failure",
            "deploy-image",
            BackendDouble.TOKEN,
            (p, s) -> {},
            Failure.DEPLOY));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("plantedSecrets")
  void aPlantedSecretNeverLeavesTheProcess(
      String name,
      String task,
      String secret,
      java.util.function.BiConsumer<ObjectNode, String> plant,
      Failure failure,
      Map<String, String> extraEnv)
      throws Exception {
    ObjectNode params =
        Fixtures.json(task.equals("deploy-image") ? HostileInputs.IMAGE : HostileInputs.REPO);
    params.put("backendUrl", backend.url()).put("accessToken", BackendDouble.TOKEN);
    plant.accept(params, secret);
    Map<String, String> env = new HashMap<>();
    env.put("OTEL_EXPORTER_OTLP_ENDPOINT", otlp.endpoint());
    env.put("TRACE_FILE", dir.resolve("trace.json").toString());
    extraEnv.forEach((k, v) -> env.put(k, v.replace("%s", secret)));
    env.put("NOMAD_META_TASK", task);
    env.put("NOMAD_META_PARAMS", Fixtures.base64(params));
    String echo = "it said: " + String.join(" ", echoes(params, env, secret));

    Console r = Console.run(env, adapters(failure, echo));

    assertThat(r.code()).isEqualTo(failure == Failure.NONE ? 2 : 1);
    assertThat(r.out()).doesNotContain(secret);
    assertThat(r.err()).doesNotContain(secret).isNotBlank();
    assertThat(backendBodies()).doesNotContain(secret);
    if (Files.exists(dir.resolve("trace.json"))) {
      assertThat(Files.readString(dir.resolve("trace.json"))).doesNotContain(secret);
    }
    for (OtlpSink.Export export : otlp.exports()) {
      assertThat(new String(export.body(), StandardCharsets.ISO_8859_1)).doesNotContain(secret);
    }
    if (failure != Failure.NONE) {
      assertThat(backend.stepUpdates())
          .anySatisfy(u -> assertThat(u.path("error").asText()).contains("it said: "));
    }
  }

  @ParameterizedTest(name = "{0} with REGISTRY_URL={1} may use the environment's credentials: {2}")
  @CsvSource(
      nullValues = "none",
      value = {
        "ghcr.io/acme/app, none, false",
        "nginx, none, true",
        "docker.io/library/nginx, none, true",
        "ghcr.io/acme/app, registry.example.com, false",
        "nginx, registry.example.com, false",
        "registry.example.com/acme/app, registry.example.com, true",
        "REGISTRY.example.com:443/acme/app, https://registry.example.com:443/, true",
      })
  void environmentRegistryCredentialsStayWithTheirRegistry(
      String imageName, String registryUrl, boolean offered) {
    ObjectNode p = Fixtures.json(HostileInputs.IMAGE).put("imageName", imageName);
    p.remove("imageTag");
    Map<String, String> env = HostileInputs.env("deploy-image", Fixtures.base64(p));
    env.put("REGISTRY_USERNAME", "platform-robot");
    env.put("REGISTRY_PASSWORD", "platform-password");
    if (registryUrl != null) {
      env.put("REGISTRY_URL", registryUrl);
    }

    ServiceDeployment d = (ServiceDeployment) Inputs.decode(env).request();
    ImageReference image = ((io.dispatch.lifecycle.params.ImageDeployment) d).image();

    assertThat(image.credentialsFrom(d.registryCredentials()).isPresent()).isEqualTo(offered);
  }

  private String backendBodies() {
    StringBuilder all = new StringBuilder();
    backend.server().getAllServeEvents().forEach(e -> all.append(e.getRequest().getBodyAsString()));
    return all.toString();
  }

  /** Everything a careless library or Nomad might echo: the parameters and the environment. */
  private static List<String> echoes(ObjectNode params, Map<String, String> env, String secret) {
    return List.of(params.toString(), env.toString(), "X-Nomad-Token: " + secret, secret);
  }

  private static AdapterFactory adapters(Failure failure, String echo) {
    ImageInspector images =
        (image, credentials, control) ->
            new ImageConfig(
                image, "sha256:" + "b".repeat(64), ImageMetadata.empty(), "registry", 1);
    SourceFetcher sources =
        (source, directory) -> {
          throw new StepFailedException(echo);
        };
    ServiceScheduler scheduler =
        new ServiceScheduler() {
          @Override
          public RegisteredJob register(
              io.dispatch.lifecycle.ports.Release release, io.dispatch.lifecycle.trace.Span span) {
            if (failure == Failure.DEPLOY) {
              throw new StepFailedException("Nomad refused the job: 400 " + echo);
            }
            return new RegisteredJob(
                release.identity().jobId(),
                "eval-1",
                1,
                1,
                release.service().update(),
                release.runtime().kind());
          }

          @Override
          public String awaitHealthy(RegisteredJob job, io.dispatch.lifecycle.trace.Span span) {
            return "healthy";
          }
        };
    // the builder is never reached: the clone fails first
    return StandIns.with().images(images).sources(sources).scheduler(scheduler);
  }

  private static Arguments row(
      String name,
      String task,
      String secret,
      java.util.function.BiConsumer<ObjectNode, String> plant,
      Failure failure,
      String... env) {
    Map<String, String> extra = new HashMap<>();
    for (int i = 0; i + 1 < env.length; i += 2) {
      extra.put(env[i], env[i + 1]);
    }
    return Arguments.of(name, task, secret, plant, failure, extra);
  }
}
