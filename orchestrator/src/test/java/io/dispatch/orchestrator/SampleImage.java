package io.dispatch.orchestrator;

import io.dispatch.lifecycle.docker.DockerEngine;
import io.dispatch.lifecycle.params.ImageReference;
import io.dispatch.lifecycle.run.RunControl;
import io.dispatch.testdata.Fixtures;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * The sample web image (testdata's images/hello), built through podman and pushed to the local
 * registry once per test JVM under a repository of its own.
 */
final class SampleImage {

  static final String TAG = "1.0";
  private static String pushed;

  private SampleImage() {}

  /**
   * The repository it was pushed to, e.g. {@code 127.0.0.1:5000/it/hello-1a2b3c4d}; tag {@link
   * #TAG}.
   */
  static synchronized String pushed() {
    if (pushed == null) {
      pushed = build();
    }
    return pushed;
  }

  private static String build() {
    try {
      Path context = Files.createTempDirectory("sample-image");
      Files.createDirectories(context.resolve("www"));
      Files.writeString(context.resolve("Dockerfile"), Fixtures.text("images/hello/Dockerfile"));
      Files.writeString(context.resolve("www/index.html"), "hello\n");
      Files.copy(Path.of(System.getenv("TEST_BUSYBOX")), context.resolve("busybox"));
      String repository =
          System.getenv("TEST_REGISTRY")
              + "/it/hello-"
              + UUID.randomUUID().toString().substring(0, 8);
      ImageReference ref = ImageReference.parse(repository, TAG);
      try (DockerEngine docker = DockerEngine.connect(System.getenv("DOCKER_HOST"));
          RunControl control = RunControl.start(Clock.systemUTC(), Duration.ofMinutes(2))) {
        docker.build(context, "Dockerfile", Set.of(ref.toString()), Map.of(), line -> {}, control);
        docker.push(ref, Optional.empty(), line -> {}, control);
      }
      return repository;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
