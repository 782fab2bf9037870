package io.dispatch.orchestrator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dispatch.testdata.Fixtures;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every bad input ends with exit code 2 and exactly one line on stderr that names the variable and
 * the field; nothing reaches the lifecycle and no secret is printed.
 */
class BadInputTest {

  private static final String IMAGE = "params/deploy-image.json";
  private static final String REPO = "params/deploy-repository.json";
  private static final String DESTROY = "params/destroy-job-pack.json";

  private static final AdapterFactory MUST_NOT_BE_REACHED =
      StandIns.unreachable("bad input reached the lifecycle");

  private static Console run(Map<String, String> env) {
    return Console.run(env, MUST_NOT_BE_REACHED);
  }

  private static Map<String, String> env(String task, String params) {
    Map<String, String> env = new HashMap<>();
    if (task != null) {
      env.put("NOMAD_META_TASK", task);
    }
    if (params != null) {
      env.put("NOMAD_META_PARAMS", params);
    }
    return env;
  }

  private static Arguments doc(
      String task, String fixture, Consumer<ObjectNode> change, String expected) {
    ObjectNode d = Fixtures.json(fixture);
    change.accept(d);
    return Arguments.of(env(task, Fixtures.base64(d)), expected);
  }

  private static Arguments image(Consumer<ObjectNode> change, String expected) {
    return doc("deploy-image", IMAGE, change, expected);
  }

  private static Arguments withEnv(
      String fixture, String task, String var, String value, String expected) {
    Map<String, String> env = env(task, Fixtures.base64(Fixtures.json(fixture)));
    env.put(var, value);
    return Arguments.of(env, expected);
  }

  /** The shape of an NKey user seed; not a key. */
  private static final String SEED = "SU" + "A".repeat(56);

  private static Arguments nats(
      Consumer<ObjectNode> change, String servers, String seed, String prefix, String expected) {
    ObjectNode d = Fixtures.json(IMAGE);
    change.accept(d);
    Map<String, String> env = env("deploy-image", Fixtures.base64(d));
    env.put("NATS_SERVERS", servers);
    env.put("NATS_CLIENT_PRIVATE_KEY", seed);
    env.put("NATS_STREAM_PREFIX", prefix);
    return Arguments.of(env, expected);
  }

  static Stream<Arguments> natsInputs() {
    return Stream.of(
        nats(
            d -> {},
            "nats://n1:4222",
            "SUnot-a-seed-value",
            "",
            "NATS_CLIENT_PRIVATE_KEY: must be an NKey user seed (58 characters starting with SU)"),
        nats(
            d -> {},
            "nats://n1:4222 nats://n2:4222",
            SEED,
            "",
            "NATS_SERVERS: must be comma-separated server URLs such as nats://host:4222"),
        nats(
            d -> {},
            "nats://n1:4222",
            SEED,
            "cs.>",
            "NATS_STREAM_PREFIX: must be subject tokens separated by dots, without spaces, '*' or"
                + " '>'"),
        nats(
            d -> d.put("deploymentId", "dep.42"),
            "nats://n1:4222",
            SEED,
            "cs",
            "NOMAD_META_PARAMS: 'deploymentId' names the NATS log subject: it must not contain"
                + " spaces, dots, '*' or '>'"));
  }

