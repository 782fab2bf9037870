package io.dispatch.lifecycle.ports;

import io.dispatch.lifecycle.image.ImageReference;
import io.dispatch.lifecycle.params.RegistryCredentials;
import io.dispatch.portdetector.ImageMetadata;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/** Builds and pushes images through a Docker-compatible engine. */
public interface ImageBuilder {

  /**
   * Builds {@code dockerfile} (relative to {@code context}) and tags the result {@code tag}.
   *
   * @param output receives the build's output, line by line
   * @return the image id
   * @throws io.dispatch.lifecycle.run.StepFailedException with the engine's message
   */
  String build(
      Path context,
      String dockerfile,
      ImageReference tag,
      Map<String, String> buildArgs,
      Consumer<String> output);

  /** What the image's config says. */
  ImageMetadata inspect(String imageId);

  /**
   * Tags {@code imageId} as {@code target} and pushes it.
   *
   * @return the pushed manifest digest
   * @throws io.dispatch.lifecycle.run.StepFailedException with the registry's message
   */
  String push(String imageId, ImageReference target, Optional<RegistryCredentials> credentials);

  /** Removes a local tag; best-effort. */
  void removeTag(ImageReference tag);
}
