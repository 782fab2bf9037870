package io.dispatch.lifecycle.jobspec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.dispatch.lifecycle.params.JobKind;
import io.dispatch.lifecycle.params.PlatformNames;
import io.dispatch.lifecycle.params.Resources;
import io.dispatch.lifecycle.params.RuntimeConfig;
import io.dispatch.lifecycle.params.RuntimeConfig.LinkedSecret;
import io.dispatch.lifecycle.params.TemplateText;
import io.dispatch.lifecycle.run.StepFailedException;
import io.dispatch.portdetector.ImageMetadata;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class LaunchAndPlacementTest {

  /** A command a user might type: quotes, a newline, a backslash, a dollar and non-ASCII. */
  static final String AWKWARD_COMMAND =
      "echo \"it's \\\"quoted\\\"\" && printf 'a\\nb'\nexec node server.js --name=Zoë $PORT";

  private static JsonNode config(JobRequest request) {
    return JobSpecTest.task(request).get("Config");
  }

  @Test
  void aStartCommandRunsThroughTheShellAndIsSentVerbatim() {
    JsonNode config = config(JobRequests.builder("a").startCommand(AWKWARD_COMMAND).build());

    assertThat(config.get("entrypoint").toString()).isEqualTo("[\"/bin/sh\",\"-c\"]");
    assertThat(config.get("args").get(0).asText()).isEqualTo(AWKWARD_COMMAND);
    assertThat(config.has("command")).isFalse();
  }

  @Test
  void commandAndEntrypointParametersBecomeDockerCommandAndEntrypoint() {
    JsonNode config =
        config(
            JobRequests.builder("a")
                .command("npm")
                .entrypoint(List.of("/usr/bin/tini", "--", "node"))
                .build());

    assertThat(config.get("command").asText()).isEqualTo("npm");
    assertThat(config.get("entrypoint").toString())
        .isEqualTo("[\"/usr/bin/tini\",\"--\",\"node\"]");
    assertThat(config.has("args")).isFalse();
  }

  @Test
  void linkedSecretsAreArgumentsOfAFixedScriptThatThenRunsTheImagesCommand() {
    // Shell syntax in a value is data: the script never evaluates it.
    RuntimeConfig runtime =
        withLinked(
            new LinkedSecret("DSN", TemplateText.shellValue("user=$DB_USER; rm -rf / #x", "t")));
    JsonNode config =
        config(
            JobRequests.builder("a")
                .runtime(runtime)
                .imageMetadata(
                    new ImageMetadata(List.of(), List.of(), "", List.of("serve"), List.of("/app")))
                .build());

    assertThat(config.get("entrypoint").get(2).asText()).isEqualTo(LaunchCommand.EXPORT_THEN_EXEC);
    assertThat(config.get("args").toString())
        .isEqualTo("[\"DSN\",\"user=${DB_USER}; rm -rf / #x\",\"--\",\"/app\",\"serve\"]");
  }

  @Test
  void withAStartCommandTheLinkedSecretsWrapTheShell() {
    RuntimeConfig runtime =
        withLinked(new LinkedSecret("TOKEN", TemplateText.shellValue("${API_TOKEN}", "t")));
    JsonNode args =
        config(JobRequests.builder("a").runtime(runtime).startCommand("node server.js").build())
            .get("args");

    assertThat(args.toString())
        .isEqualTo("[\"TOKEN\",\"${API_TOKEN}\",\"--\",\"/bin/sh\",\"-c\",\"node server.js\"]");
  }

  @Test
  void linkedSecretsWithNothingToRunAreRefused() {
    RuntimeConfig runtime =
        withLinked(new LinkedSecret("TOKEN", TemplateText.shellValue("${API_TOKEN}", "t")));

    assertThatThrownBy(() -> JobSpec.job(JobRequests.builder("a").runtime(runtime).build()))
        .isInstanceOf(StepFailedException.class)
        .hasMessageContaining("set build.startCommand");
  }

  @Test
  void theNodePoolParameterWinsOverTheSetting() {
    PlatformNames names =
        new PlatformNames("kv", "", "", "", "letmutx/gpu", "gpu-minions", "minions");

    assertThat(
            JobSpecTest.job(JobRequests.builder("a").platform(names).build())
                .get("NodePool")
                .asText())
        .isEqualTo("minions");
    assertThat(
            JobSpecTest.job(JobRequests.builder("a").platform(names).nodePool("edge").build())
                .get("NodePool")
                .asText())
        .isEqualTo("edge");
  }

  @Test
  void aGpuJobGoesToTheGpuPoolAsksForTheDeviceAndItsModelButNotTheRegions() {
    JsonNode job =
        JobSpecTest.job(
            JobRequests.builder("ml")
                .nodePool("edge")
                .resources(new Resources(1000, 4096, 2, "a100"))
                .runtime(JobRequests.everythingRuntime())
                .startCommand("python train.py")
                .build());

    assertThat(job.get("NodePool").asText()).isEqualTo("gpu-minions");
    assertThat(job.get("Constraints").toString())
        .isEqualTo(
            "[{\"LTarget\":\"${node.class}\",\"Operand\":\"set_contains_any\",\"RTarget\":\"a100\"}]");
    JsonNode device = job.at("/TaskGroups/0/Tasks/0/Resources/Devices/0");
    assertThat(device.get("Name").asText()).isEqualTo("letmutx/gpu");
    assertThat(device.get("Count").asInt()).isEqualTo(2);
  }

  @Test
  void regionsConstrainTheNodeClass() {
    JsonNode job =
        JobSpecTest.job(
            JobRequests.builder("a")
                .runtime(JobRequests.everythingRuntime())
                .startCommand("run")
                .build());

    assertThat(job.at("/Constraints/0/RTarget").asText()).isEqualTo("eu-west,eu-central");
    assertThat(job.at("/Constraints/0/LTarget").asText()).isEqualTo("${node.class}");
  }

  static RuntimeConfig withLinked(LinkedSecret secret) {
    RuntimeConfig n = RuntimeConfig.none();
    return new RuntimeConfig(
        "",
        List.of(secret),
        Optional.empty(),
        Optional.empty(),
        List.of(),
        List.of(),
        List.of(),
        JobKind.service(),
        List.of(),
        n.deploy(),
        List.of(),
        List.of());
  }
}
