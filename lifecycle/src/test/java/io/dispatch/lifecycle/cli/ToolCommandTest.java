package io.dispatch.lifecycle.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.dispatch.lifecycle.params.BuilderName;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ToolCommandTest {

  private static final Map<String, String> INHERITED =
      Map.of(
          "PATH",
          "/usr/bin",
          "DOCKER_HOST",
          "unix:///run/docker.sock",
          "BUILDKIT_HOST",
          "tcp://bk:1234");

  private static TreeMap<String, String> env(String... kv) {
    TreeMap<String, String> m = new TreeMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put(kv[i], kv[i + 1]);
    }
    return m;
  }

  @Test
  void railpackGetsTheGoArgumentsAndBuildKit() {
    ToolCommand c =
        ToolCommand.build(
            BuilderName.RAILPACK,
            "/opt/bin/railpack",
            "reg:5000/app:dispatch-1",
            env("NODE_ENV", "production", "API_TOKEN", "s3cr3t value"),
            INHERITED);

    assertThat(c.arguments())
        .containsExactly(
            "/opt/bin/railpack",
            "build",
            ".",
            "--name",
            "reg:5000/app:dispatch-1",
            "--env",
            "API_TOKEN=s3cr3t value",
            "--env",
            "NODE_ENV=production");
    assertThat(c.environment())
        .containsEntry("DOCKER_BUILDKIT", "1")
        .containsEntry("BUILDKIT_HOST", "tcp://bk:1234")
        .containsEntry("DOCKER_HOST", "unix:///run/docker.sock");
  }

  @Test
  void nixpacksGetsTheSameShapeWithoutBuildKit() {
    ToolCommand c =
        ToolCommand.build(
            BuilderName.NIXPACKS, "/usr/bin/nixpacks", "app:dispatch-2", env(), INHERITED);

    assertThat(c.arguments())
        .containsExactly("/usr/bin/nixpacks", "build", ".", "--name", "app:dispatch-2");
    assertThat(c.environment()).isEqualTo(INHERITED);
  }

  @Test
  void theLoggedCommandHidesVariableValues() {
    ToolCommand c =
        ToolCommand.build(
            BuilderName.RAILPACK,
            "/opt/bin/railpack",
            "app:1",
            env("API_TOKEN", "s3cr3t"),
            INHERITED);

    assertThat(c.display()).isEqualTo("railpack build . --name app:1 --env API_TOKEN=…");
  }

  @Test
  void theInheritedEnvironmentKeepsToolsAndDaemonSettingsAndDropsTheOrchestratorsSecrets() {
    Map<String, String> env =
        Map.of(
            "PATH", "/bin",
            "HOME", "/root",
            "BUILDKIT_HOST", "docker-container://buildkit",
            "LC_ALL", "C.UTF-8",
            "MISE_DATA_DIR", "/mise",
            "NOMAD_META_PARAMS", "eyJnaXRQYXNzIjoi",
            "ACCESS_TOKEN", "tok",
            "REGISTRY_PASSWORD", "pw",
            "NOMAD_TOKEN", "nt",
            "DOCKER_HOST", "tcp://elsewhere:2375");

    assertThat(ToolEnvironment.from(env))
        .containsOnlyKeys("PATH", "HOME", "BUILDKIT_HOST", "LC_ALL", "MISE_DATA_DIR");
  }

  @Test
  void programsAreFoundLikeAShellFindsThem(@TempDir Path dir) throws IOException {
    Path first = Files.createDirectories(dir.resolve("first"));
    Path second = Files.createDirectories(dir.resolve("second"));
    Files.writeString(first.resolve("nixpacks"), "not executable");
    Path runnable = Files.writeString(second.resolve("nixpacks"), "#!/bin/sh\n");
    Files.setPosixFilePermissions(runnable, PosixFilePermissions.fromString("rwxr-xr-x"));
    Files.createDirectories(first.resolve("railpack"));

    ExecutableLookup lookup =
        new ExecutableLookup(
            String.join(":", List.of("", "relative/bin", first.toString(), second.toString())));

    assertThat(lookup.find("nixpacks")).contains(runnable);
    assertThat(lookup.find("railpack")).isEmpty();
    assertThat(new ExecutableLookup(null).find("sh")).isEmpty();
  }
}
