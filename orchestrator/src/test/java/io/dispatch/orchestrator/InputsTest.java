package io.dispatch.orchestrator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dispatch.lifecycle.params.DestroyRequest;
import io.dispatch.lifecycle.params.GitSource;
import io.dispatch.lifecycle.params.ImageDeployment;
import io.dispatch.lifecycle.params.RepositoryDeployment;
import io.dispatch.lifecycle.params.UploadSource;
import io.dispatch.portdetector.HealthCheck;
import io.dispatch.portdetector.PortType;
import io.dispatch.testdata.Fixtures;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class InputsTest {

  private static Map<String, String> env(String task, String params) {
    Map<String, String> env = new HashMap<>();
    env.put("NOMAD_META_TASK", task);
    env.put("NOMAD_META_PARAMS", params);
    return env;
  }

  private static ImageDeployment image(ObjectNode doc) {
    return (ImageDeployment) Inputs.decode(env("deploy-image", Fixtures.base64(doc))).request();
  }

  @Test
  void decodesTheDeployImageExample() {
    ImageDeployment d = image(Fixtures.json("params/deploy-image.json"));

    assertThat(d.identity().jobId()).isEqualTo("hello-web");
    assertThat(d.identity().deploymentId()).isEqualTo("gdeployment_0042");
    assertThat(d.identity().serviceId()).isEqualTo("svc_hello");
    assertThat(d.identity().deploymentJobId()).isEqualTo(42);
    assertThat(d.identity().ownerId()).isEqualTo("3694");
    assertThat(d.identity().userId()).isEqualTo(1234);
    assertThat(d.image()).hasToString("127.0.0.1:5000/demo/hello:1.0");
    assertThat(d.service().resources().cpuMhz()).isEqualTo(100);
    assertThat(d.service().resources().memoryMb()).isEqualTo(128);
    assertThat(d.service().restart().attempts()).isEqualTo(2);
    assertThat(d.service().update().minHealthyTime()).isEqualTo(Duration.ofSeconds(5));
    assertThat(d.service().update().healthyDeadline()).isEqualTo(Duration.ofMinutes(2));
    assertThat(d.service().clusterDomain()).isEqualTo("apps.example.test");
    assertThat(d.service().networks()).isEmpty();
    assertThat(d.backend()).isEmpty();
    assertThat(d.nomad().address()).isEqualTo("http://127.0.0.1:4646");
  }

  @Test
  void natsIsConfiguredByItsTwoVariablesAndItsSeedIsASecret() {
    String seed = "SU" + "B".repeat(56);
    Map<String, String> env =
        env("deploy-image", Fixtures.base64(Fixtures.json("params/deploy-image.json")));
    assertThat(Inputs.decode(env).nats()).isEmpty();

    env.put("NATS_SERVERS", "nats://n1:4222,nats://n2:4222");
    env.put("NATS_CLIENT_PRIVATE_KEY", seed);
    env.put("NATS_STREAM_PREFIX", "cs");
    Inputs inputs = Inputs.decode(env);

    assertThat(inputs.nats()).hasValueSatisfying(n -> assertThat(n.prefix()).isEqualTo("cs"));
    assertThat(inputs.nats().get().servers()).containsExactly("nats://n1:4222", "nats://n2:4222");
    assertThat(inputs.secrets()).contains(seed);
  }

  @Test
  void decodesTheDeployRepositoryExampleWithItsNetwork() {
    Inputs in =
        Inputs.decode(
            env(
                "deploy-repository",
                Fixtures.base64(Fixtures.json("params/deploy-repository.json"))));
    RepositoryDeployment d = (RepositoryDeployment) in.request();

    GitSource git = (GitSource) d.source();
    assertThat(git.cloneUrl()).isEqualTo("https://github.com/acme/admin-api.git");
    assertThat(git.tokenUser()).isEqualTo("x-access-token");
    assertThat(d.service().replicaCount()).isEqualTo(2);
    assertThat(d.service().restart().attempts()).isEqualTo(3);
    assertThat(d.service().consul().serviceName()).isEqualTo("admin-api");
    assertThat(d.build().buildArgs()).containsEntry("APP_VERSION", "1.4.2");
    var net = d.service().networks().get(0);
    assertThat(net.port()).isEqualTo(8080);
    assertThat(net.type()).isEqualTo(PortType.HTTP);
    assertThat(net.isPublic()).isTrue();
    assertThat(net.domain()).isEqualTo("admin-api");
    assertThat(net.healthCheck().path()).isEqualTo("/health");
    assertThat(net.healthCheck().timeout()).isEqualTo(Duration.ofSeconds(5));
    assertThat(in.secrets()).contains("ghs_exampleTokenNotReal000000000000");
  }

  @Test
  void decodesAnUploadAndKeepsItsSignatureSecret() {
    Inputs in =
        Inputs.decode(
            env(
                "redeploy-repository",
                Fixtures.base64(Fixtures.json("params/redeploy-repository.json"))));
    RepositoryDeployment d = (RepositoryDeployment) in.request();

    assertThat(d.task()).isEqualTo("redeploy-repository");
    UploadSource upload = (UploadSource) d.source();
    assertThat(upload.display()).isEqualTo("https://uploads.example.test/abc.tar.gz");
    assertThat(upload.toString()).doesNotContain("Signature");
    assertThat(in.secrets()).contains("X-Amz-Signature=exampleSignatureNotReal");
  }

  @Test
  void decodesTheDestroyExampleWithEachJobsOwnClusterAndTheEnvironmentAsFallback() {
    Map<String, String> env =
        env("destroy-job-pack", Fixtures.base64(Fixtures.json("params/destroy-job-pack.json")));
    env.put("NOMAD_ADDR", "https://nomad.env.test:4646");
    env.put("NOMAD_TOKEN", "env-token-1234");
    Inputs in = Inputs.decode(env);
    DestroyRequest d = (DestroyRequest) in.request();

    assertThat(d.reason()).isEqualTo("delete");
    assertThat(d.jobs().get(0).nomad().address()).isEqualTo("http://127.0.0.1:4646");
    assertThat(d.jobs().get(0).nomad().token()).isEqualTo("nomad-example-token-not-real");
    assertThat(d.jobs().get(1).nomad().address()).isEqualTo("https://nomad.env.test:4646");
    assertThat(d.jobs().get(1).nomad().token()).isEqualTo("env-token-1234");
    assertThat(in.secrets()).contains("nomad-example-token-not-real", "env-token-1234");
  }

  @Test
  void theMetaVariableAsWrittenWinsOverTheUpperCasedOneAndEmptyMeansAbsent() {
    Map<String, String> env = new HashMap<>();
    env.put("NOMAD_META_task", "deploy-image");
    env.put("NOMAD_META_TASK", "destroy-job-pack");
    env.put("NOMAD_META_params", "");
    env.put("NOMAD_META_PARAMS", Fixtures.base64(Fixtures.json("params/deploy-image.json")));

    assertThat(Inputs.decode(env).request()).isInstanceOf(ImageDeployment.class);
  }

  @Test
  void paramsMayBePlainJsonOrAnyBase64Variant() {
    String json = Fixtures.json("params/deploy-image.json").toString();
    byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
    String padded = Base64.getEncoder().encodeToString(bytes);
    String unpadded = padded.replace("=", "");
    String urlSafe = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    String wrapped = Base64.getMimeEncoder().encodeToString(bytes);

    for (String params : new String[] {json, "  " + json, padded, unpadded, urlSafe, wrapped}) {
      assertThat(Inputs.decode(env("deploy-image", params)).request())
          .isInstanceOf(ImageDeployment.class);
    }
  }

  @Test
  void lenientNumbersAcceptNumbersNumericStringsAndEmptyStrings() {
    ObjectNode doc = Fixtures.json("params/deploy-image.json");
    doc.put("replicaCount", "3");
    doc.put("cpu", "");
    doc.put("deploymentJobId", 77.0);
    doc.put("ownerId", 12.0);

    ImageDeployment d = image(doc);

    assertThat(d.service().replicaCount()).isEqualTo(3);
    assertThat(d.service().resources().cpuMhz()).isEqualTo(200);
    assertThat(d.identity().deploymentJobId()).isEqualTo(77);
    assertThat(d.identity().ownerId()).isEqualTo("12");
  }

  @Test
  void defaultsApplyWhenFieldsAreAbsent() {
    ObjectNode doc = Fixtures.json("params/deploy-image.json");
    for (String f :
        new String[] {"replicaCount", "cpu", "ram", "restartMode", "restartAttempts", "update"}) {
      doc.remove(f);
    }
    ImageDeployment d = image(doc);

    assertThat(d.service().replicaCount()).isEqualTo(1);
    assertThat(d.service().resources().cpuMhz()).isEqualTo(200);
    assertThat(d.service().resources().memoryMb()).isEqualTo(256);
    assertThat(d.service().restart().mode()).isEqualTo("fail");
    assertThat(d.service().restart().attempts()).isEqualTo(3);
    assertThat(d.service().update().progressDeadline()).isEqualTo(Duration.ofMinutes(10));
    assertThat(d.service().update().autoRevert()).isTrue();
  }

  @Test
  void restartModeNeverMeansNoRestarts() {
    ObjectNode doc = Fixtures.json("params/deploy-image.json");
    doc.put("restartMode", "never");
    assertThat(image(doc).service().restart().attempts()).isZero();
    doc.put("restartMode", "delay");
    assertThat(image(doc).service().restart().mode()).isEqualTo("delay");
  }

  @Test
  void networkDefaultsFollowThePortAndHealthChecksCanBeTurnedOff() {
    ObjectNode doc = Fixtures.json("params/deploy-image.json");
    doc.putArray("networks")
        .add(Fixtures.json("params/deploy-image.json").objectNode().put("portNumber", "5432"))
        .add(
            Fixtures.json("params/deploy-image.json")
                .objectNode()
                .put("portNumber", 8443)
                .put("portType", "https")
                .set("health_check", doc.objectNode().put("type", "none")));

    var networks = image(doc).service().networks();

    assertThat(networks.get(0).type()).isEqualTo(PortType.TCP);
    assertThat(networks.get(0).healthCheck().type()).isEqualTo(HealthCheck.Type.TCP);
    assertThat(networks.get(0).hasHealthCheck()).isEqualTo("tcp");
    assertThat(networks.get(1).type()).isEqualTo(PortType.HTTP);
    assertThat(networks.get(1).healthCheck().type()).isEqualTo(HealthCheck.Type.NONE);
  }

  @Test
  void healthCheckPeriodsAcceptGoDurationsAndBareSeconds() {
    ObjectNode doc = Fixtures.json("params/deploy-image.json");
    doc.putArray("networks")
        .add(
            doc.objectNode()
                .put("portNumber", 80)
                .set(
                    "health_check",
                    doc.objectNode().put("interval", "1m30s").put("timeout", "10")));

    HealthCheck check = image(doc).service().networks().get(0).healthCheck();

    assertThat(check.interval()).isEqualTo(Duration.ofSeconds(90));
    assertThat(check.timeout()).isEqualTo(Duration.ofSeconds(10));
  }

  @Test
  void environmentFillsInTheBackendAndNomadWhenTheParametersDoNot() {
    Map<String, String> env =
        env("deploy-image", Fixtures.base64(Fixtures.json("params/deploy-image.json")));
    env.put("BACKEND_URL", "http://backend.test/");
    env.put("ACCESS_TOKEN", "env-access-token");
    env.put("NOMAD_ADDR", "https://nomad.test:4646/");
    env.put("NOMAD_NAMESPACE", "apps");
    Inputs in = Inputs.decode(env);
    ImageDeployment d = (ImageDeployment) in.request();

    assertThat(d.backend())
        .get()
        .extracting(b -> b.url().toString())
        .isEqualTo("http://backend.test/");
    assertThat(d.nomad().address()).isEqualTo("https://nomad.test:4646");
    assertThat(d.nomad().namespace()).isEqualTo("apps");
    assertThat(in.secrets()).contains("env-access-token");
  }

  @Test
  void parametersWinOverTheEnvironment() {
    ObjectNode doc = Fixtures.json("params/deploy-image.json");
    doc.put("backendUrl", "http://params-backend.test").put("accessToken", "params-token");
    doc.put("nomadAddress", "http://params-nomad.test:4646");
    Map<String, String> env = env("deploy-image", Fixtures.base64(doc));
    env.put("BACKEND_URL", "http://env-backend.test");
    env.put("ACCESS_TOKEN", "env-token");
    env.put("NOMAD_ADDR", "http://env-nomad.test:4646");

    ImageDeployment d = (ImageDeployment) Inputs.decode(env).request();

    assertThat(d.backend().get().url().getHost()).isEqualTo("params-backend.test");
    assertThat(d.backend().get().accessToken()).isEqualTo("params-token");
    assertThat(d.nomad().address()).isEqualTo("http://params-nomad.test:4646");
  }

  @Test
  void theBackendIsUsedOnlyWhenBothUrlAndTokenAreKnown() {
    ObjectNode doc = Fixtures.json("params/deploy-image.json");
    doc.put("backendUrl", "http://backend.test");
    assertThat(image(doc).backend()).isEmpty();
  }

  @Test
  void unknownKeysAreIgnored() {
    ObjectNode doc = Fixtures.json("params/deploy-image.json");
    doc.put("name", "test-app").put("somethingNew", 42);
    assertThat(image(doc).identity().jobId()).isEqualTo("hello-web");
  }

  @Test
  void runtimeSettingsComeFromTheEnvironment() {
    Map<String, String> env =
        env("deploy-image", Fixtures.base64(Fixtures.json("params/deploy-image.json")));
    env.put("DISPATCH_TIMEOUT", "90s");
    env.put("DOCKER_HOST", "unix:///run/podman.sock");
    env.put("SERVICE_PROVIDER", "consul");
    env.put("INSECURE_REGISTRIES", "registry.lan:5000, other:80");

    var s = Inputs.decode(env).settings();

    assertThat(s.timeout()).isEqualTo(Duration.ofSeconds(90));
    assertThat(s.dockerHost()).isEqualTo("unix:///run/podman.sock");
    assertThat(s.serviceProvider()).isEqualTo("consul");
    assertThat(s.isInsecure("registry.lan:5000")).isTrue();
    assertThat(s.isInsecure("127.0.0.1:5000")).isTrue();
    assertThat(s.isInsecure("ghcr.io")).isFalse();
  }

  @Test
  void theDefaultTimeoutIsFifteenMinutes() {
    Map<String, String> env =
        env("deploy-image", Fixtures.base64(Fixtures.json("params/deploy-image.json")));
    assertThat(Inputs.decode(env).settings().timeout()).isEqualTo(Duration.ofMinutes(15));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "acme/app",
        "https://git.example.test/acme/app.git",
        "git@git.example.test:acme/app.git",
        "file:///srv/repo.git"
      })
  void repositoryMayBeOwnerSlashRepoOrAUrl(String repository) {
    ObjectNode doc = Fixtures.json("params/deploy-repository.json");
    doc.put("repository", repository);
    Map<String, String> env = env("deploy-repository", Fixtures.base64(doc));
    env.put("DISPATCH_ALLOW_FILE_REPOSITORIES", "1");
    RepositoryDeployment d = (RepositoryDeployment) Inputs.decode(env).request();
    assertThat(((GitSource) d.source()).repository()).isEqualTo(repository);
  }

  @Test
  void tokensInARepositoryUrlAreSecrets() {
    ObjectNode doc = Fixtures.json("params/deploy-repository.json");
    doc.put("repository", "https://user:url-password-99@git.example.test/acme/app.git");
    assertThat(Inputs.decode(env("deploy-repository", Fixtures.base64(doc))).secrets())
        .contains("url-password-99");
  }

  @Test
  void anImageNameMayCarryItsOwnTagOrDigest() {
    ObjectNode doc = Fixtures.json("params/deploy-image.json");
    doc.put("imageName", "nginx:1.27").remove("imageTag");
    assertThat(image(doc).image()).hasToString("docker.io/library/nginx:1.27");
    doc.put("imageName", "ghcr.io/acme/app@sha256:" + "a".repeat(64));
    assertThat(image(doc).image().digest()).isEqualTo("sha256:" + "a".repeat(64));
  }

  @Test
  void commandsAndFileContentsMaySpanLinesWhereOneLineFieldsMayNot() {
    ObjectNode doc = Fixtures.json("params/deploy-image.json");
    doc.put("command", "sh -c 'echo a\n\techo b'");
    ((ObjectNode) doc.get("build")).put("startCommand", "set -e\nexec node server.js");

    ImageDeployment d = image(doc);

    assertThat(d.service().command()).contains("\n\techo b");
    assertThat(d.service().startCommand()).isEqualTo("set -e\nexec node server.js");
  }

  @Test
  void boundsAreGenerousEnoughForRealInput() {
    ObjectNode doc = Fixtures.json("params/deploy-image.json");
    doc.put("deploymentId", "d".repeat(128)).put("teamId", "t".repeat(4096));
    var networks = doc.putArray("networks");
    for (int i = 0; i < 100; i++) {
      networks.addObject().put("portNumber", 2000 + i);
    }
    doc.put("command", "x".repeat(65536));

    ImageDeployment d = image(doc);

    assertThat(d.service().networks()).hasSize(100);
    assertThat(d.identity().deploymentId()).hasSize(128);
  }

  @Test
  void destroyTakesUpTo500JobsAndDispatchedChildren() {
    ObjectNode doc = Fixtures.json("params/destroy-job-pack.json");
    var jobs = doc.putArray("jobs");
    jobs.addObject().put("jobId", "deployer/dispatch-1768471200-3f2a9c1e");
    for (int i = 1; i < 500; i++) {
      jobs.addObject().put("jobId", "job-" + i);
    }

    DestroyRequest d =
        (DestroyRequest) Inputs.decode(env("destroy-job-pack", Fixtures.base64(doc))).request();

    assertThat(d.jobs()).hasSize(500);
    assertThat(d.jobs().get(0).jobId()).isEqualTo("deployer/dispatch-1768471200-3f2a9c1e");
  }

  @Test
  void environmentRegistryCredentialsFollowTheBuildsRegistryWithoutRegistryUrl() {
    ObjectNode doc = Fixtures.json("params/deploy-repository.json");
    doc.put("imageName", "acme/admin-api");
    ((ObjectNode) doc.get("build")).put("registryUrl", "https://registry.example.test/");
    Map<String, String> env = env("deploy-repository", Fixtures.base64(doc));
    env.put("REGISTRY_USERNAME", "robot");
    env.put("REGISTRY_PASSWORD", "platform-pw");

    RepositoryDeployment d = (RepositoryDeployment) Inputs.decode(env).request();

    assertThat(d.registryCredentials())
        .get()
        .extracting(c -> c.registry())
        .isEqualTo("registry.example.test");
  }

  @Test
  void everySecretIsKnownIncludingTokenOnlyUserInfo() {
    ObjectNode doc = Fixtures.json("params/deploy-repository.json");
    doc.put("repository", "https://TokenOnly-55@git.example.test/acme/app.git");
    Map<String, String> env = env("deploy-repository", Fixtures.base64(doc));
    env.put("REGISTRY_URL", "https://robot:url-pw-66@registry.example.test");

    assertThat(Inputs.decode(env).secrets()).contains("TokenOnly-55", "url-pw-66");
  }

  @Test
  void aMissingTaskIsReportedBeforeAnythingElse() {
    assertThatThrownBy(() -> Inputs.decode(Map.of()))
        .isInstanceOf(BadInputException.class)
        .hasMessageStartingWith("NOMAD_META_TASK: is not set");
  }
}
