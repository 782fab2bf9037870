package io.dispatch.lifecycle.docker;

import io.dispatch.lifecycle.run.RunControl;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * The real services of {@code scripts/test-services.sh} and tiny images for integration tests:
 * {@code FROM scratch} plus a static busybox, since nothing can be pulled from the internet here.
 */
public final class TestImages {

  private TestImages() {}

  /** A variable exported by {@code source scripts/test-services.sh}. */
  public static String env(String name) {
    String value = System.getenv(name);
    if (value == null || value.isBlank()) {
      throw new IllegalStateException(
          "$" + name + " is not set: run `source scripts/test-services.sh` first");
    }
    return value;
  }

  public static DockerEngine engine() {
    return DockerEngine.connect(env("DOCKER_HOST"));
  }

  /** A repository name no other test (or engineer) uses: {@code it/<test>-<random>}. */
  public static String uniqueRepository(String test) {
    return "it/" + test + "-" + UUID.randomUUID().toString().substring(0, 8);
  }

  /** Writes a build context with busybox at its root and a Dockerfile of these lines. */
  public static Path context(Path dir, String... dockerfileLines) {
    try {
      Files.createDirectories(dir);
      Files.copy(
          Path.of(env("TEST_BUSYBOX")),
          dir.resolve("busybox"),
          StandardCopyOption.REPLACE_EXISTING);
      Files.write(dir.resolve("Dockerfile"), List.of(dockerfileLines), StandardCharsets.UTF_8);
      return dir;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Builds {@code FROM scratch}, busybox, then {@code lines}; returns the image id. */
  public static String build(
      DockerEngine engine, Path dir, Set<String> tags, RunControl control, String... lines) {
    List<String> dockerfile = new ArrayList<>(List.of("FROM scratch", "COPY busybox /bin/busybox"));
    dockerfile.addAll(List.of(lines));
    context(dir, dockerfile.toArray(String[]::new));
    return engine.build(dir, "Dockerfile", tags, Map.of(), line -> {}, control);
  }

  /** Runs the podman CLI against the same storage as the service; fails with its output. */
  public static String podman(String... args) {
    List<String> command = new ArrayList<>();
    command.add("podman");
    command.addAll(List.of(args));
    try {
      Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
      p.getOutputStream().close();
      byte[] out = p.getInputStream().readAllBytes();
      if (!p.waitFor(120, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new IllegalStateException(String.join(" ", command) + " timed out");
      }
      String text = new String(out, StandardCharsets.UTF_8);
      if (p.exitValue() != 0) {
        throw new IllegalStateException(String.join(" ", command) + " failed: " + text);
      }
      return text.strip();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }
}
