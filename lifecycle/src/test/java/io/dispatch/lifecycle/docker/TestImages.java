package io.dispatch.lifecycle.docker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dispatch.lifecycle.run.RunControl;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The real services of {@code scripts/test-services.sh} and tiny images for integration tests:
 * {@code FROM scratch} plus a static busybox, since nothing can be pulled from the internet here.
 */
public final class TestImages {

  /** The label that marks the images of one test build; see {@link #build}. */
  public static final String OWNER = "it.owner";

  private static final ObjectMapper JSON = new ObjectMapper();

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

  /**
   * Builds {@code FROM scratch}, the label {@value #OWNER}={@code <the tags>}, busybox, then {@code
   * lines}; returns the image id. The label comes first, so no layer of the image is shared with
   * another test's image: removing the tags removes exactly this image and its parents, and no
   * other build can be using them.
   */
  public static String build(
      DockerEngine engine, Path dir, Set<String> tags, RunControl control, String... lines) {
    return build(engine, dir, tags, control, line -> {}, lines);
  }

  /** {@link #build(DockerEngine, Path, Set, RunControl, String...)}, logging the build's lines. */
  public static String build(
      DockerEngine engine,
      Path dir,
      Set<String> tags,
      RunControl control,
      Consumer<String> log,
      String... lines) {
    List<String> dockerfile =
        new ArrayList<>(
            List.of(
                "FROM scratch",
                "LABEL " + OWNER + "=\"" + owner(tags) + "\"",
                "COPY busybox /bin/busybox"));
    dockerfile.addAll(List.of(lines));
    context(dir, dockerfile.toArray(String[]::new));
    return engine.build(dir, "Dockerfile", tags, Map.of(), log, control);
  }

  /** The value of {@link #OWNER} on every image a build with these tags commits. */
  public static String owner(Set<String> tags) {
    return String.join(",", new TreeSet<>(tags));
  }

  /** The ids of the images labelled {@link #OWNER}={@code owner}, intermediate ones included. */
  public static List<String> imagesOwnedBy(String owner) {
    String ids =
        podman("images", "--all", "--filter", "label=" + OWNER + "=" + owner, "--format={{.ID}}");
    return ids.isEmpty() ? List.of() : List.of(ids.split("\n"));
  }

  /**
   * Removes the images labelled {@link #OWNER}={@code owner}, children before parents. Removing a
   * tag does not remove them all: Podman cannot tell the parent of an image that added no layer
   * (our {@code LABEL}), so it stops pruning there.
   *
   * @return the ids that could not be removed
   */
  public static List<String> removeImagesOwnedBy(DockerEngine engine, String owner) {
    List<String> left = new ArrayList<>(imagesOwnedBy(owner));
    boolean progress = true;
    while (!left.isEmpty() && progress) {
      progress =
          left.removeIf(
              id -> {
                try {
                  engine.remove(id);
                  return true;
                } catch (DockerEngineException hasChildrenLeft) {
                  return false;
                }
              });
    }
    return left;
  }

  /**
   * The containers, build containers of Podman included, whose image id starts with one of {@code
   * imageIds} (short ids are fine).
   */
  public static List<String> containersOn(Collection<String> imageIds) {
    List<String> found = new ArrayList<>();
    try {
      for (JsonNode c : JSON.readTree(podman("ps", "--all", "--external", "--format=json"))) {
        String image = c.path("ImageID").asText();
        if (!image.isEmpty() && imageIds.stream().anyMatch(image::startsWith)) {
          found.add(c.path("Id").asText() + " " + c.path("Names"));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return found;
  }

  /**
   * Waits until no container stands on {@code imageIds}: after a run stopped a build, Podman goes
   * on with the step it was in until the step ends, then removes the build's containers.
   */
  public static void awaitNoContainerOn(Collection<String> imageIds, Duration atMost) {
    long until = System.nanoTime() + atMost.toNanos();
    List<String> left = containersOn(imageIds);
    while (!left.isEmpty()) {
      if (System.nanoTime() > until) {
        throw new AssertionError(
            "containers still on " + imageIds + " after " + atMost + ": " + left);
      }
      try {
        Thread.sleep(200);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted", e);
      }
      left = containersOn(imageIds);
    }
  }

  /**
   * Runs the podman CLI; fails with its output. It sees the service's store through the {@code
   * CONTAINERS_*} variables that {@code scripts/test-services.sh} exports.
   */
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