  @ParameterizedTest(name = "{1}")
  @MethodSource("natsInputs")
  void unusableNatsSettingsAreBadInputWithoutTheSeed(Map<String, String> env, String expected) {
    Console r = run(env);

    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).isEqualTo(expected + System.lineSeparator());
    assertThat(r.err() + r.out()).doesNotContain("not-a-seed-value").doesNotContain(SEED);
  }

  static Stream<Arguments> badInputs() {
    String p = "NOMAD_META_PARAMS: ";
    return Stream.of(
        Arguments.of(
            env(null, "e30="),
            "NOMAD_META_TASK: is not set (expected one of deploy-repository, redeploy-repository, deploy-image, destroy-job-pack)"),
        Arguments.of(
            env("", "e30="),
            "NOMAD_META_TASK: is not set (expected one of deploy-repository, redeploy-repository, deploy-image, destroy-job-pack)"),
        Arguments.of(
            env("deploy-everything", "e30="),
            "NOMAD_META_TASK: unknown task 'deploy-everything' (expected one of deploy-repository, redeploy-repository, deploy-image, destroy-job-pack)"),
        Arguments.of(
            env("Deploy-Image", "e30="),
            "NOMAD_META_TASK: unknown task 'Deploy-Image' (expected one of deploy-repository, redeploy-repository, deploy-image, destroy-job-pack)"),
        Arguments.of(
            env("deploy-image", null), p + "is not set (base64 of the task's JSON parameters)"),
        Arguments.of(
            env("deploy-image", "not base64 at all!"), p + "is neither base64 nor a JSON object"),
        Arguments.of(
            env("deploy-image", Base64.getEncoder().encodeToString(new byte[] {(byte) 0xC3, 0x28})),
            p + "decodes from base64 to bytes that are not UTF-8 text"),
        Arguments.of(
            env("deploy-image", Fixtures.base64("{\"jobId\": ")),
            p + "is not valid JSON at line 1, column 11: the document ends too early"),
        Arguments.of(
            env("deploy-image", "{\"jobId\" \"x\"}"), p + "is not valid JSON at line 1, column 10"),
        Arguments.of(
            env("deploy-image", Fixtures.base64("[1,2]")), p + "must be a JSON object, not a list"),
        Arguments.of(
            env("deploy-image", Fixtures.base64("\"text\"")),
            p + "must be a JSON object, not a string"),
        image(d -> d.remove("jobId"), p + "'jobId' is required"),
        image(d -> d.put("jobId", 42), p + "'jobId' must be a string"),
        image(
            d -> d.put("jobId", "has space"),
            p + "'jobId' must be 1-128 letters, digits, '-' or '_' (it names the Nomad job)"),
        image(
            d -> {
              d.remove("imageName");
              d.remove("deploymentId");
            },
            p + "'imageName' is required"),
        image(
            d -> {
              d.remove("deploymentId");
              d.remove("serviceId");
            },
            p + "'deploymentId' is required"),
        image(d -> d.put("serviceId", " "), p + "'serviceId' is required"),
        image(
            d -> d.put("imageName", "Acme/App"),
            p
                + "'imageName' is not a valid image name (path components are lower-case letters, digits and . _ -)"),
        image(
            d -> d.put("imageTag", "bad tag"),
            p + "'imageName' has an invalid tag (letters, digits, _ . - up to 128)"),
        image(d -> d.put("cpu", "lots"), p + "'cpu' must be a whole number or a string of digits"),
        image(d -> d.put("cpu", 1.5), p + "'cpu' must be a whole number or a string of digits"),
        image(d -> d.put("ram", -1), p + "'ram' must be between 1 and 10000000"),
        image(
            d -> d.put("replicaCount", true),
            p + "'replicaCount' must be a whole number or a string of digits"),
        image(d -> d.put("restartAttempts", "3"), p + "'restartAttempts' must be a whole number"),
        image(d -> d.put("ownerId", true), p + "'ownerId' must be a string or a number"),
        image(d -> d.put("entrypoint", "sh -c"), p + "'entrypoint' must be a list"),
        image(
            d -> d.putArray("entrypoint").add("sh").add(1), p + "'entrypoint[1]' must be a string"),
        image(d -> d.put("networks", "8080"), p + "'networks' must be a list"),
        image(d -> d.putArray("networks").add(1), p + "'networks[0]' must be an object"),
        image(
            d -> d.putArray("networks").addObject().put("portType", "http"),
            p + "'networks[0].portNumber' is required"),
        image(
            d -> d.putArray("networks").addObject().put("portNumber", "eighty"),
            p + "'networks[0].portNumber' must be a whole number or a string of digits"),
        image(
            d -> d.putArray("networks").addObject().put("portNumber", 70000),
            p + "'networks[0].portNumber' must be between 1 and 65535"),
        image(
            d -> {
              var a = d.putArray("networks");
              a.addObject().put("portNumber", 80);
              a.addObject().put("portNumber", 53).put("portType", "udp");
            },
            p + "'networks[1].portType' must be http, tcp or none"),
        image(
            d -> d.putArray("networks").addObject().put("portNumber", 80).put("public", "yes"),
            p + "'networks[0].public' must be true or false"),
        image(
            d ->
                d.putArray("networks")
                    .addObject()
                    .put("portNumber", 80)
                    .putObject("health_check")
                    .put("interval", "soon"),
            p + "'networks[0].health_check.interval' must be a duration such as 30s, 5m or 1h30m"),
        image(
            d ->
                d.putArray("networks")
                    .addObject()
                    .put("portNumber", 80)
                    .putObject("health_check")
                    .put("timeout", "500ms"),
            p + "'networks[0].health_check.timeout' must be at least 1s"),
        image(
            d ->
                d.putArray("networks")
                    .addObject()
                    .put("portNumber", 80)
                    .putObject("health_check")
                    .put("type", "grpc"),
            p + "'networks[0].health_check.type' must be http, tcp or none"),
        image(
            d -> d.putObject("update").put("minHealthyTime", "10m"),
            p + "'update.minHealthyTime' must be shorter than update.healthyDeadline"),
        image(
            d -> d.putObject("update").put("healthyDeadline", "20m"),
            p + "'update.healthyDeadline' must be shorter than update.progressDeadline"),
        image(
            d -> d.putObject("update").put("autoPromote", true).put("canary", 0),
            p + "'update.autoPromote' needs update.canary above 0"),
        image(
            d -> d.putObject("update").put("maxParallel", "x"),
            p + "'update.maxParallel' must be a whole number or a string of digits"),
        image(d -> d.put("update", "fast"), p + "'update' must be an object"),
        image(
            d -> d.putObject("jobConfig").put("type", "cronjob"),
            p + "'jobConfig.type' must be service, batch, sysbatch or system"),
        image(
            d -> d.putObject("jobConfig").put("type", "service").put("cron", "0 * * * *"),
            p
                + "'jobConfig.cron' needs jobConfig.type batch or sysbatch (Nomad launches only"
                + " those on a schedule or by dispatch)"),
        image(
            d ->
                d.putObject("jobConfig").put("payload", "maybe").putArray("meta_required").add("x"),
            p + "'jobConfig.payload' must be optional, required or forbidden"),
        image(d -> d.put("deploy", "helm"), p + "'deploy' must be nomad-pack or noop"),
        image(d -> d.put("privateRegistry", "team"), p + "'privateRegistryProvider' is required"),
        image(
            d -> d.putArray("csiVolume").addObject().put("id", "vol_1"),
            p + "'csiVolume[0].mountPaths' must name at least one path"),
        image(
            d -> {
              d.remove("projectId");
              d.put("sharedSecretPath", "shared");
            },
            p
                + "'sharedSecretPath' needs projectId (the secret lives under the project's path and"
                + " policy)"),
        image(
            d ->
                d.putArray("configFiles")
                    .addObject()
                    .put("path", "a.conf")
                    .put("content", "not base64!"),
            p + "'configFiles[0].content' must be base64"),
        image(
            d ->
                d.putArray("vaultLinkedSecrets")
                    .addObject()
                    .put("secret", "X")
                    .put("template", "$(id)"),
            p
                + "'vaultLinkedSecrets[0].template' may hold only plain text and $VAR or ${VAR}"
                + " references (no quotes, backslashes, backticks, braces, other '$' expansions or"
                + " control characters)"),
        image(
            d -> d.put("nomadAddress", "nomad:4646"),
            p + "'nomadAddress' must be an http:// or https:// URL"),
        image(
            d -> d.put("backendUrl", "ftp://x").put("accessToken", "tok-12345"),
            p + "'backendUrl' must be an http:// or https:// URL"),
        doc("deploy-repository", REPO, d -> d.remove("repository"), p + "'repository' is required"),
        doc("deploy-repository", REPO, d -> d.remove("branch"), p + "'branch' is required"),
        doc(
            "deploy-repository",
            REPO,
            d -> d.put("repository", "just-a-name"),
            p + "'repository' must be owner/repo or a repository URL"),
        doc(
            "deploy-repository",
            REPO,
            d -> d.put("branch", "bad..branch"),
            p + "'branch' is not a valid branch name"),
        doc(
            "deploy-repository",
            REPO,
            d -> d.put("gitPass", 12345678),
            p + "'gitPass' must be a string"),
        doc(
            "deploy-repository",
            REPO,
            d -> d.put("sourceType", "local_upload"),
            p + "'sourceUrl' is required"),
        doc(
            "deploy-repository",
            REPO,
            d -> d.put("sourceType", "local_upload").put("sourceUrl", "s3://bucket/x.tar.gz"),
            p + "'sourceUrl' must be an http:// or https:// URL"),
        doc(
            "deploy-repository",
            REPO,
            d -> ((ObjectNode) d.get("build")).put("rootDirectory", "../outside"),
            p + "'build.rootDirectory' must stay inside the repository"),
        doc(
            "deploy-repository",
            REPO,
            d -> ((ObjectNode) d.get("build")).put("disablePush", "yes"),
            p + "'build.disablePush' must be true or false"),
        doc(
            "deploy-repository",
            REPO,
            d -> d.put("imageName", "acme/admin-api"),
            p
                + "'imageName' needs a registry host to push to (or set build.registryUrl or REGISTRY_URL)"),
        doc(
            "deploy-repository",
            REPO,
            d -> ((ObjectNode) d.get("build")).put("builder", "buildpacks"),
            p
                + "'build.builder' must be csdocker, docker, railpack, nixpacks or noop (or empty to detect)"),
        doc(
            "deploy-repository",
            REPO,
            d -> {
              d.put("imageName", "acme/admin-api");
              ((ObjectNode) d.get("build")).put("builder", "noop").put("disablePush", true);
            },
            p
                + "'imageName' needs the registry host that holds it with build.builder noop (or set build.registryUrl or REGISTRY_URL)"),
        doc(
            "deploy-repository",
            REPO,
            d -> ((ObjectNode) d.get("build")).putObject("staticBuildEnv").put("-x=1 --y", "v"),
            p
                + "'build.staticBuildEnv' names must not be empty, start with '-', or contain '=', spaces or controls"),
        doc(
            "destroy-job-pack",
            DESTROY,
            d -> d.putArray("jobs"),
            p + "'jobs' must list at least one job"),
        doc(
            "destroy-job-pack",
            DESTROY,
            d -> d.remove("jobs"),
            p + "'jobs' must list at least one job"),
        doc("destroy-job-pack", DESTROY, d -> d.put("jobs", "web"), p + "'jobs' must be a list"),
        doc(
            "destroy-job-pack",
            DESTROY,
            d -> ((ObjectNode) d.get("jobs").get(1)).remove("jobId"),
            p + "'jobs[1].jobId' is required"),
        doc("destroy-job-pack", DESTROY, d -> d.remove("reason"), p + "'reason' is required"),
        withEnv(
            IMAGE,
            "deploy-image",
            "DISPATCH_TIMEOUT",
            "soon",
            "DISPATCH_TIMEOUT: must be a duration such as 90s, 15m or 1h"),
        withEnv(
            IMAGE,
            "deploy-image",
            "DISPATCH_TIMEOUT",
            "0s",
            "DISPATCH_TIMEOUT: must be a duration such as 90s, 15m or 1h"),
        withEnv(IMAGE, "deploy-image", "LOG_FORMAT", "xml", "LOG_FORMAT: must be text or json"),
        withEnv(
            IMAGE,
            "deploy-image",
            "LOG_LEVEL",
            "loud",
            "LOG_LEVEL: must be one of error, warn, info, debug, trace"),
        withEnv(
            IMAGE,
            "deploy-image",
            "SERVICE_PROVIDER",
            "etcd",
            "SERVICE_PROVIDER: must be nomad or consul"),
        withEnv(
            IMAGE,
            "deploy-image",
            "DOCKER_HOST",
            "ssh://host",
            "DOCKER_HOST: must be unix:///path or tcp://host:port"),
        withEnv(IMAGE, "deploy-image", "NOMAD_ADDR", "not a url", "NOMAD_ADDR: is not a URL"));
  }

  @ParameterizedTest(name = "{1}")
  @MethodSource("badInputs")
  void badInputExitsWithTwoAndOneLineNamingTheProblem(Map<String, String> env, String expected) {
    Console r = run(env);

    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).isEqualTo(expected + System.lineSeparator());
    assertThat(r.out()).doesNotContain("Exception").doesNotContain("\tat ");
  }

  @Test
  void secretsNeverAppearWhenTheirFieldIsWrong() {
    ObjectNode d = Fixtures.json(REPO);
    d.put("branch", 7);
    Map<String, String> env = env("deploy-repository", Fixtures.base64(d));
    env.put("ACCESS_TOKEN", "access-token-value-123");

    Console r = run(env);

    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err() + r.out())
        .doesNotContain("ghs_exampleTokenNotReal")
        .doesNotContain("access-token-value-123")
        .doesNotContain("nomad-example-token");
  }

  @Test
  void invalidJsonNeverEchoesTheDocument() {
    Console r = run(env("deploy-image", "{\"gitPass\": \"sup3r-s3cret\", oops}"));

    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).doesNotContain("sup3r-s3cret");
  }

  @Test
  void unknownArgumentsAreBadInput() {
    Console console = Console.run(new String[] {"--deploy"}, Map.of(), MUST_NOT_BE_REACHED);

    assertThat(console.code()).isEqualTo(2);
    assertThat(console.err())
        .isEqualTo("unknown arguments '--deploy' (see --help)" + System.lineSeparator());
  }

  @Test
  void helpAndVersionExitWithZero() {
    Console help = Console.run(new String[] {"--help"}, Map.of(), MUST_NOT_BE_REACHED);
    Console version = Console.run(new String[] {"--version"}, Map.of(), MUST_NOT_BE_REACHED);

    assertThat(help.code()).isZero();
    assertThat(version.code()).isZero();
    assertThat(help.out())
        .contains("NOMAD_META_TASK", "Exit codes: 0 deployed")
        .contains("NATS_SERVERS", "NATS_CLIENT_PRIVATE_KEY", "NATS_STREAM_PREFIX");
    assertThat(version.out()).containsPattern("dispatch-orchestrator \\d+\\.\\d+\\.\\d+");
  }
}
