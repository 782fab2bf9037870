package io.dispatch.lifecycle.docker;

import static io.dispatch.lifecycle.docker.TestImages.uniqueRepository;
import static org.assertj.core.api.Assertions.assertThat;

import io.dispatch.lifecycle.run.RunControl;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code scripts/test-services.sh} as a new user meets it: services started from one copy of the
 * project keep serving builds after that copy is deleted, and a changed configuration restarts
 * them. It runs in a state directory of its own, so its podman has a store of its own; the
 * registries on their fixed ports are the suite's and are left alone.
 */
class ServicesCopyIT {

  private static final Path PROJECT = Path.of("..").toAbsolutePath().normalize();

  @TempDir Path tmp;

  private record Result(int code, List<String> stderr) {
    List<String> restarts() {
      return stderr.stream().filter(line -> line.contains("restart")).toList();
    }
  }

  @AfterEach
  void reset() {
    assertThat(script(PROJECT, "--reset").code()).isZero();
    assertThat(state()).doesNotExist();
  }

  @Test
  void servicesStartedFromACopyThatIsThenDeletedServeABuildFromAnotherCopy() throws IOException {
    Path first = copyOfProject("first");
    assertThat(script(first, "true").code()).isZero();
    long pid = podmanPid();
    delete(first);

    Result again = script(PROJECT, "true");

    assertThat(again.code()).isZero();
    assertThat(again.restarts()).isEmpty();
    assertThat(podmanPid()).isEqualTo(pid);
    assertThat(Files.readString(Path.of("/proc/" + pid + "/environ")))
        .doesNotContain(first.toString());
    // A RUN step works only with the project's containers.conf (runc, lowered ulimits) on hosts
    // like this one, so this build also shows that the service runs with the copied configuration.
    try (DockerEngine engine = DockerEngine.connect("unix://" + state().resolve("podman.sock"));
        RunControl control = RunControl.start(Clock.systemUTC(), Duration.ofMinutes(2))) {
      String tag = "localhost/" + uniqueRepository("services") + ":1";
      String id =
          TestImages.build(
              engine,
              tmp.resolve("context"),
              Set.of(tag),
              control,
              "RUN [\"/bin/busybox\", \"true\"]");
      assertThat(id).startsWith("sha256:");
    }
  }

  @Test
  void aServiceWhoseConfigurationChangedIsRestartedWithOneLineSayingSo() throws IOException {
    assertThat(script(PROJECT, "true").code()).isZero();
    long pid = podmanPid();
    Path changed = copyOfProject("changed");
    Files.writeString(
        changed.resolve("scripts/podman/registries.conf"),
        "\n# changed\n",
        StandardOpenOption.APPEND);

    Result restarted = script(changed, "true");

    assertThat(restarted.code()).isZero();
    assertThat(restarted.restarts())
        .containsExactly(
            "test-services: podman: configuration changed (registries.conf); restarting it");
    assertThat(podmanPid()).isNotEqualTo(pid);
    assertThat(script(changed, "true").restarts()).isEmpty();
  }

  private Path state() {
    return tmp.resolve("state");
  }

  private long podmanPid() throws IOException {
    return Long.parseLong(Files.readString(state().resolve("podman/pid")).strip());
  }

  /** What a copy of the project needs to start the services: its scripts directory. */
  private Path copyOfProject(String name) throws IOException {
    Path copy = tmp.resolve(name);
    Path from = PROJECT.resolve("scripts");
    try (Stream<Path> files = Files.walk(from)) {
      for (Path f : files.toList()) {
        Path to = copy.resolve("scripts").resolve(from.relativize(f).toString());
        if (Files.isDirectory(f)) {
          Files.createDirectories(to);
        } else {
          Files.copy(f, to);
        }
      }
    }
    return copy;
  }

  private static void delete(Path dir) throws IOException {
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path f : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(f);
      }
    }
  }

  /** Runs the copy's {@code scripts/test-services.sh args} on this test's state directory. */
  private Result script(Path project, String... args) {
    List<String> command =
        Stream.concat(
                Stream.of("bash", project.resolve("scripts/test-services.sh").toString()),
                Stream.of(args))
            .toList();
    try {
      ProcessBuilder pb =
          new ProcessBuilder(command)
              .redirectOutput(ProcessBuilder.Redirect.DISCARD)
              .redirectError(tmp.resolve("stderr").toFile());
      pb.environment().put("DISPATCH_SERVICES_DIR", state().toString());
      Process p = pb.start();
      if (!p.waitFor(2, TimeUnit.MINUTES)) {
        p.destroyForcibly();
        throw new AssertionError(String.join(" ", command) + " did not finish");
      }
      return new Result(
          p.exitValue(), Files.readAllLines(tmp.resolve("stderr"), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    }
  }
}
