package io.dispatch.orchestrator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dispatch.testdata.BackendDouble;
import io.dispatch.testdata.Fixtures;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Bad input that still names the deployment and a backend is not met with silence: the backend
 * hears the task's first step failed, with the same one line the run prints, so the dashboard does
 * not wait forever. The exit code stays 2. Input that names no deployment, or no backend, or a dry
 * run, tells nobody.
 */
class SilenceTest {

  private static final String P = "NOMAD_META_PARAMS: ";
  private static final AdapterFactory MUST_NOT_BE_REACHED =
      StandIns.unreachable("bad input reached the lifecycle");

  private static BackendDouble backend;

  @BeforeAll
  static void start() {
    backend = BackendDouble.start();
  }

  @AfterAll
  static void stop() {
    backend.close();
  }

  @BeforeEach
  void reset() {
    backend.resetToHappyPath();
  }

  static Stream<Arguments> reported() {
    return Stream.of(
        Arguments.of(
            "a bad replicaCount",
            image(d -> d.put("replicaCount", "many"), true),
            "image_download",
            "app",
            P + "'replicaCount' must be a whole number or a string of digits"),
        Arguments.of(
            "a bad cpu, backend from the environment",
            repo(d -> d.put("cpu", 1.5), false),
            "clone",
            "git",
            P + "'cpu' must be a whole number or a string of digits"),
        Arguments.of(
            "an injected tag",
            image(d -> d.putObject("consul").putArray("tags").add("urlprefix-evil.com/"), true),
            "image_download",
            "app",
            P
                + "'consul.tags[0]' must not start with 'urlprefix-': the platform's routing uses"
                + " that prefix"),
        Arguments.of(
            "a missing branch on redeploy",
            with(repo(d -> d.remove("branch"), true), "NOMAD_META_TASK", "redeploy-repository"),
            "clone",
            "git",
            P + "'branch' is required"),
        Arguments.of(
            "a bad NOMAD_ADDR",
            with(image(d -> {}, true), "NOMAD_ADDR", "nomad:4646"),
            "image_download",
            "app",
            "NOMAD_ADDR: must be an http:// or https:// URL"),
        Arguments.of(
            "a bad LOG_LEVEL",
            with(image(d -> {}, true), "LOG_LEVEL", "loud"),
            "image_download",
            "app",
            "LOG_LEVEL: must be one of error, warn, info, debug, trace"));
  }

  static Stream<Arguments> notReported() {
    return Stream.of(
        Arguments.of("no deploymentId", image(d -> d.remove("deploymentId"), true)),
        Arguments.of(
            "a deploymentId that is not a safe id",
            image(d -> d.put("deploymentId", "d/../x").put("cpu", "x"), true)),
        Arguments.of(
            "no backend",
            HostileInputs.env(
                "deploy-image",
                Fixtures.base64(Fixtures.json(HostileInputs.IMAGE).put("cpu", "x")))),
        Arguments.of(
            "a backend URL without an access token",
            HostileInputs.env(
                "deploy-image",
                Fixtures.base64(
                    Fixtures.json(HostileInputs.IMAGE)
                        .put("cpu", "x")
                        .put("backendUrl", backend.url())))),
        Arguments.of("a dry run", with(image(d -> d.put("cpu", "x"), true), "DRY_RUN", "1")),
        Arguments.of("not JSON", with(image(d -> {}, true), "NOMAD_META_PARAMS", "{oops")),
        Arguments.of(
            "destroy-job-pack, which has no steps",
            with(
                with(
                    HostileInputs.env(
                        "destroy-job-pack",
                        Fixtures.base64(Fixtures.json(HostileInputs.DESTROY).put("reason", ""))),
                    "BACKEND_URL",
                    backend.url()),
                "ACCESS_TOKEN",
                BackendDouble.TOKEN)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("reported")
  void badInputThatNamesADeploymentAndABackendFailsTheFirstStep(
      String name, Map<String, String> env, String step, String type, String line) {
    Console r = Console.run(env, MUST_NOT_BE_REACHED);

    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).isEqualTo(line + System.lineSeparator());
    assertThat(backend.stepUpdates()).hasSize(1);
    JsonNode update = backend.stepUpdates().get(0);
    assertThat(update.path("deploymentId").asText()).isEqualTo(deploymentId(env));
    assertThat(update.path("deployment_type").asText()).isEqualTo(type);
    assertThat(update.path("step").asText()).isEqualTo(step);
    assertThat(update.path("status").asText()).isEqualTo("failed");
    assertThat(update.path("error").asText()).isEqualTo(line);
    assertThat(backend.calls()).hasSize(1);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("notReported")
  void badInputThatNamesNoDeploymentOrNoBackendTellsNobody(String name, Map<String, String> env) {
    Console r = Console.run(env, MUST_NOT_BE_REACHED);

    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err().lines()).hasSize(1);
    assertThat(backend.calls()).isEmpty();
  }

  private static String deploymentId(Map<String, String> env) {
    String params = env.get("NOMAD_META_PARAMS");
    return ParamsText.decode(params).path("deploymentId").asText();
  }

  /** A deploy-image document changed by {@code change}, with the backend in it or in the env. */
  private static Map<String, String> image(Consumer<ObjectNode> change, boolean inParams) {
    return doc("deploy-image", HostileInputs.IMAGE, change, inParams);
  }

  private static Map<String, String> repo(Consumer<ObjectNode> change, boolean inParams) {
    return doc("deploy-repository", HostileInputs.REPO, change, inParams);
  }

  private static Map<String, String> doc(
      String task, String fixture, Consumer<ObjectNode> change, boolean inParams) {
    ObjectNode d = Fixtures.json(fixture);
    Map<String, String> env = new HashMap<>();
    if (inParams) {
      d.put("backendUrl", backend.url()).put("accessToken", BackendDouble.TOKEN);
    } else {
      env.put("BACKEND_URL", backend.url());
      env.put("ACCESS_TOKEN", BackendDouble.TOKEN);
    }
    change.accept(d);
    env.putAll(HostileInputs.env(task, Fixtures.base64(d)));
    return env;
  }

  private static Map<String, String> with(Map<String, String> env, String name, String value) {
    Map<String, String> copy = new HashMap<>(env);
    copy.put(name, value);
    return copy;
  }
}
